import fc from "fast-check";
import { type FieldInfo, type MessageInfo, type ScalarType, messageInfo } from "../../../src/schema/descriptors.js";

/**
 * fast-check arbitraries for protobuf-JSON ModelConfigs, derived from the
 * descriptors so that every message, field kind and oneof of the schema is
 * reached. Values take the edges: integer bounds, 64-bit values as numbers
 * and as decimal strings, -0, NaN and infinities as the JSON mapping spells
 * them, empty and non-ASCII strings, empty messages.
 */

type Json = unknown;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32 = { min: 0, max: 2 ** 32 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const UINT64 = { min: 0n, max: 2n ** 64n - 1n };

const NON_FINITE = fc.constantFrom("NaN", "Infinity", "-Infinity");

/** Strings protobuf can hold: any code points, but no lone surrogate (not UTF-8 encodable). */
export const protoString = fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !/\p{Cs}/u.test(s));

function int64(range: { min: bigint; max: bigint }): fc.Arbitrary<Json> {
  const safeMin = range.min < BigInt(Number.MIN_SAFE_INTEGER) ? Number.MIN_SAFE_INTEGER : Number(range.min);
  return fc.oneof(
    fc.bigInt(range).map((v) => v.toString()),
    fc.integer({ min: Math.max(safeMin, -(2 ** 31)), max: 2 ** 31 - 1 }),
  );
}

export function scalarArbitrary(type: ScalarType): fc.Arbitrary<Json> {
  switch (type) {
    case "int32":
    case "sint32":
    case "sfixed32":
      return fc.integer(INT32);
    case "uint32":
    case "fixed32":
      return fc.integer(UINT32);
    case "int64":
    case "sint64":
    case "sfixed64":
      return int64(INT64);
    case "uint64":
    case "fixed64":
      return int64(UINT64);
    case "float":
      return fc.oneof(
        { weight: 4, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 1, arbitrary: NON_FINITE },
      );
    case "double":
      return fc.oneof(
        { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 1, arbitrary: NON_FINITE },
      );
    case "bool":
      return fc.boolean();
    case "string":
      return protoString;
    case "bytes":
      return fc.base64String({ maxLength: 8 });
  }
}

function mapKeyArbitrary(type: ScalarType): fc.Arbitrary<string> {
  switch (type) {
    case "string":
      return protoString.filter((k) => k !== "__proto__");
    case "bool":
      return fc.constantFrom("true", "false");
    case "uint64":
    case "fixed64":
      return fc.bigInt(UINT64).map(String);
    case "uint32":
    case "fixed32":
      return fc.integer(UINT32).map(String);
    default:
      return fc.integer(INT32).map(String);
  }
}

function singleArbitrary(field: FieldInfo, depth: number): fc.Arbitrary<Json> {
  switch (field.kind) {
    case "scalar":
      return scalarArbitrary(field.scalar);
    case "enum":
      return fc.constantFrom(...field.enumType.names);
    case "message":
      return messageArbitrary(field.messageType, depth + 1);
    case "map":
      return fc.dictionary(mapKeyArbitrary(field.keyType), singleArbitrary(field.value, depth), { maxKeys: 2 });
  }
}

function fieldArbitrary(field: FieldInfo, depth: number): fc.Arbitrary<Json> {
  if (field.kind !== "map" && field.repeated)
    return fc.array(singleArbitrary(field, depth), { maxLength: depth > 2 ? 1 : 2 });
  return singleArbitrary(field, depth);
}

const cache = new Map<string, fc.Arbitrary<Record<string, Json>>>();

/** Random protobuf-JSON values of a message: any subset of fields, at most one member per oneof. */
export function messageArbitrary(info: MessageInfo, depth = 0): fc.Arbitrary<Record<string, Json>> {
  const key = `${info.name}@${depth}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const plain: Record<string, fc.Arbitrary<Json>> = {};
  for (const field of info.fields) if (field.oneof === undefined) plain[field.name] = fieldArbitrary(field, depth);
  const parts: fc.Arbitrary<Record<string, Json>>[] = [
    fc.record(plain, { requiredKeys: [] }) as fc.Arbitrary<Record<string, Json>>,
  ];
  for (const members of info.oneofs.values()) {
    const choices = members.map((name) =>
      fieldArbitrary(info.field(name) as FieldInfo, depth).map((value) => ({ [name]: value }) as Record<string, Json>),
    );
    parts.push(fc.oneof(fc.constant({}), ...choices));
  }
  const arbitrary = fc.tuple(...parts).map((objects) => Object.assign({}, ...objects) as Record<string, Json>);
  cache.set(key, arbitrary);
  return arbitrary;
}

/** Random valid protobuf-JSON ModelConfigs. */
export function modelConfigJson(): fc.Arbitrary<Record<string, Json>> {
  return messageArbitrary(messageInfo("ModelConfig"));
}
