import type { FieldInfo, MessageInfo } from "../schema/descriptors.js";
import { GENERATED_HEADER } from "./header.js";
import type { CodegenModel } from "./schema-model.js";

/**
 * generated/field-names.ts: the field names of the schema, grouped by the
 * shape a reader takes them in. The validator and effective config read the
 * parser's plain objects through src/config/view.ts, whose
 * accessors take these unions: a misspelt field, or a string accessor over a
 * number field, does not compile, while the rules keep reading any message
 * of the schema (the unions are over every message, since the accessors are
 * given a sub-message whose type the parser does not carry).
 */

/** The groups, each an exported type, with what it holds. */
const GROUPS: ReadonlyArray<{ name: string; doc: string; takes(field: FieldInfo): boolean }> = [
  {
    name: "StringFieldName",
    doc: "A singular `string` field.",
    takes: (f) => f.kind === "scalar" && !f.repeated && f.scalar === "string",
  },
  {
    name: "BoolFieldName",
    doc: "A singular `bool` field.",
    takes: (f) => f.kind === "scalar" && !f.repeated && f.scalar === "bool",
  },
  {
    name: "NumberFieldName",
    doc: "A singular integer or floating-point field.",
    takes: (f) =>
      f.kind === "scalar" && !f.repeated && f.scalar !== "string" && f.scalar !== "bool" && f.scalar !== "bytes",
  },
  { name: "EnumFieldName", doc: "A singular enum field.", takes: (f) => f.kind === "enum" && !f.repeated },
  { name: "MessageFieldName", doc: "A singular message field.", takes: (f) => f.kind === "message" && !f.repeated },
  {
    name: "RepeatedMessageFieldName",
    doc: "A repeated message field.",
    takes: (f) => f.kind === "message" && f.repeated,
  },
  {
    name: "RepeatedNumberFieldName",
    doc: "A repeated integer or floating-point field (enums too: they read as numbers).",
    takes: (f) =>
      f.repeated &&
      ((f.kind === "scalar" && f.scalar !== "string" && f.scalar !== "bool" && f.scalar !== "bytes") ||
        f.kind === "enum"),
  },
  {
    name: "RepeatedStringFieldName",
    doc: "A repeated `string` field.",
    takes: (f) => f.kind === "scalar" && f.repeated && f.scalar === "string",
  },
  {
    name: "RepeatedBoolFieldName",
    doc: "A repeated `bool` field.",
    takes: (f) => f.kind === "scalar" && f.repeated && f.scalar === "bool",
  },
  { name: "MapFieldName", doc: "A map field.", takes: (f) => f.kind === "map" },
];

function union(names: ReadonlySet<string>): string {
  return [...names]
    .sort()
    .map((n) => JSON.stringify(n))
    .join(" | ");
}

export function generateFieldNames(model: CodegenModel): string {
  const fields = model.messages.flatMap((m: MessageInfo) => m.fields);
  const lines = ["/**", ...GENERATED_HEADER.map((l) => ` * ${l}`), " */", ""];
  const all = new Set<string>();
  for (const group of GROUPS) {
    const names = new Set(fields.filter((f) => group.takes(f)).map((f) => f.name));
    for (const n of names) all.add(n);
    lines.push(`/** ${group.doc} */`, `export type ${group.name} = ${union(names)};`, "");
  }
  const repeated = new Set(fields.filter((f) => f.repeated).map((f) => f.name));
  lines.push("/** Any repeated field. */", `export type RepeatedFieldName = ${union(repeated)};`, "");
  lines.push("/** Any field of the schema. */", `export type FieldName = ${union(all)};`, "");
  return lines.join("\n");
}
