import { type FieldInfo, isInt64Scalar } from "../schema/descriptors.js";
import { integerRange } from "../schema/integer-ranges.js";

/** The words of schema diagnostics: what a field holds, what was found instead. */

/**
 * True when the value has the right JSON type for a numeric field and only its
 * size is wrong (an integer past the type's bounds, a float past float32),
 * which the text reader reports as PB-RANGE rather than PB-TYPE.
 */
export function isOutOfRange(field: FieldInfo | undefined, element: boolean, value: unknown): boolean {
  if (field === undefined) return false;
  if (!element && (field.kind === "map" || field.repeated)) return false;
  const scalar = field.kind === "map" ? field.value : field;
  if (scalar.kind !== "scalar") return false;
  if (scalar.scalar === "float") return typeof value === "number";
  // protoc reads a minus sign before an unsigned value as the wrong token, a type error.
  const negative = (typeof value === "number" && value < 0) || (typeof value === "string" && value.startsWith("-"));
  if (negative && /^(uint|fixed)/.test(scalar.scalar)) return false;
  if (isInt64Scalar(scalar.scalar)) {
    return (
      (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value))
    );
  }
  const integer =
    scalar.scalar !== "double" && scalar.scalar !== "bool" && scalar.scalar !== "string" && scalar.scalar !== "bytes";
  return integer && typeof value === "number" && Number.isInteger(value);
}

function rangeText(min: string, max: string): string {
  return `from ${min} to ${max}`;
}

/** What a field's value must be, in words, for "expected …, got …". */
export function expectedText(field: FieldInfo | undefined, element: boolean): string {
  if (field === undefined) return "an object";
  if (!element) {
    if (field.kind === "map") return `an object mapping ${field.keyType} keys to ${expectedText(field.value, true)}`;
    if (field.repeated) return `a list of ${plural(expectedText(field, true))}`;
  }
  const value = field.kind === "map" ? field.value : field;
  switch (value.kind) {
    case "message":
      return `an object (message ${value.messageType.fullName})`;
    case "enum":
      return `a name of enum inference.${value.enumType.name}`;
    case "scalar":
      switch (value.scalar) {
        case "bool":
          return "true or false";
        case "string":
          return "a string";
        case "bytes":
          return "a base64 string";
        case "float":
          return 'a float32 number (or "NaN", "Infinity", "-Infinity")';
        case "double":
          return 'a number (or "NaN", "Infinity", "-Infinity")';
        default: {
          const bounds = integerRange(value.scalar);
          if (bounds && !bounds.is64) return `an integer ${rangeText(String(bounds.min), String(bounds.max))}`;
          if (bounds && isInt64Scalar(value.scalar)) {
            const range = rangeText(String(bounds.min), String(bounds.max));
            const article = /^(int|sint|sfixed)/.test(value.scalar) ? "an" : "a";
            return `${article} ${value.scalar} (an integer or a decimal string) ${range}`;
          }
          return "a scalar";
        }
      }
  }
}

function plural(text: string): string {
  return text.replace(/^an? /, "").replace(/^(integer|object|string|name|number)/, "$1s");
}

/** `got` part of a message: the JSON type and, for short scalars, the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    case "number":
      return `number ${String(value)}`;
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}
