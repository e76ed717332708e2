import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { type FieldInfo, type MessageInfo, isInt64Scalar, messageInfo } from "../schema/descriptors.js";
import { quoteString } from "./escape.js";
import { compareMapKeys, formatDouble, formatFloat, formatInt64 } from "./numbers.js";
import type { FieldValue, MessageValue } from "./types.js";

/**
 * Canonical, byte-stable text for a message: 2-space indent, one field per
 * line, fields in the schema's declaration order, messages as `name { … }`,
 * repeated scalars as one `[ a, b ]` list, map entries sorted by key (as
 * protoc prints them), floats in their shortest exact form, 64-bit integers
 * exact. A field present in the value is printed even when it holds the
 * default (`max_batch_size: 0`), which protoc reads as the same message.
 */
export interface PrintOptions {
  /** Message type of `value`, relative to package `inference`. Default `ModelConfig`. */
  messageType?: string;
}

const INDENTS: string[] = [""];
function indent(depth: number): string {
  let s = INDENTS[depth];
  if (s === undefined) {
    s = "  ".repeat(depth);
    INDENTS[depth] = s;
  }
  return s;
}

function unknownField(type: MessageInfo, name: string, path: string): never {
  throw new DiagnosticError([
    {
      code: "PB-UNKNOWN-FIELD",
      severity: "error",
      message: `Message type "${type.fullName}" has no field named "${name}".`,
      path: path ? `${path}.${name}` : name,
    },
  ]);
}

function scalarText(field: FieldInfo, value: FieldValue): string {
  if (field.kind === "enum") return typeof value === "number" ? String(value) : String(value);
  if (field.kind !== "scalar") return "";
  switch (field.scalar) {
    case "string":
    case "bytes":
      return quoteString(String(value));
    case "bool":
      return value === true || value === "true" ? "true" : "false";
    case "float":
      return formatFloat(Number(value));
    case "double":
      return formatDouble(Number(value));
    default:
      return isInt64Scalar(field.scalar) ? formatInt64(value as number | bigint | string) : String(Number(value));
  }
}


class Printer {
  out = "";

  message(type: MessageInfo, value: MessageValue, depth: number, path: string): void {
    for (const name of Object.keys(value)) {
      if (value[name] !== undefined && !type.field(name)) unknownField(type, name, path);
    }
    for (const field of type.fields) {
      const v = value[field.name];
      if (v === undefined) continue;
      this.field(field, v, depth, path);
    }
  }

  private field(field: FieldInfo, v: FieldValue, depth: number, path: string): void {
    const pad = indent(depth);
    const here = path ? `${path}.${field.name}` : field.name;
    if (field.kind === "map") {
      const map = v as Record<string, FieldValue>;
      const keys = Object.keys(map).sort((a, b) => compareMapKeys(field.keyType, a, b));
      const inner = indent(depth + 1);
      for (const key of keys) {
        const entryValue = map[key] as FieldValue;
        this.out += `${pad}${field.name} {\n${inner}key: `;
        this.out += field.keyType === "string" ? quoteString(key) : key;
        this.out += "\n";
        if (field.value.kind === "message") {
          this.out += `${inner}value {\n`;
          this.message(field.value.messageType, entryValue as MessageValue, depth + 2, `${here}[${JSON.stringify(key)}]`);
          this.out += `${inner}}\n`;
        } else {
          this.out += `${inner}value: ${scalarText(field.value, entryValue)}\n`;
        }
        this.out += `${pad}}\n`;
      }
      return;
    }
    if (field.kind === "message") {
      const items = field.repeated ? (v as MessageValue[]) : [v as MessageValue];
      items.forEach((item, i) => {
        this.out += `${pad}${field.name} {\n`;
        this.message(field.messageType, item, depth + 1, field.repeated ? `${here}[${i}]` : here);
        this.out += `${pad}}\n`;
      });
      return;
    }
    if (field.repeated) {
      const items = v as FieldValue[];
      if (items.length === 0) {
        this.out += `${pad}${field.name}: [ ]\n`;
        return;
      }
      let line = `${pad}${field.name}: [ `;
      for (let i = 0; i < items.length; i++) {
        if (i > 0) line += ", ";
        line += scalarText(field, items[i] as FieldValue);
      }
      this.out += `${line} ]\n`;
      return;
    }
    this.out += `${pad}${field.name}: ${scalarText(field, v)}\n`;
  }
}

/** Prints any message of the schema (default `ModelConfig`) as canonical text. */
export function printMessage(value: MessageValue, options: PrintOptions = {}): string {
  const printer = new Printer();
  printer.message(messageInfo(options.messageType ?? "ModelConfig"), value, 0, "");
  return printer.out;
}

/** Prints a model configuration as canonical `config.pbtxt` text. */
export function printConfig(value: MessageValue, options: PrintOptions = {}): string {
  return printMessage(value, options);
}
