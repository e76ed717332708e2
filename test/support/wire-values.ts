import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

/**
 * An oracle for "the same message" that shares no code with what it checks.
 * Both sides become one canonical value tree:
 * - `decodeWire` reads protobuf wire bytes (protoc's `--encode` output) with
 *   a decoder written from the wire-format spec
 *   (https://protobuf.dev/programming-guides/encoding/);
 * - `valueTree` converts a message as triton-repo holds it in memory (or a
 *   message in the protobuf JSON mapping, as Python's json_format writes it)
 *   with DataView for floats and TextEncoder for strings.
 * Neither uses src/: not the printer's float spelling, not the JSON mapping,
 * not our wire codec, not our descriptors. The schema facts come from
 * schemas/model_config.proto read here with protobufjs (test/schema checks
 * that file against the upstream facts).
 *
 * In the tree a float or double is its bit pattern (`float:80000000` is -0),
 * so a lost digit or a lost sign shows; NaN is `float:nan` because a JS
 * number cannot hold a NaN's sign or payload, so neither can our values. A
 * string is its bytes in hex (`bytes:00 31` would be NUL then "1"); integers
 * and enums are decimal strings, exact for 64 bits; bools `true`/`false`.
 * A message is an object keyed by field name in field-number order; fields
 * at proto3's implicit default are left out (protoc does not write them; a
 * float -0 is not a default, protoc writes it), oneof members are kept even
 * at zero. Repeated fields are lists, maps are lists of [key, value] sorted
 * by key.
 */
export type ValueTree = string | ValueTree[] | { [field: string]: ValueTree };
export type MessageTree = { [field: string]: ValueTree };

// ---- schema facts, from protobufjs reflection ------------------------------

type Scalar = "double" | "float" | "int32" | "int64" | "uint32" | "uint64" | "bool" | "string" | "bytes";

export interface FieldFact {
  name: string;
  number: number;
  kind: "scalar" | "enum" | "message" | "map";
  /** The scalar type (scalar fields), or the map key type (map fields). */
  scalar?: Scalar;
  /** Fully qualified message or enum name, without the leading dot. */
  typeName?: string;
  repeated: boolean;
  oneof?: string;
  /** A map's value, as a singular field numbered 2. */
  value?: FieldFact;
}

export interface MessageFact {
  name: string;
  /** In field-number order. */
  fields: FieldFact[];
}

const SCALARS = new Set(["double", "float", "int32", "int64", "uint32", "uint64", "bool", "string", "bytes"]);

interface Facts {
  messages: Map<string, MessageFact>;
  enums: Map<string, Map<string, number>>;
}

let facts: Facts | undefined;

function fieldFact(field: protobuf.Field, name: string, number: number, oneof?: string): FieldFact {
  const out: FieldFact = { name, number, kind: "scalar", repeated: field.repeated };
  if (oneof !== undefined) out.oneof = oneof;
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    out.kind = "enum";
    out.typeName = resolved.fullName.slice(1);
  } else if (resolved instanceof protobuf.Type) {
    out.kind = "message";
    out.typeName = resolved.fullName.slice(1);
  } else if (SCALARS.has(field.type)) {
    out.scalar = field.type as Scalar;
  } else {
    throw new Error(`wire-values: field ${name} has type ${field.type}, which Triton's schema does not use`);
  }
  return out;
}

/** The schema's messages and enums by full name (`inference.ModelConfig`). */
export function schemaFacts(): Facts {
  if (facts) return facts;
  const path = fileURLToPath(new URL("../../schemas/model_config.proto", import.meta.url));
  const root = protobuf.parse(readFileSync(path, "utf8"), new protobuf.Root(), { keepCase: true }).root;
  root.resolveAll();
  const messages = new Map<string, MessageFact>();
  const enums = new Map<string, Map<string, number>>();
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Enum) enums.set(nested.fullName.slice(1), new Map(Object.entries(nested.values)));
      if (nested instanceof protobuf.Type) {
        const fields = nested.fieldsArray.map((f) => {
          const oneof = f.partOf?.name;
          if (f instanceof protobuf.MapField) {
            const value = fieldFact(f, "value", 2);
            value.repeated = false;
            return {
              name: f.name,
              number: f.id,
              kind: "map",
              scalar: f.keyType as Scalar,
              repeated: false,
              value,
            } satisfies FieldFact;
          }
          return fieldFact(f, f.name, f.id, oneof);
        });
        fields.sort((a, b) => a.number - b.number);
        messages.set(nested.fullName.slice(1), { name: nested.fullName.slice(1), fields });
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
    }
  };
  visit(root);
  facts = { messages, enums };
  return facts;
}

