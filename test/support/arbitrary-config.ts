import fc from "fast-check";
import { type FieldInfo, type MessageInfo, type ScalarType, messageInfo } from "../../src/schema/descriptors.js";
import { int64InMemory } from "../../src/pbtxt/numbers.js";
import type { FieldValue, MessageValue } from "../../src/pbtxt/types.js";
import { decodeUtf8Bytes } from "../../src/pbtxt/utf8.js";
import { stringBytes } from "./wire-values.js";

/**
 * fast-check arbitraries for any message of the schema, built from the
 * descriptors, weighted towards the boundaries where a printer or reader
 * goes wrong (test/pbtxt/generator-coverage.test.ts measures that they
 * are reached, so the weights cannot silently drift away):
 * - strings: control characters (U+0000–U+001F, U+007F), characters of 2, 3
 *   and 4 UTF-8 bytes, and bytes that are not UTF-8, right next to digits,
 *   quotes and backslashes; above all an escaped byte followed by an octal
 *   digit, where `\0` + `1` must not print as `\01`;
 * - integers: each type's min and max, 0, -1, the 32-bit and 2^53 edges;
 * - floats and doubles: +0, -0, the smallest and largest subnormals, the
 *   smallest normal, FLT_MAX / DBL_MAX, ±inf, NaN, and values whose shortest
 *   spelling needs all 9 (float) or 17 (double) significant digits;
 * - repeated fields and maps: empty, one element, a few;
 * - every enum value by name, and numbers the enum lacks (proto3 enums are
 *   open, protoc accepts them); every member of every oneof.
 */
const INT_BOUNDS: Partial<Record<ScalarType, [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

// ---- strings ---------------------------------------------------------------

const CONTROL = [...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)), "\u007f"];
/** A byte that is not UTF-8, as values hold it (U+DC00 + byte, src/pbtxt/utf8.ts). */
const rawByte = fc
  .constantFrom(0x80, 0xa9, 0xbf, 0xc0, 0xc3, 0xe6, 0xed, 0xf0, 0xf4, 0xf5, 0xff)
  .map((b) => String.fromCharCode(0xdc00 + b));
/** Options of the generators. */
export interface ConfigArbitraryOptions {
  /**
   * Whether strings may hold bytes that are not UTF-8 (default true). protoc
   * reads and writes them in text, but refuses them on the wire, so wire
   * round trips need values without them.
   */
  rawBytes?: boolean;
}

function stringPieces(rawBytes: boolean): fc.Arbitrary<string> {
  /** What prints as an escape: control characters and raw bytes. */
  const escaped = rawBytes
    ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...CONTROL) }, { weight: 1, arbitrary: rawByte })
    : fc.constantFrom(...CONTROL);
  return fc.oneof(
    { weight: 3, arbitrary: escaped },
    { weight: 3, arbitrary: fc.constantFrom(..."0123456789") },
    { weight: 2, arbitrary: fc.constantFrom('"', "'", "\\") },
    // 2- and 3-byte characters, the byte-order mark, a line separator, 4-byte characters.
    { weight: 2, arbitrary: fc.constantFrom("é", "模", "\ufeff", "\u00a0", "\u2028", "🤖", "\u{10000}", "\u{10ffff}") },
    // Letters that continue an escape (\x, \u, \U, hex digits) or a number, and the grammar's own characters.
    { weight: 2, arbitrary: fc.constantFrom("a", "f", "x", "u", "U", "e", "?", " ", "#", "{", "}", ":") },
    // The octal escape's hazard: an escaped byte right before an octal digit.
    {
      weight: 3,
      arbitrary: fc.tuple(escaped, fc.constantFrom(..."01234567")).map(([e, d]) => e + d),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
  );
}

const tricky = fc.constantFrom("", "__proto__", "constructor", "#not a comment", "modèle 模型 🤖");

/**
 * Raw bytes next to each other or to other characters may form UTF-8 (a lead
 * byte then a continuation byte); values hold such bytes as the character
 * (utf8.ts), so the string goes through bytes once to take that form.
 */
