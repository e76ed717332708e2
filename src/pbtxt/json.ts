import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  type FieldInfo,
  type MessageInfo,
  type ScalarType,
  isInt64Scalar,
  messageInfo,
} from "../schema/descriptors.js";
import { integerRange } from "../schema/integer-ranges.js";
import { compareMapKeys, formatFloat, formatInt64, int64InMemory, jsonNumber, nonFiniteFromJson } from "./numbers.js";
import { type FieldValue, type MessageValue, setOwn } from "./types.js";

/**
 * The protobuf JSON mapping with Triton's (original) field names, as Triton's
 * model-configuration endpoint reports a config and as Python's
 * `json_format.MessageToDict(preserving_proto_field_name=True)` writes it:
 * fields at their default value left out (oneof members and map values
 * kept), 64-bit integers as decimal strings, enums by name, NaN and
 * infinities as strings. Two messages are equal exactly when their JSON is.
 * A string byte that is not UTF-8 stays the lone surrogate that holds it in
 * memory (utf8.ts), which JSON writes as `"\udcff"`: `JSON.parse` and
 * Python's `json` with `surrogateescape` read back the same bytes.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A field as one value: a map is read and written entry by entry, through its `value` side. */
type SingularField = Exclude<FieldInfo, { kind: "map" }>;

function scalarJson(type: ScalarType, value: FieldValue): JsonValue {
  switch (type) {
    case "string":
    // no field of model_config.proto is bytes, so no value reaches this case by its own name
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "bytes":
      return String(value);
    case "bool":
      return value === true;
    case "float":
    case "double": {
      const n = Number(value);
      if (!Number.isFinite(n)) return jsonNumber(n);
      // A float keeps its float32 value; its shortest spelling is what Python prints.
      return type === "float" ? Number(formatFloat(n)) : n;
    }
    default:
      return isInt64Scalar(type) ? formatInt64(value as number | bigint | string) : Number(value);
  }
}

function isDefault(field: FieldInfo, value: FieldValue): boolean {
  if (field.kind === "enum") return value === 0 || value === field.enumType.names[0];
  if (field.kind !== "scalar") return false;
  switch (field.scalar) {
    case "string":
    // no field of model_config.proto is bytes (see scalarJson)
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "bytes":
      return value === "";
    case "bool":
      return value === false;
    case "float":
    // model_config.proto's only doubles are repeated (histogram buckets), and list items never reach isDefault; a
    // double sent to the default case would differ only at -0
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "double":
      return value === 0 && !Object.is(value, -0);
    default:
      return value === 0 || value === 0n || value === "0";
  }
}

function valueJson(field: SingularField, value: FieldValue): JsonValue {
  if (field.kind === "message") return messageJson(field.messageType, value as MessageValue);
  if (field.kind === "enum") return typeof value === "number" ? (field.enumType.nameOf(value) ?? value) : String(value);
  return scalarJson(field.scalar, value);
}

function messageJson(type: MessageInfo, value: MessageValue): JsonObject {
  const out: JsonObject = {};
  for (const field of type.fields) {
    const v = value[field.name];
    if (v === undefined) continue;
    if (field.kind === "map") {
      // Sorted as protoc prints and serialises maps, so equal maps give equal JSON.
      const keyType = field.keyType;
      const entries = Object.entries(v as Record<string, FieldValue>).sort(([a], [b]) => compareMapKeys(keyType, a, b));
      if (entries.length === 0) continue;
      const map: JsonObject = {};
      for (const [key, entry] of entries) setOwn(map, key, valueJson(field.value, entry));
      out[field.name] = map;
    } else if (field.repeated) {
      const list = v as FieldValue[];
      if (list.length === 0) continue;
      out[field.name] = list.map((item) => valueJson(field, item));
    } else {
      if (field.oneof === undefined && isDefault(field, v)) continue;
      out[field.name] = valueJson(field, v);
    }
  }
  return out;
}

/** A message in the protobuf JSON mapping (default type `ModelConfig`). */
export function toProtoJSON(value: MessageValue, messageType = "ModelConfig"): JsonObject {
  return messageJson(messageInfo(messageType), value);
}

/** Protobuf equality of two messages of the same type (explicit defaults equal absent ones). */
export function messagesEqual(a: MessageValue, b: MessageValue, messageType = "ModelConfig"): boolean {
  return JSON.stringify(toProtoJSON(a, messageType)) === JSON.stringify(toProtoJSON(b, messageType));
}

// ---- reading JSON --------------------------------------------------------

class JsonReader {
  readonly diagnostics: Diagnostic[] = [];

  private problem(path: string, message: string, hint?: string): undefined {
    const d: Diagnostic = { code: "PB-JSON", severity: "error", message, path };
    if (hint) d.hint = hint;
    this.diagnostics.push(d);
    return undefined;
  }

