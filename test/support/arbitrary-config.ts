import fc from "fast-check";
import { type FieldInfo, type MessageInfo, type ScalarType, messageInfo } from "../../src/schema/descriptors.js";
import { int64InMemory } from "../../src/textformat/numbers.js";
import type { FieldValue, MessageValue } from "../../src/textformat/types.js";

/**
 * fast-check arbitraries for any message of the schema, built from the
 * descriptors: every field kind, edge values (int64 bounds, -0, NaN, ±inf,
 * empty and non-ASCII strings, every escape-worthy character), oneofs with at
 * most one member, maps with random keys, explicit defaults.
 */
const INT_BOUNDS: Partial<Record<ScalarType, [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const tricky = fc.constantFrom(
  "",
  'a"b',
  "back\\slash",
  "line\nbreak",
  "tab\t",
  "\u0000\u0001\u007f",
  "modèle 模型 🤖",
  "'single'",
  "#not a comment",
  "{[<>]}",
  "__proto__",
  "constructor",
);

function stringValue(): fc.Arbitrary<string> {
  return fc.oneof(tricky, fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));
}

function scalarArbitrary(type: ScalarType): fc.Arbitrary<FieldValue> {
  switch (type) {
    case "string":
    case "bytes":
      return stringValue();
    case "bool":
      return fc.boolean();
    case "float":
      return fc
        .oneof(
          fc.float({ noDefaultInfinity: false, noNaN: false }),
          fc.constantFrom(0, -0, 0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        )
        .map((v) => Math.fround(v));
    case "double":
      return fc.oneof(fc.double(), fc.constantFrom(0, -0, 0.1, 5e-324, 1.7976931348623157e308, Number.NaN));
    default: {
      const bounds = INT_BOUNDS[type] ?? [-(2n ** 31n), 2n ** 31n - 1n];
      const big = fc.oneof(
        fc.bigInt({ min: bounds[0], max: bounds[1] }),
        fc.constantFrom(bounds[0], bounds[1], 0n, 1n, -1n < bounds[0] ? 0n : -1n),
        fc.bigInt({ min: bounds[0] > -1000n ? bounds[0] : -1000n, max: 1000n }),
      );
      return type === "int64" || type === "uint64" ? big.map(int64InMemory) : big.map(Number);
    }
  }
}

function singleArbitrary(field: FieldInfo, depth: number): fc.Arbitrary<FieldValue> {
  if (field.kind === "message") return messageArbitrary(field.messageType, depth + 1);
  if (field.kind === "enum") return fc.constantFrom(...field.enumType.names);
  if (field.kind === "scalar") return scalarArbitrary(field.scalar);
  return fc.constant(0);
}

function fieldArbitrary(field: FieldInfo, depth: number): fc.Arbitrary<FieldValue> {
  if (field.kind === "map") {
    const key = field.keyType === "string" ? stringValue() : scalarArbitrary(field.keyType).map((k) => String(k));
    return fc.dictionary(key as fc.Arbitrary<string>, singleArbitrary(field.value, depth), {
      maxKeys: 3,
    }) as fc.Arbitrary<FieldValue>;
  }
  if (field.repeated) return fc.array(singleArbitrary(field, depth), { maxLength: 3 });
  return singleArbitrary(field, depth);
}

const cache = new Map<string, fc.Arbitrary<MessageValue>>();

export function messageArbitrary(info: MessageInfo, depth = 0): fc.Arbitrary<MessageValue> {
  const key = `${info.name}@${depth}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Below a few levels, messages stay empty so samples stay small.
  const plain = info.fields.filter((f) => f.oneof === undefined);
  const record: Record<string, fc.Arbitrary<FieldValue>> = {};
  if (depth < 5) for (const f of plain) record[f.name] = fieldArbitrary(f, depth);
  const base = fc.record(record, { requiredKeys: [] });
  const oneofChoices = [...info.oneofs.values()].map((members) =>
    fc.option(
      fc
        .constantFrom(...members)
        .chain((name) => fieldArbitrary(info.field(name) as FieldInfo, depth).map((v) => [name, v] as const)),
      { nil: undefined },
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

export function configArbitrary(): fc.Arbitrary<MessageValue> {
  return messageArbitrary(messageInfo("ModelConfig"));
}
