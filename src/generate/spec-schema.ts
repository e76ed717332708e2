import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { modelConfigJsonSchema } from "../builder/schema-check.js";
import { packageRoot } from "../schema/package-root.js";

/**
 * ajv over `schemas/repo-spec.schema.json`. The per-model `config` escape hatch
 * references `../generated/model-config.schema.json`; that schema is loaded
 * under the URL the reference resolves to, so its own `$id` does not matter.
 */

const MODEL_CONFIG_REF = "../generated/model-config.schema.json";

let cached: ValidateFunction | undefined;

/** The repo-spec JSON Schema, parsed. */
function repoSpecSchema(): Record<string, unknown> {
  const path = join(packageRoot(), "schemas", "repo-spec.schema.json");
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function modelConfigSchema(): Record<string, unknown> {
  // Registered under the resolved reference; a `$schema` of another draft
  // would make ajv 2020 refuse it, and the drafts agree on what we use.
  const { $schema: _ignored, ...rest } = modelConfigJsonSchema();
  return rest;
}

/** The compiled validator of repo specs, built once. Errors are kept with their schemas (`verbose`). */
export function repoSpecValidator(): ValidateFunction {
  if (cached) return cached;
  const spec = repoSpecSchema();
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
  // The schema file has no $id, so editors resolve its relative $ref next to the file;
  // ajv gets a base URI of our own to resolve the same reference against.
  const base = "https://triton-repo.invalid/schemas/repo-spec.schema.json";
  ajv.addSchema({ ...modelConfigSchema(), $id: new URL(MODEL_CONFIG_REF, base).href });
  cached = ajv.compile({ ...spec, $id: base });
  return cached;
}

export type { ErrorObject };
