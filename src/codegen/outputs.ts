import { generateJsonSchema } from "./generate-schema.js";
import { generateTypes } from "./generate-types.js";
import { RULES_DOC_PATH, generateRulesDoc } from "./rules-doc.js";
import { generateSchemaDataModule } from "./schema-data.js";
import { buildCodegenModel } from "./schema-model.js";

/** Paths (relative to the package root, `/` separators) of the generated files, with their full text. */
export type GeneratedFiles = ReadonlyMap<string, string>;

/** Builds every generated file in memory; nothing touches the disk. */
export function generateAll(): GeneratedFiles {
  const model = buildCodegenModel();
  return new Map([
    ["generated/model-config.ts", generateTypes(model)],
    ["generated/model-config.schema.json", generateJsonSchema(model)],
    ["generated/schema-data.ts", generateSchemaDataModule(model.data)],
    [RULES_DOC_PATH, generateRulesDoc()],
  ]);
}
