import type {
  ModelConfig,
  ModelConfigFields,
  ModelInput,
  ModelOutput,
  ModelParameter,
} from "../../generated/model-config.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { messageInfo } from "../schema/descriptors.js";
import { setOwn, type MessageValue } from "../pbtxt/types.js";
import { normalizeMessage } from "./normalize.js";
import { checkConfigSchema } from "./schema-check.js";

/**
 * Checks a config written in TypeScript (or handed over from JavaScript, where
 * the compiler could not look) and returns it normalised: fields in schema
 * order, 64-bit values as numbers or bigints, floats at float32 precision,
 * explicit zeros kept. The result prints with `toPbtxt` as written.
 *
 * @throws DiagnosticError with the schema diagnostics (codes PB-UNKNOWN-FIELD,
 *   PB-UNKNOWN-ENUM, PB-TYPE, PB-RANGE, PB-ONEOF) when the value is not a
 *   ModelConfig.
 */
export function modelConfig(spec: ModelConfig): ModelConfig {
  const diagnostics = checkConfigSchema(spec);
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return normalizeMessage(spec as MessageValue, messageInfo("ModelConfig")) as ModelConfig;
}

/**
 * Backend parameters: `parameters({ EXECUTION_ENV_PATH:
 * "$$TRITON_MODEL_DIRECTORY/env.tar.gz" })` gives the `ModelParameter` map
 * Triton expects (each plain string wrapped as `{ string_value }`; values
 * that already are `ModelParameter`s kept). The result goes to the
 * `parameters` field of a config, or to `pythonModel({ parameters })`.
 */
export function parameters(values: Readonly<Record<string, string | ModelParameter>>): Record<string, ModelParameter> {
  const out: Record<string, ModelParameter> = {};
  // Keys are user text: `__proto__` must become a key, not a prototype.
  for (const [key, value] of Object.entries(values))
    setOwn(out, key, typeof value === "string" ? { string_value: value } : value);
  return out;
}

/** What every model helper asks for first. */
export interface ModelBasics {
  /** Model name; the model's folder in the repository must have the same name. */
  name: string;
  /**
   * Largest batch Triton forms; 0 turns batching off (dims then include every
   * dimension). Required: Triton refuses preferred batch sizes without it.
   */
  maxBatchSize: number;
  inputs: readonly ModelInput[];
  outputs: readonly ModelOutput[];
}

/** The config fields of `ModelBasics`, with `max_batch_size` always written. */
export function basicFields(
  spec: ModelBasics,
): Required<Pick<ModelConfigFields, "name" | "max_batch_size" | "input" | "output">> {
  return { name: spec.name, max_batch_size: spec.maxBatchSize, input: [...spec.inputs], output: [...spec.outputs] };
}
