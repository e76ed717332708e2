import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../schema/package-root.js";
import { generateFieldNames } from "./generate-field-names.js";
import { generateJsonSchema } from "./generate-schema.js";
import { SPEC_SCHEMA_PATH, generateSpecTypes } from "./generate-spec-types.js";
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
    ["generated/field-names.ts", generateFieldNames(model)],
    ["generated/schema-data.ts", generateSchemaDataModule(model.data)],
    [
      "generated/repo-spec.ts",
      generateSpecTypes(JSON.parse(readFileSync(join(packageRoot(), SPEC_SCHEMA_PATH), "utf8"))),
    ],
    [RULES_DOC_PATH, generateRulesDoc()],
  ]);
}
