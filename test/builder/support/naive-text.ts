import { type FieldInfo, type MessageInfo, messageInfo } from "../../../src/schema/descriptors.js";
import { quoteString } from "../../../src/pbtxt/escape.js";

/**
 * Writes any JSON value as protobuf text, without checking it: the printer
 * refuses what does not fit the schema, but the agreement test needs the text
 * reader's own verdict on exactly those values. Where the schema knows a
 * field the JSON mapping's spellings are translated (enum names bare, "NaN"
 * as nan, 64-bit decimal strings as numbers, map objects as key/value
 * entries); everything else is written as its JSON type suggests, so a
 * wrong value stays wrong in the text.
 */
export function naiveText(
  value: Record<string, unknown>,
  info: MessageInfo | undefined = messageInfo("ModelConfig"),
): string {
  return message(value, info, "");
}

const NON_FINITE_TEXT: Readonly<Record<string, string>> = { NaN: "nan", Infinity: "inf", "-Infinity": "-inf" };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function scalar(field: FieldInfo | undefined, value: unknown): string {
  const target = field?.kind === "map" ? field.value : field;
  if (typeof value === "string") {
    if (target?.kind === "enum" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return value;
    if (target?.kind === "scalar") {
      if ((target.scalar === "float" || target.scalar === "double") && NON_FINITE_TEXT[value] !== undefined)
        return NON_FINITE_TEXT[value];
      if (/int64|fixed64/.test(target.scalar) && /^-?[0-9]+$/.test(value)) return value;
    }
    return quoteString(value);
  }
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[ ${value.map((v) => scalar(field, v)).join(", ")} ]`;
  return JSON.stringify(value);
}

function entry(name: string, field: FieldInfo | undefined, value: unknown, pad: string): string {
  if (isObject(value)) {
    const nested =
      field?.kind === "message"
        ? field.messageType
        : field?.kind === "map" && field.value.kind === "message"
          ? field.value.messageType
          : undefined;
    return `${pad}${name} {\n${message(value, nested, `${pad}  `)}${pad}}\n`;
  }
  return `${pad}${name}: ${scalar(field, value)}\n`;
}

function message(value: Record<string, unknown>, info: MessageInfo | undefined, pad: string): string {
  let out = "";
  for (const [name, item] of Object.entries(value)) {
    const field = info?.field(name);
    if (field?.kind === "map" && isObject(item)) {
      for (const [key, mapped] of Object.entries(item)) {
        const keyText = field.keyType === "string" ? quoteString(key) : key;
        const inner = `${pad}  `;
        out += `${pad}${name} {\n${inner}key: ${keyText}\n`;
        out +=
          isObject(mapped) && field.value.kind === "message"
            ? `${inner}value {\n${message(mapped, field.value.messageType, `${inner}  `)}${inner}}\n`
            : entry("value", field.value, mapped, inner);
        out += `${pad}}\n`;
      }
    } else if (Array.isArray(item) && (field === undefined || field.repeated) && item.some(isObject)) {
      for (const element of item) out += entry(name, field, element, pad);
    } else {
      out += entry(name, field, item, pad);
    }
  }
  return out;
}
