import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { type FieldInfo, type MessageInfo, isInt64Scalar, messageInfo } from "../schema/descriptors.js";
import { quoteString } from "./escape.js";
import { compareMapKeys, formatDouble, formatFloat, formatInt64 } from "./numbers.js";
import type { FieldValue, MessageValue } from "./types.js";
import { indent } from "./indent.js";
import { TextBuilder } from "./text-builder.js";

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

function unknownField(type: MessageInfo, name: string, path: readonly (string | number)[]): never {
  let where = "";
  for (const step of path) where += typeof step === "number" ? `[${step}]` : where ? `.${step}` : step;
  throw new DiagnosticError([
    {
      code: "PB-UNKNOWN-FIELD",
      severity: "error",
      message: `Message type "${type.fullName}" has no field named "${name}".`,
      path: where ? `${where}.${name}` : name,
    },
  ]);
}

function scalarText(field: FieldInfo, value: FieldValue): string {
  if (field.kind === "enum") return String(value);
  if (field.kind !== "scalar") return "";
  switch (field.scalar) {
    case "string":
    // Stryker disable next-line StringLiteral: model_config.proto has no bytes field to reach this label
    case "bytes":
      return quoteString(String(value));
    case "bool":
      return value === true || value === "true" ? "true" : "false";
    case "float":
      return formatFloat(Number(value));
    case "double":
      return formatDouble(Number(value));
    // Stryker disable StringLiteral,ConditionalExpression,EqualityOperator: `default` gives String(Number(v)) too
    case "int32":
    case "uint32":
    case "sint32":
    case "fixed32":
    case "sfixed32":
      return typeof value === "number" ? String(value) : String(Number(value));
    // Stryker restore StringLiteral,ConditionalExpression,EqualityOperator
    default:
      return isInt64Scalar(field.scalar) ? formatInt64(value as number | bigint | string) : String(Number(value));
  }
}

class Printer {
  private readonly out = new TextBuilder();
  /** Field path of the message being printed; joined into text only for an error. */
  private readonly path: (string | number)[] = [];

  text(): string {
    return this.out.text();
  }

  message(type: MessageInfo, value: MessageValue, depth: number): void {
    let present = 0;
    for (const field of type.fields) {
      const v = value[field.name];
      if (v === undefined) continue;
      // Stryker disable next-line UpdateOperator: only gates the scan below; it finds nothing if all are fields
      present++;
      this.field(field, v, depth);
    }
    // Everything printed was a known field; anything else in the object is not.
    let defined = 0;
    // Stryker disable next-line UpdateOperator: a wrong count only runs the scan; it throws only for unknowns
    for (const name in value) if (value[name] !== undefined) defined++;
    if (defined !== present) {
      for (const name in value) if (value[name] !== undefined && !type.field(name)) unknownField(type, name, this.path);
    }
  }

  private field(field: FieldInfo, v: FieldValue, depth: number): void {
    const pad = indent(depth);
    if (field.kind === "map") {
      const map = v as Record<string, FieldValue>;
      const keys = Object.keys(map).sort((a, b) => compareMapKeys(field.keyType, a, b));
      const inner = indent(depth + 1);
      for (const key of keys) {
        const entryValue = map[key] as FieldValue;
        let out = `${pad}${field.name} {\n${inner}key: ${field.keyType === "string" ? quoteString(key) : key}\n`;
        if (field.value.kind === "message") {
          this.out.add(`${out}${inner}value {\n`);
          this.path.push(field.name, key);
          this.message(field.value.messageType, entryValue as MessageValue, depth + 2);
          this.path.length -= 2;
          this.out.add(`${inner}}\n${pad}}\n`);
        } else {
          out += `${inner}value: ${scalarText(field.value, entryValue)}\n${pad}}\n`;
          this.out.add(out);
        }
      }
      return;
    }
    if (field.kind === "message") {
      const open = `${pad}${field.name} {\n`;
      const close = `${pad}}\n`;
      this.path.push(field.name);
      if (field.repeated) {
        const items = v as MessageValue[];
        for (let i = 0; i < items.length; i++) {
          this.out.add(open);
          this.path.push(i);
          this.message(field.messageType, items[i] as MessageValue, depth + 1);
          this.path.pop();
          this.out.add(close);
        }
      } else {
        this.out.add(open);
        this.message(field.messageType, v as MessageValue, depth + 1);
        this.out.add(close);
      }
      this.path.pop();
      return;
    }
    if (field.repeated) {
      const items = v as FieldValue[];
      if (items.length === 0) {
        this.out.add(`${pad}${field.name}: [ ]\n`);
        return;
      }
      let line = `${pad}${field.name}: [ ${scalarText(field, items[0] as FieldValue)}`;
      for (let i = 1; i < items.length; i++) line += `, ${scalarText(field, items[i] as FieldValue)}`;
      this.out.add(`${line} ]\n`);
      return;
    }
    this.out.add(`${pad}${field.name}: ${scalarText(field, v)}\n`);
  }
}

/** Prints any message of the schema (default `ModelConfig`) as canonical text. */
export function printMessage(value: MessageValue, options: PrintOptions = {}): string {
  const printer = new Printer();
  printer.message(messageInfo(options.messageType ?? "ModelConfig"), value, 0);
  return printer.text();
}

/** Prints a model configuration as canonical `config.pbtxt` text. */
export function printConfig(value: MessageValue, options: PrintOptions = {}): string {
  return printMessage(value, options);
}
