import { setOwn } from "../pbtxt/types.js";
import type { FieldValue, MessageValue } from "../pbtxt/types.js";
import type {
  BoolFieldName,
  EnumFieldName,
  FieldName,
  MapFieldName,
  MessageFieldName,
  NumberFieldName,
  RepeatedFieldName,
  RepeatedMessageFieldName,
  RepeatedNumberFieldName,
  RepeatedStringFieldName,
  StringFieldName,
} from "../../generated/field-names.js";

/**
 * Typed reads over the parser's plain message objects. Rules read configs
 * through these so that a field of the wrong shape (a partial value after a
 * parse error, a hand-built object) reads as the proto default instead of
 * throwing: proto3 has no "missing", only "default". Each accessor takes the
 * field names of its shape (generated/field-names.ts, from the schema): a
 * misspelt field, or `str` over a number field, does not compile.
 */

export function isMessage(value: unknown): value is MessageValue {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The sub-message at `field`, or undefined when it is not set. */
export function msg(value: MessageValue | undefined, field: MessageFieldName | MapFieldName): MessageValue | undefined {
  const v = value?.[field];
  return isMessage(v) ? v : undefined;
}

/** Whether a field is present (a message field set, even to `{}`). */
export function has(value: MessageValue | undefined, field: FieldName): boolean {
  return value !== undefined && value[field] !== undefined;
}

/** A string field, `""` when unset. */
export function str(value: MessageValue | undefined, field: StringFieldName): string {
  const v = value?.[field];
  return typeof v === "string" ? v : "";
}

/** An integer field as a JS number (64-bit values beyond 2^53 lose precision, fine for comparisons here). */
export function num(value: MessageValue | undefined, field: NumberFieldName): number {
  return toNumber(value?.[field]);
}

/** A scalar as a number (bigint, bool and decimal strings included); 0 otherwise. */
export function toNumber(v: FieldValue | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return 0;
}

/** A bool field, false when unset. */
export function bool(value: MessageValue | undefined, field: BoolFieldName): boolean {
  return value?.[field] === true;
}

/** An enum field by name; the first value name (`TYPE_INVALID`, `KIND_AUTO`) when unset. */
export function enumName(value: MessageValue | undefined, field: EnumFieldName, zero: string): string {
  const v = value?.[field];
  if (typeof v === "string") return v;
  if (typeof v === "number" && v === 0) return zero;
  if (typeof v === "number") return String(v);
  return zero;
}

/** A repeated message field. */
export function messages(value: MessageValue | undefined, field: RepeatedMessageFieldName): MessageValue[] {
  const v = value?.[field];
  return Array.isArray(v) ? v.filter(isMessage) : [];
}

/** A repeated scalar field, as numbers. */
export function numbers(value: MessageValue | undefined, field: RepeatedNumberFieldName): number[] {
  const v = value?.[field];
  return Array.isArray(v) ? v.map((x) => toNumber(x)) : [];
}

/** A repeated scalar field, as strings. */
export function strings(value: MessageValue | undefined, field: RepeatedStringFieldName): string[] {
  const v = value?.[field];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** How many elements a repeated field has. */
export function listLength(value: MessageValue | undefined, field: RepeatedFieldName): number {
  const v = value?.[field];
  return Array.isArray(v) ? v.length : 0;
}

/** A map field's entries in the order they were written (keys as strings). */
export function mapEntries(value: MessageValue | undefined, field: MapFieldName): Array<[string, FieldValue]> {
  const v = value?.[field];
  if (!isMessage(v)) return [];
  const out: Array<[string, FieldValue]> = [];
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out.push([k, x]);
  return out;
}

/** A `map<string, string>` field. */
export function stringMap(value: MessageValue | undefined, field: MapFieldName): Array<[string, string]> {
  return mapEntries(value, field).map(([k, v]) => [k, typeof v === "string" ? v : ""]);
}

/** A `parameters` value (`{ string_value }`) by key, or undefined when the key is absent. */
export function parameter(config: MessageValue | undefined, key: string): string | undefined {
  const params = msg(config, "parameters");
  if (!params || !(key in params)) return undefined;
  const entry = params[key];
  return isMessage(entry) ? str(entry, "string_value") : "";
}

/** Deep copy of a message value (bigints and arrays included). */
export function cloneMessage<T extends FieldValue | undefined>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneMessage(v)) as T;
  if (isMessage(value)) {
    const out: MessageValue = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, cloneMessage(v));
    return out as T;
  }
  return value;
}