const canonical = (s: string): string => decodeUtf8Bytes(stringBytes(s));

function stringValue(rawBytes: boolean): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: tricky },
    {
      weight: 6,
      arbitrary: fc.array(stringPieces(rawBytes), { maxLength: 6 }).map((p) => canonical(p.join(""))),
    },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  );
}

// ---- numbers ---------------------------------------------------------------

const bits32 = new DataView(new ArrayBuffer(4));
const bits64 = new DataView(new ArrayBuffer(8));

const FLT_TRUE_MIN = 1.401298464324817e-45;
const FLT_MAX_SUBNORMAL = 1.1754942106924411e-38;
const FLT_MIN = 1.1754943508222875e-38;
const FLT_MAX = 3.4028234663852886e38;

/** A float32 whose shortest decimal has 9 significant digits: 8 do not read back. */
const floatNeeding9Digits = fc
  .integer({ min: 0, max: 0xffffffff })
  .map((b) => {
    bits32.setUint32(0, b);
    return bits32.getFloat32(0);
  })
  .filter((f) => Number.isFinite(f) && Math.fround(Number(f.toPrecision(8))) !== f);

/** A double whose shortest decimal has 17 significant digits. */
const doubleNeeding17Digits = fc
  .bigInt({ min: 0n, max: 2n ** 64n - 1n })
  .map((b) => {
    bits64.setBigUint64(0, b);
    return bits64.getFloat64(0);
  })
  .filter((d) => Number.isFinite(d) && Number(d.toPrecision(16)) !== d);

const signed = (values: number[]): number[] => values.flatMap((v) => [v, -v]);

/** The values every float or double printer must get right, each about as likely as a random value. */
const NON_FINITE_AND_ZEROS = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

const floatValue: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NON_FINITE_AND_ZEROS) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...signed([FLT_TRUE_MIN, FLT_MAX_SUBNORMAL, FLT_MIN, FLT_MAX, 1, Math.fround(0.1), 16777216]),
    ),
  },
  { weight: 2, arbitrary: floatNeeding9Digits },
  { weight: 1, arbitrary: fc.float({ noDefaultInfinity: false, noNaN: false }).map((v) => Math.fround(v)) },
);

const doubleValue: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NON_FINITE_AND_ZEROS) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...signed([5e-324, 2.225073858507201e-308, 2.2250738585072014e-308, Number.MAX_VALUE, 0.1, 0.30000000000000004]),
    ),
  },
  { weight: 2, arbitrary: doubleNeeding17Digits },
  { weight: 1, arbitrary: fc.double() },
);

/** Each integer type's edges: its bounds and their neighbours, 0, ±1, the 32-bit and 2^53 edges inside it. */
function integerEdges(min: bigint, max: bigint): bigint[] {
  const candidates = [min, min + 1n, max - 1n, max, 0n, 1n, -1n, 2n ** 31n, 2n ** 32n, 2n ** 53n];
  const around = candidates.slice(7).flatMap((e) => [e - 1n, e, e + 1n, -e - 1n, -e, -e + 1n]);
  return [...new Set([...candidates.slice(0, 7), ...around])].filter((v) => v >= min && v <= max);
}

function integerValue(type: ScalarType): fc.Arbitrary<FieldValue> {
  const [min, max] = INT_BOUNDS[type] ?? [-(2n ** 31n), 2n ** 31n - 1n];
  const big = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...integerEdges(min, max)) },
    { weight: 2, arbitrary: fc.bigInt({ min, max }) },
    { weight: 2, arbitrary: fc.bigInt({ min: min > -1000n ? min : -1000n, max: 1000n }) },
  );
  return type === "int64" || type === "uint64" ? big.map(int64InMemory) : big.map(Number);
}

