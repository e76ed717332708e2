/**
 * Generates generated/model-config.ts: the TypeScript types of Triton's model
 * configuration, one declaration per proto message and enum, so that build
 * scripts get the whole schema checked by the compiler (unknown fields, enum
 * names, value types, two members of a oneof). Naming rules: ./names.ts.
 * Runs at build time only (`npm run codegen`); nothing at run time loads
 * ts-morph.
 */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  VariableDeclarationKind,
  type CodeBlockWriter,
} from "ts-morph";
import { type FieldInfo, type MessageInfo, isInt64Scalar } from "../schema/descriptors.js";
import { GENERATED_HEADER } from "./header.js";
import { assertUniqueNames, enumNamesConstName, fieldsInterfaceName, oneofTypeName, typeName } from "./names.js";
import type { CodegenModel } from "./schema-model.js";

/** Name of the generated alias for the input form of a 64-bit integer. */
export const INT64_TYPE = "Int64Input";

function docText(text: string): string {
  // A doc comment must not end early.
  return text.replaceAll("*/", "*\\/");
}

function valueType(field: FieldInfo): string {
  switch (field.kind) {
    case "map":
      return `Record<string, ${valueType(field.value)}>`;
    case "message":
      return typeName(field.messageType.name);
    case "enum":
      return typeName(field.enumType.name);
    case "scalar":
      if (isInt64Scalar(field.scalar)) return INT64_TYPE;
      if (field.scalar === "bool") return "boolean";
      // bytes: base64 text, as in the JSON mapping.
      if (field.scalar === "string" || field.scalar === "bytes") return "string";
      return "number";
  }
}

/** The TypeScript type of a field's value (arrays for repeated fields). */
export function fieldType(field: FieldInfo): string {
  const single = valueType(field);
  if (field.kind !== "map" && field.repeated) return single.includes(" ") ? `(${single})[]` : `${single}[]`;
  return single;
}

function writeOneofAlternative(
  writer: CodeBlockWriter,
  model: CodegenModel,
  message: MessageInfo,
  members: readonly string[],
  chosen: string,
): void {
  writer.newLine();
  writer.write("| ").inlineBlock(() => {
    for (const name of members) {
      const field = message.field(name)!;
      if (name === chosen) {
        writer.writeLine(`/** ${docText(model.fieldDoc(message, field))} */`);
        writer.writeLine(`${name}?: ${fieldType(field)};`);
      } else {
        writer.writeLine(`${name}?: never;`);
      }
    }
  });
}

function addMessage(file: import("ts-morph").SourceFile, model: CodegenModel, message: MessageInfo): void {
  const plain = message.fields.filter((f) => f.oneof === undefined);
  const properties = plain.map((field) => ({
    name: field.name,
    type: fieldType(field),
    hasQuestionToken: true,
    docs: [docText(model.fieldDoc(message, field))],
  }));
  const doc = docText(model.typeDoc(message.name));
  if (message.oneofs.size === 0) {
    file.addInterface({ name: typeName(message.name), isExported: true, docs: [doc], properties });
    return;
  }
  const base = fieldsInterfaceName(message.name);
  file.addInterface({
    name: base,
    isExported: true,
    docs: [`The fields of {@link ${typeName(message.name)}} outside its oneofs.`],
    properties,
  });
  const parts = [base];
  for (const [oneof, members] of message.oneofs) {
    const name = oneofTypeName(message.name, oneof);
    parts.push(name);
    file.addTypeAlias({
      name,
      isExported: true,
      docs: [
        `Oneof \`${oneof}\` of {@link ${typeName(message.name)}}: at most one of ${members.map((m) => `\`${m}\``).join(", ")} is set.`,
      ],
      type: (writer) => {
        for (const chosen of members) writeOneofAlternative(writer, model, message, members, chosen);
      },
    });
  }
  file.addTypeAlias({ name: typeName(message.name), isExported: true, docs: [doc], type: parts.join(" & ") });
}

/** One blank line before every top-level doc comment, which ts-morph leaves out between type aliases. */
function separateDeclarations(text: string): string {
  return text.replace(/([^\n])\n\/\*\*/g, "$1\n\n/**");
}

/** The text of generated/model-config.ts. Deterministic: same schema and docs, same bytes. */
export function generateTypes(model: CodegenModel): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
  const file = project.createSourceFile("model-config.ts", "", { overwrite: true });
  file.addTypeAlias({
    name: INT64_TYPE,
    isExported: true,
    docs: [
      'A 64-bit integer field: a number (exact while it is a safe integer), a bigint, or an exact decimal string such as `"18446744073709551615"`. The builder turns strings into numbers or bigints; the printer writes every form exactly.',
    ],
    type: "number | bigint | string",
  });
  for (const info of model.enums) {
    const name = typeName(info.name);
    file.addTypeAlias({
      name,
      isExported: true,
      docs: [docText(model.typeDoc(info.name))],
      type: info.names.map((n) => JSON.stringify(n)).join(" | "),
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`The value names of {@link ${name}}, in declaration order.`],
      declarations: [
        {
          name: enumNamesConstName(info.name),
          type: `readonly ${name}[]`,
          initializer: `[${info.names.map((n) => JSON.stringify(n)).join(", ")}]`,
        },
      ],
    });
  }
  for (const message of model.messages) addMessage(file, model, message);
  // Two proto entities mapped to one TypeScript name would emit a file that does not compile.
  assertUniqueNames([
    ...file.getInterfaces().map((d) => ({ tsName: d.getName(), origin: `interface ${d.getName()}` })),
    ...file.getTypeAliases().map((d) => ({ tsName: d.getName(), origin: `type ${d.getName()}` })),
    ...file.getVariableDeclarations().map((d) => ({ tsName: d.getName(), origin: `const ${d.getName()}` })),
  ]);
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const header = GENERATED_HEADER.map((line) => `// ${line}\n`).join("");
  return `${header}\n${separateDeclarations(file.getFullText())}`;
}
