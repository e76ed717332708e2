import { loadSchemaRoot } from "../schema/load-schema.js";
import { type EnumInfo, type FieldInfo, type MessageInfo, describeSchema } from "../schema/descriptors.js";
import type { SchemaData } from "../schema/schema-data.js";
import { FIELD_DOCS, TYPE_DOCS } from "./field-docs.js";
import { schemaDataFromProto } from "./schema-data.js";

/**
 * Everything both generators need, read once from schemas/model_config.proto:
 * every message and enum in declaration order (each message followed by the
 * types nested in it), with the doc text of each type and field resolved.
 */
export interface CodegenModel {
  /** The schema as data, for `generated/schema-data.ts`. */
  readonly data: SchemaData;
  readonly messages: readonly MessageInfo[];
  readonly enums: readonly EnumInfo[];
  /** Doc text of a message or enum, by package-relative name. */
  typeDoc(protoName: string): string;
  /** One-line doc of a field, ending with its default. */
  fieldDoc(message: MessageInfo, field: FieldInfo): string;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The default a field has when it is left out, in words. */
export function defaultText(message: MessageInfo, field: FieldInfo): string {
  if (field.oneof !== undefined) {
    const members = message.oneofs.get(field.oneof) ?? [];
    return `unset (oneof ${field.oneof}: at most one of ${members.join(", ")})`;
  }
  if (field.kind === "map" || field.repeated) return "empty";
  switch (field.kind) {
    case "message":
      return "unset";
    case "enum":
      return field.enumType.nameOf(0) ?? "0";
    case "scalar":
      if (field.scalar === "bool") return "false";
      if (field.scalar === "string" || field.scalar === "bytes") return "empty";
      return "0";
  }
}

/** Reads the schema and resolves docs. Throws, naming them, when fields or types lack a description. */
export function buildCodegenModel(): CodegenModel {
  // Built from the .proto itself, never from generated/ (which this run rewrites).
  const data = schemaDataFromProto(loadSchemaRoot());
  const registry = describeSchema(data);
  const messages = registry.messages;
  const enums = registry.enums;
  const comments = new Map([...data.messages, ...data.enums].map((type) => [type.name, type.comment]));

  const typeDocs = new Map<string, string>();
  const missing: string[] = [];
  for (const name of [...messages.map((m) => m.name), ...enums.map((e) => e.name)]) {
    const comment = comments.get(name);
    const text = TYPE_DOCS[name] ?? comment ?? undefined;
    if (text === undefined) missing.push(`type ${name}`);
    else typeDocs.set(name, withPeriod(oneLine(text)));
  }
  const fieldDocs = new Map<string, string>();
  for (const message of messages) {
    for (const field of message.fields) {
      const key = `${message.name}.${field.name}`;
      const text = FIELD_DOCS[key] ?? field.comment;
      if (text === undefined) missing.push(`field ${key}`);
      else fieldDocs.set(key, `${withPeriod(oneLine(text))} Default: ${defaultText(message, field)}.`);
    }
  }
  const stale = unusedDocKeys(messages, enums);
  if (missing.length > 0 || stale.length > 0) {
    const lines = [
      ...missing.map((m) => `  no description for ${m}: add one to src/codegen/field-docs.ts`),
      ...stale.map((k) => `  src/codegen/field-docs.ts describes ${k}, which the schema does not have`),
    ];
    throw new Error(`codegen: documentation out of step with the schema:\n${lines.join("\n")}`);
  }
  return {
    data,
    messages,
    enums,
    typeDoc: (name) => typeDocs.get(name) ?? "",
    fieldDoc: (message, field) => fieldDocs.get(`${message.name}.${field.name}`) ?? "",
  };
}

/** Keys of field-docs.ts that name no type or field of the schema (a rename left them behind). */
export function unusedDocKeys(messages: readonly MessageInfo[], enums: readonly EnumInfo[]): string[] {
  const types = new Set([...messages.map((m) => m.name), ...enums.map((e) => e.name)]);
  const fields = new Set(messages.flatMap((m) => m.fields.map((f) => `${m.name}.${f.name}`)));
  return [
    ...Object.keys(TYPE_DOCS).filter((k) => !types.has(k)),
    ...Object.keys(FIELD_DOCS).filter((k) => !fields.has(k)),
  ];
}