function messageFact(name: string): MessageFact {
  const full = name.includes(".") ? name : `inference.${name}`;
  const m = schemaFacts().messages.get(full);
  if (!m) throw new Error(`wire-values: no message ${full}`);
  return m;
}

/** The synthetic entry message of a map field: key = 1, value = 2. */
function entryFact(map: FieldFact): MessageFact {
  return {
    name: `${map.name}Entry`,
    fields: [
      { name: "key", number: 1, kind: "scalar", scalar: map.scalar as Scalar, repeated: false },
      map.value as FieldFact,
    ],
  };
}

// ---- canonical scalars ----------------------------------------------------

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

function floatBits(view: DataView): string {
  return Number.isNaN(view.getFloat32(0)) ? "float:nan" : `float:${view.getUint32(0).toString(16).padStart(8, "0")}`;
}

function doubleBits(view: DataView): string {
  return Number.isNaN(view.getFloat64(0))
    ? "double:nan"
    : `double:${view.getBigUint64(0).toString(16).padStart(16, "0")}`;
}

function defaultTree(field: FieldFact): ValueTree {
  if (field.kind === "message") return {};
  if (field.kind === "enum") return "0";
  switch (field.scalar) {
    case "bool":
      return "false";
    case "string":
    case "bytes":
      return "bytes:";
    case "float":
      return "float:00000000";
    case "double":
      return "double:0000000000000000";
    default:
      return "0";
  }
}

function isDefault(field: FieldFact, tree: ValueTree): boolean {
  return field.kind !== "message" && field.kind !== "map" && tree === defaultTree(field);
}

function compareKeys(field: FieldFact, a: ValueTree, b: ValueTree): number {
  const integer = field.scalar !== "string" && field.scalar !== "bool";
  if (integer) {
    const x = BigInt(a as string);
    const y = BigInt(b as string);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- the wire decoder -----------------------------------------------------

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

class WireReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Base-128, least significant group first, at most 10 bytes. */
  varint(): bigint {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.bytes.length) throw new Error("wire: truncated varint");
      const b = this.bytes[this.pos++] as number;
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return BigInt.asUintN(64, value);
    }
    throw new Error("wire: varint longer than 10 bytes");
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.pos + length > this.bytes.length) throw new Error("wire: truncated field");
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

interface Occurrence {
  wireType: number;
  varint?: bigint;
  data?: Uint8Array;
  order: number;
}

function wireTypeOf(field: FieldFact): number {
  if (field.kind === "message" || field.kind === "map") return WIRE_LEN;
  if (field.kind === "enum") return WIRE_VARINT;
  switch (field.scalar) {
    case "string":
    case "bytes":
      return WIRE_LEN;
    case "float":
      return WIRE_I32;
    case "double":
      return WIRE_I64;
    default:
      return WIRE_VARINT;
  }
}

/** A varint read as the field's type: 32-bit types take the low 32 bits, signed types two's complement. */
function varintTree(field: FieldFact, v: bigint): string {
  if (field.kind === "enum") return BigInt.asIntN(32, v).toString();
  switch (field.scalar) {
    case "bool":
      return v !== 0n ? "true" : "false";
    case "int32":
      return BigInt.asIntN(32, v).toString();
    case "uint32":
      return BigInt.asUintN(32, v).toString();
    case "int64":
      return BigInt.asIntN(64, v).toString();
    default:
      return v.toString();
  }
}

function fixedTree(field: FieldFact, raw: Uint8Array): string {
  // The wire is little-endian; the tree shows the bit pattern most significant first.
  const view = new DataView(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) view.setUint8(raw.length - 1 - i, raw[i] as number);
  return field.scalar === "float" ? floatBits(view) : doubleBits(view);
}