  message(type: MessageInfo, json: unknown, path: string): MessageValue | undefined {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      return this.problem(path, `${path || "config"}: expected an object for ${type.fullName}, got ${describe(json)}`);
    }
    const out: MessageValue = {};
    const seenOneof = new Map<string, string>();
    for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
      // An editor's schema hint at the root of a JSON or YAML config is not part of the message.
      if (name === "$schema" && path === "") continue;
      const here = path ? `${path}.${name}` : name;
      const field = type.field(name);
      if (!field) {
        this.problem(here, `${type.fullName} has no field "${name}"`);
        continue;
      }
      if (raw === null) continue;
      if (field.oneof !== undefined) {
        const other = seenOneof.get(field.oneof);
        if (other !== undefined)
          this.problem(here, `"${name}" and "${other}" are both members of oneof "${field.oneof}"; set only one`);
        seenOneof.set(field.oneof, name);
      }
      const value = this.field(field, raw, here);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private field(field: FieldInfo, raw: unknown, path: string): FieldValue | undefined {
    if (field.kind === "map") {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        return this.problem(path, `${path}: expected an object (map), got ${describe(raw)}`);
      const out: Record<string, FieldValue> = {};
      for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
        let k = key;
        if (field.keyType !== "string" && field.keyType !== "bool") {
          const n = this.integer(field.keyType, key, `${path}[${JSON.stringify(key)}]`);
          if (n === undefined) continue;
          k = String(n);
        }
        const v = this.single(field.value, entry, `${path}[${JSON.stringify(key)}]`);
        if (v !== undefined) setOwn(out, k, v);
      }
      return out;
    }
    if (field.repeated) {
      if (!Array.isArray(raw)) return this.problem(path, `${path}: expected an array, got ${describe(raw)}`);
      const out: FieldValue[] = [];
      raw.forEach((item, i) => {
        const v = this.single(field, item, `${path}[${i}]`);
        if (v !== undefined) out.push(v);
      });
      return out;
    }
    return this.single(field, raw, path);
  }

  private single(field: SingularField, raw: unknown, path: string): FieldValue | undefined {
    if (field.kind === "message") return this.message(field.messageType, raw, path);
    if (field.kind === "enum") {
      if (typeof raw === "string") {
        if (field.enumType.values.has(raw)) return raw;
        return this.problem(
          path,
          `${path}: unknown enum value "${raw}"`,
          `expected one of: ${field.enumType.names.join(", ")}`,
        );
      }
      if (typeof raw === "number" && Number.isInteger(raw)) return field.enumType.nameOf(raw) ?? raw;
      return this.problem(path, `${path}: expected an enum name, got ${describe(raw)}`);
    }
    const type = field.scalar;
    switch (type) {
      case "string":
      // no field of model_config.proto is bytes (see scalarJson)
      // Stryker disable next-line StringLiteral: equivalent, see above
      case "bytes":
        return typeof raw === "string" ? raw : this.problem(path, `${path}: expected a string, got ${describe(raw)}`);
      case "bool":
        return typeof raw === "boolean"
          ? raw
          : this.problem(path, `${path}: expected true or false, got ${describe(raw)}`);
      case "float":
      case "double": {
        let n: number;
        if (typeof raw === "number") n = raw;
        else if (typeof raw === "string" && nonFiniteFromJson(raw) !== undefined) n = nonFiniteFromJson(raw) as number;
        else if (typeof raw === "string" && raw.trim() !== "" && !Number.isNaN(Number(raw))) n = Number(raw);
        else return this.problem(path, `${path}: expected a number, got ${describe(raw)}`);
        return type === "float" ? Math.fround(n) : n;
      }
      default: {
        const n = this.integer(type, raw, path);
        if (n === undefined) return undefined;
        if (isInt64Scalar(type)) return int64InMemory(n);
        return Number(n);
      }
    }
  }

  private integer(type: ScalarType, raw: unknown, path: string): bigint | undefined {
    let n: bigint;
    if (typeof raw === "number" && Number.isInteger(raw)) n = BigInt(raw);
    else if (typeof raw === "bigint") n = raw;
    // BigInt() itself skips the white space that trim() removes before the pattern's test
    else if (typeof raw === "string" && /^-?\d+$/.test(raw.trim())) n = BigInt(raw);
    else return this.problem(path, `${path}: expected an integer (${type}), got ${describe(raw)}`);
    const range = integerRange(type);
    if (range && (n < range.min || n > range.max)) {
      return this.problem(path, `${path}: ${n} is out of range for ${type} (${range.min} to ${range.max})`);
    }
    return n;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/**
 * Reads a message from the protobuf JSON mapping (or the same object from
 * YAML): 64-bit integers as numbers or decimal strings, enums by name or
 * number. Problems come back as diagnostics with the field path.
 */
export function fromProtoJSON(
  json: unknown,
  messageType = "ModelConfig",
): { value: MessageValue; diagnostics: Diagnostic[] } {
  const reader = new JsonReader();
  const value = reader.message(messageInfo(messageType), json, "") ?? {};
  return { value, diagnostics: reader.diagnostics };
}
