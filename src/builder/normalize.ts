import { int64InMemory, jsonNumber, nonFiniteFromJson } from "../pbtxt/numbers.js";
import { setOwn } from "../pbtxt/types.js";
import { type FieldInfo, type MessageInfo, type ScalarFieldInfo, isInt64Scalar } from "../schema/descriptors.js";
import type { FieldValue, MessageValue } from "../pbtxt/types.js";

/**
 * Two conversions between what users write and what the core holds:
 * - `toSchemaView` gives the protobuf-JSON view ajv checks (bigints and
 *   non-finite numbers become the strings the JSON mapping uses);
 * - `normalizeMessage` gives the in-memory shape of src/pbtxt/types.ts:
 *   64-bit values as numbers when safe and bigints otherwise, float fields
 *   rounded to float32, "NaN"/"Infinity" strings as numbers. Fields the user
 *   set keep their presence, explicit zeros included (`max_batch_size: 0`).
 * `toSchemaView` takes any value; `normalizeMessage` expects one that
 * checkConfigSchema accepted.
 */

/**
 * Thrown by `toSchemaView` for a value no config file can hold: an object
 * that contains itself, or nesting far deeper than the schema's (which would
 * otherwise end in a stack overflow).
 */
export class UnfitValueError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "UnfitValueError";
  }
}

/** Far more than the schema's deepest nesting (about ten levels). */
const MAX_DEPTH = 64;

/** The JSON-mapping view of a value: what ajv and JSON.stringify can take. */
export function toSchemaView(value: unknown, ancestors: Set<object> = new Set()): unknown {
  // A safe bigint (YAML's intAsBigInt gives one for every integer) is a plain
  // number, which every integer field takes; beyond, the exact decimal string.
  if (typeof value === "bigint") {
    const inMemory = int64InMemory(value);
    return typeof inMemory === "number" ? inMemory : value.toString();
  }
  if (typeof value === "number") return jsonNumber(value);
  if (value === null || typeof value !== "object") return value;
  if (ancestors.has(value)) throw new UnfitValueError("a cyclic object (one that contains itself)");
  if (ancestors.size >= MAX_DEPTH) throw new UnfitValueError(`a value nested more than ${MAX_DEPTH} levels deep`);
  ancestors.add(value);
  let view: unknown;
  if (Array.isArray(value)) view = value.map((item) => toSchemaView(item, ancestors));
  else {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) setOwn(out, key, toSchemaView(item, ancestors));
    view = out;
  }
  ancestors.delete(value);
  return view;
}

/** A 64-bit integer as the core holds it: a number while exact, a bigint beyond. */
export function normalizeInt64(value: number | bigint | string): number | bigint {
  const big = typeof value === "bigint" ? value : typeof value === "string" ? BigInt(value) : undefined;
  if (big === undefined) return value as number;
  return int64InMemory(big);
}

function normalizeScalar(field: ScalarFieldInfo, value: FieldValue): FieldValue {
  if (isInt64Scalar(field.scalar)) return normalizeInt64(value as number | bigint | string);
  if (field.scalar === "float" || field.scalar === "double") {
    const n = typeof value === "string" ? (nonFiniteFromJson(value) ?? Number(value)) : Number(value);
    return field.scalar === "float" ? Math.fround(n) : n;
  }
  // 32-bit integers given as bigints (already checked to be in range).
  if (typeof value === "bigint") return Number(value);
  return value;
}

function normalizeSingle(field: FieldInfo, value: FieldValue): FieldValue {
  switch (field.kind) {
    case "message":
      return normalizeMessage(value as MessageValue, field.messageType);
    case "scalar":
      return normalizeScalar(field, value);
    case "enum":
      return value;
    case "map": {
      const out: Record<string, FieldValue> = {};
      for (const [key, item] of Object.entries(value as Record<string, FieldValue>))
        setOwn(out, key, normalizeSingle(field.value, item));
      return out;
    }
  }
}

/** A message in the core's in-memory shape, fields in declaration order. */
export function normalizeMessage(value: MessageValue, info: MessageInfo): MessageValue {
  const out: MessageValue = {};
  for (const field of info.fields) {
    const item = value[field.name];
    if (item === undefined) continue;
    out[field.name] =
      field.kind !== "map" && field.repeated
        ? (item as FieldValue[]).map((v) => normalizeSingle(field, v))
        : normalizeSingle(field, item);
  }
  return out;
}