function scalarArbitrary(type: ScalarType, rawBytes: boolean): fc.Arbitrary<FieldValue> {
  switch (type) {
    case "string":
    case "bytes":
      return stringValue(rawBytes);
    case "bool":
      return fc.boolean();
    case "float":
      return floatValue;
    case "double":
      return doubleValue;
    default:
      return integerValue(type);
  }
}

// ---- fields and messages ---------------------------------------------------

/** Numbers no enum of the schema names, which protoc still reads and writes. */
const UNKNOWN_ENUM_NUMBERS = [99, -3, 2147483647, -2147483648];

function singleArbitrary(field: FieldInfo, depth: number, raw: boolean): fc.Arbitrary<FieldValue> {
  if (field.kind === "message") return messageArbitrary(field.messageType, depth + 1, { rawBytes: raw });
  if (field.kind === "enum") {
    const unknown = UNKNOWN_ENUM_NUMBERS.filter((n) => field.enumType.nameOf(n) === undefined);
    return fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...field.enumType.names) },
      { weight: 1, arbitrary: fc.constantFrom(...unknown) },
    );
  }
  if (field.kind === "scalar") return scalarArbitrary(field.scalar, raw);
  return fc.constant(0);
}

/** Empty, one element, or a few: the sizes where list printing differs. */
function sized<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<T[]>([]) },
    { weight: 2, arbitrary: item.map((x) => [x]) },
    { weight: 1, arbitrary: fc.array(item, { minLength: 2, maxLength: 3 }) },
  );
}

function fieldArbitrary(field: FieldInfo, depth: number, raw: boolean): fc.Arbitrary<FieldValue> {
  if (field.kind === "map") {
    const key = scalarArbitrary(field.keyType, raw).map((k) => String(k));
    const value = singleArbitrary(field.value, depth, raw);
    return sized(fc.tuple(key, value)).map((entries) => {
      const out: Record<string, FieldValue> = {};
      // A key such as "__proto__" must become an own entry, not the object's prototype.
      for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
      return out;
    });
  }
  if (field.repeated) return sized(singleArbitrary(field, depth, raw));
  return singleArbitrary(field, depth, raw);
}

const cache = new Map<string, fc.Arbitrary<MessageValue>>();

export function messageArbitrary(
  info: MessageInfo,
  depth = 0,
  options: ConfigArbitraryOptions = {},
): fc.Arbitrary<MessageValue> {
  const raw = options.rawBytes ?? true;
  const key = `${info.name}@${depth}${raw ? "" : " utf8"}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Below a few levels, messages stay empty so samples stay small.
  const plain = info.fields.filter((f) => f.oneof === undefined);
  const record: Record<string, fc.Arbitrary<FieldValue>> = {};
  if (depth < 5) for (const f of plain) record[f.name] = fieldArbitrary(f, depth, raw);
  // Float and double fields are few and deep in the schema; where their message is, they are always set.
  const floats = plain.filter((f) => f.kind === "scalar" && (f.scalar === "float" || f.scalar === "double"));
  const base = fc.record(record, { requiredKeys: depth < 5 ? floats.map((f) => f.name) : [] });
  // A oneof is unset about a fifth of the time; otherwise each member is equally likely.
  const oneofChoices = [...info.oneofs.values()].map((members) =>
    fc.option(
      fc
        .constantFrom(...members)
        .chain((name) => fieldArbitrary(info.field(name) as FieldInfo, depth, raw).map((v) => [name, v] as const)),
      { nil: undefined, freq: 5 },
    ),
  );
  const arb = fc.tuple(base, fc.tuple(...oneofChoices)).map(([fields, chosen]) => {
    const out: MessageValue = { ...(fields as MessageValue) };
    for (const pick of chosen) if (pick && depth < 5) out[pick[0]] = pick[1];
    return out;
  });
  cache.set(key, arb);
  return arb;
}

export function configArbitrary(options: ConfigArbitraryOptions = {}): fc.Arbitrary<MessageValue> {
  return messageArbitrary(messageInfo("ModelConfig"), 0, options);
}