/** The elements of one occurrence: a packed run, or a single value. */
function scalarsOf(field: FieldFact, o: Occurrence): ValueTree[] {
  const expected = wireTypeOf(field);
  if (o.wireType === expected) {
    if (expected === WIRE_VARINT) return [varintTree(field, o.varint as bigint)];
    if (expected === WIRE_LEN) return [`bytes:${hex(o.data as Uint8Array)}`];
    return [fixedTree(field, o.data as Uint8Array)];
  }
  if (o.wireType === WIRE_LEN && field.repeated && expected !== WIRE_LEN) {
    const data = o.data as Uint8Array;
    if (expected === WIRE_VARINT) {
      const r = new WireReader(data);
      const out: ValueTree[] = [];
      while (!r.done()) out.push(varintTree(field, r.varint()));
      return out;
    }
    const size = expected === WIRE_I32 ? 4 : 8;
    if (data.length % size !== 0) throw new Error(`wire: packed ${field.name} is not a multiple of ${size} bytes`);
    const out: ValueTree[] = [];
    for (let i = 0; i < data.length; i += size) out.push(fixedTree(field, data.subarray(i, i + size)));
    return out;
  }
  throw new Error(`wire: field ${field.name} has wire type ${o.wireType}, expected ${expected}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function decodeMessage(type: MessageFact, bytes: Uint8Array): MessageTree {
  const reader = new WireReader(bytes);
  const seen = new Map<number, Occurrence[]>();
  let order = 0;
  while (!reader.done()) {
    const tag = reader.varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number === 0) throw new Error("wire: field number 0");
    const o: Occurrence = { wireType, order: order++ };
    if (wireType === WIRE_VARINT) o.varint = reader.varint();
    else if (wireType === WIRE_I64) o.data = reader.take(8);
    else if (wireType === WIRE_I32) o.data = reader.take(4);
    else if (wireType === WIRE_LEN) o.data = reader.take(Number(reader.varint()));
    else throw new Error(`wire: wire type ${wireType} (groups) in ${type.name}`);
    if (!type.fields.some((f) => f.number === number)) throw new Error(`wire: ${type.name} has no field ${number}`);
    const list = seen.get(number) ?? [];
    list.push(o);
    seen.set(number, list);
  }
  // Of a oneof's members, the one written last is set.
  const lastOfOneof = new Map<string, { number: number; order: number }>();
  for (const f of type.fields) {
    const occ = seen.get(f.number);
    if (f.oneof === undefined || !occ) continue;
    const last = (occ[occ.length - 1] as Occurrence).order;
    const best = lastOfOneof.get(f.oneof);
    if (!best || best.order < last) lastOfOneof.set(f.oneof, { number: f.number, order: last });
  }
  const out: MessageTree = {};
  for (const f of type.fields) {
    const occ = seen.get(f.number);
    if (!occ) continue;
    if (f.oneof !== undefined && lastOfOneof.get(f.oneof)?.number !== f.number) continue;
    for (const o of occ)
      if (o.wireType !== wireTypeOf(f) && !(f.repeated && o.wireType === WIRE_LEN))
        throw new Error(`wire: field ${f.name} has wire type ${o.wireType}`);
    if (f.kind === "map") {
      const entryType = entryFact(f);
      const entries = new Map<string, [ValueTree, ValueTree]>();
      for (const o of occ) {
        const entry = decodeMessage(entryType, o.data as Uint8Array);
        const key = entry.key ?? defaultTree(entryType.fields[0] as FieldFact);
        const value = entry.value ?? defaultTree(f.value as FieldFact);
        // The last entry for a key wins.
        entries.delete(JSON.stringify(key));
        entries.set(JSON.stringify(key), [key, value]);
      }
      out[f.name] = [...entries.values()].sort(([a], [b]) => compareKeys(f, a, b));
    } else if (f.kind === "message") {
      const messageType = messageFact(f.typeName as string);
      out[f.name] = f.repeated
        ? occ.map((o) => decodeMessage(messageType, o.data as Uint8Array))
        : // A singular message written twice is merged, as if its bytes were one.
          decodeMessage(messageType, concat(occ.map((o) => o.data as Uint8Array)));
    } else if (f.repeated) {
      const items = occ.flatMap((o) => scalarsOf(f, o));
      if (items.length > 0) out[f.name] = items;
    } else {
      // A singular scalar written twice: the last one wins.
      const value = scalarsOf(f, occ[occ.length - 1] as Occurrence)[0] as ValueTree;
      if (f.oneof !== undefined || !isDefault(f, value)) out[f.name] = value;
    }
  }
  return out;
}

/** The value tree of wire bytes of `messageType` (default ModelConfig), e.g. protoc's `--encode` output. */
export function decodeWire(bytes: Uint8Array, messageType = "ModelConfig"): MessageTree {
  return decodeMessage(messageFact(messageType), bytes);
}

// ---- values in memory (and the JSON mapping) ------------------------------

export interface ValueTreeOptions {
  /** Message type, default ModelConfig. */
  messageType?: string;
  /**
   * Read the protobuf JSON mapping (Python's `MessageToDict`): NaN and the
   * infinities as strings, a float as the shortest decimal of its float32
   * (rounded here), null for unset. Otherwise the value must follow the
   * in-memory contract of src/pbtxt/types.ts, where a float field
   * already holds a float32.
   */
  json?: boolean;
}

/**
 * A string's bytes under the in-memory contract (src/pbtxt/utf8.ts): a
 * lone U+DC80–U+DCFF stands for one raw byte, everything else is UTF-8
 * (TextEncoder writes any other lone surrogate as U+FFFD, as the printer does).
 */
export function stringBytes(text: string): Uint8Array {
  const encoder = new TextEncoder();
  const parts: number[] = [];
  let run = "";
  const flush = (): void => {
    for (const b of encoder.encode(run)) parts.push(b);
    run = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      run += text.slice(i, i + 2);
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      flush();
      parts.push(c - 0xdc00);
    } else {
      run += text[i];
    }
  }
  flush();
  return Uint8Array.from(parts);
}

function number(value: unknown, json: boolean): number {
  if (json && typeof value === "string") {
    if (value === "NaN") return Number.NaN;
    if (value === "Infinity") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
    return Number(value);
  }
  if (typeof value !== "number") throw new Error(`wire-values: expected a number, got ${String(value)}`);
  return value;
}

function scalarValueTree(field: FieldFact, value: unknown, json: boolean): ValueTree {
  switch (field.scalar) {
    case "string":
    case "bytes":
      if (typeof value !== "string") throw new Error(`wire-values: ${field.name}: expected a string`);
      return `bytes:${hex(stringBytes(value))}`;
    case "bool":
      if (typeof value !== "boolean") throw new Error(`wire-values: ${field.name}: expected a boolean`);
      return String(value);
    case "float": {
      const n = number(value, json);
      // In memory a float field holds a float32 already; a double there is a reader bug, not a rounding to hide.
      if (!json && !Number.isNaN(n) && !Object.is(Math.fround(n), n)) return `float:not-a-float32(${n})`;
      const view = new DataView(new ArrayBuffer(4));
      view.setFloat32(0, n);
      return floatBits(view);
    }
    case "double": {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, number(value, json));
      return doubleBits(view);
    }
    default:
      if (typeof value === "number" && !Number.isInteger(value))
        throw new Error(`wire-values: ${field.name}: ${value} is not an integer`);
      return BigInt(value as number | bigint | string).toString();
  }
}

function singleTree(field: FieldFact, value: unknown, json: boolean): ValueTree {
  if (field.kind === "message") return messageTree(messageFact(field.typeName as string), value, json);
  if (field.kind === "enum") {
    if (typeof value === "string") {
      const n = schemaFacts()
        .enums.get(field.typeName as string)
        ?.get(value);
      if (n === undefined) throw new Error(`wire-values: ${field.name}: no enum value ${value}`);
      return String(n);
    }
    return BigInt(value as number).toString();
  }
  return scalarValueTree(field, value, json);
}

function keyTree(field: FieldFact, key: string): ValueTree {
  if (field.scalar === "string") return `bytes:${hex(stringBytes(key))}`;
  if (field.scalar === "bool") return key;
  return BigInt(key).toString();
}

function messageTree(type: MessageFact, value: unknown, json: boolean): MessageTree {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`wire-values: ${type.name}: expected an object`);
  const record = value as Record<string, unknown>;
  const out: MessageTree = {};
  for (const f of type.fields) {
    if (!Object.hasOwn(record, f.name)) continue;
    const v = record[f.name];
    if (v === undefined || (json && v === null)) continue;
    if (f.kind === "map") {
      const entries = Object.entries(v as Record<string, unknown>).map(
        ([k, entry]) => [keyTree(f, k), singleTree(f.value as FieldFact, entry, json)] as [ValueTree, ValueTree],
      );
      if (entries.length > 0) out[f.name] = entries.sort(([a], [b]) => compareKeys(f, a, b));
    } else if (f.repeated) {
      const items = (v as unknown[]).map((item) => singleTree(f, item, json));
      if (items.length > 0) out[f.name] = items;
    } else {
      const t = singleTree(f, v, json);
      if (f.oneof !== undefined || !isDefault(f, t)) out[f.name] = t;
    }
  }
  return out;
}

/** The value tree of a message in memory (or, with `json`, in the protobuf JSON mapping). */
export function valueTree(value: unknown, options: ValueTreeOptions = {}): MessageTree {
  return messageTree(messageFact(options.messageType ?? "ModelConfig"), value, options.json ?? false);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Whether any string in the tree is not UTF-8. protoc writes such strings
 * (with a warning) but refuses to read them from the wire, as Triton does.
 */
export function holdsInvalidUtf8(tree: ValueTree): boolean {
  if (typeof tree === "string") {
    if (!tree.startsWith("bytes:")) return false;
    try {
      strictUtf8.decode(Buffer.from(tree.slice(6), "hex"));
      return false;
    } catch {
      return true;
    }
  }
  return (Array.isArray(tree) ? tree : Object.values(tree)).some(holdsInvalidUtf8);
}
