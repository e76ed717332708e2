import type { FieldInfo, MessageInfo } from "../schema/descriptors.js";
import { quoteString } from "../pbtxt/escape.js";
import type { JsonObject, JsonValue } from "../pbtxt/json.js";
import { formatDouble } from "../pbtxt/numbers.js";

/**
 * Values of the JSON mapping written back in text-format spelling, on one
 * line, for diff output: `"resnet"`, `KIND_GPU`, `[ 3, 224 ]`,
 * `{ kind: KIND_GPU count: 2 }`.
 */

type ValueField = Exclude<FieldInfo, { kind: "map" }>;

/** The proto3 default of a singular scalar or enum field, as text. */
export function defaultText(field: ValueField): string {
  if (field.kind === "enum") return field.enumType.names[0] ?? "0";
  if (field.kind !== "scalar") return "{ }";
  switch (field.scalar) {
    case "string":
    case "bytes":
      return '""';
    case "bool":
      return "false";
    default:
      return "0";
  }
}

function scalarText(field: ValueField, value: JsonValue): string {
  if (field.kind === "scalar" && (field.scalar === "string" || field.scalar === "bytes"))
    return quoteString(String(value));
  // The printer's spelling: nan, inf, -inf and -0 as config.pbtxt writes them.
  if (field.kind === "scalar" && (field.scalar === "float" || field.scalar === "double"))
    return formatDouble(Number(value));
  return String(value);
}

/** One value of a field (an element, for a repeated field). */
export function valueText(field: ValueField, value: JsonValue): string {
  if (field.kind === "message") return messageText(field.messageType, value as JsonObject);
  return scalarText(field, value);
}

/** A whole field's value: a list for repeated fields. */
export function fieldText(field: ValueField, value: JsonValue): string {
  if (field.repeated && Array.isArray(value)) {
    return value.length === 0 ? "[ ]" : `[ ${value.map((v) => valueText(field, v)).join(", ")} ]`;
  }
  return valueText(field, value);
}

/** A message on one line, fields in declaration order. */
export function messageText(type: MessageInfo, value: JsonObject): string {
  const parts: string[] = [];
  for (const field of type.fields) {
    const v = value[field.name];
    if (v === undefined) continue;
    if (field.kind === "map") {
      for (const [key, entry] of Object.entries(v as JsonObject)) {
        const keyText = field.keyType === "string" ? quoteString(key) : key;
        const entryText =
          field.value.kind === "message"
            ? `value ${valueText(field.value, entry)}`
            : `value: ${valueText(field.value, entry)}`;
        parts.push(`${field.name} { key: ${keyText} ${entryText} }`);
      }
    } else if (field.kind === "message") {
      for (const item of field.repeated ? (v as JsonValue[]) : [v])
        parts.push(`${field.name} ${valueText(field, item)}`);
    } else {
      parts.push(`${field.name}: ${fieldText(field, v)}`);
    }
  }
  return parts.length === 0 ? "{ }" : `{ ${parts.join(" ")} }`;
}
