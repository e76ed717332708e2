import type {
  ModelConfig,
  ModelConfigFields,
  ModelDynamicBatching,
  ModelInstanceGroup,
  ModelSequenceBatching,
  ModelWarmup,
} from "../../generated/model-config.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { type ModelBasics, basicFields, modelConfig, parameters as parameterMap } from "./model-config.js";
import { type WarmupOptions, warmupFor } from "./warmup.js";

interface PythonModelBase extends ModelBasics {
  /** Instance groups (`gpuInstances(...)`, `cpuInstances(...)`); Triton's default when left out. */
  instances?: ModelInstanceGroup | readonly ModelInstanceGroup[];
  /** Backend parameters as plain strings. */
  parameters?: Readonly<Record<string, string>>;
  /** Shorthand for the EXECUTION_ENV_PATH parameter (a conda-pack archive, often under $$TRITON_MODEL_DIRECTORY). */
  executionEnvPath?: string;
  /** The model may send any number of responses per request (`model_transaction_policy.decoupled`). */
  decoupled?: boolean;
  /** Warmup samples, or options to derive one from the inputs with `warmupFor`. */
  warmup?: WarmupOptions | readonly ModelWarmup[];
  /** Any other ModelConfig field (version_policy, response_cache, ...), written as given. */
  extra?: Omit<ModelConfigFields, "name" | "backend" | "max_batch_size" | "input" | "output" | "instance_group" | "parameters" | "model_warmup">;
}

/** Python-model options: at most one scheduler, as in ModelConfig. */
export type PythonModelSpec = PythonModelBase &
  (
    | { dynamicBatching?: ModelDynamicBatching; sequenceBatching?: never }
    | { dynamicBatching?: never; sequenceBatching?: ModelSequenceBatching }
  );

/**
 * A Python-backend model config (`backend: "python"`) in a few lines.
 * `max_batch_size` is always written, zero included. Preferred batch sizes
 * are checked against it here, as Triton checks them at load (MC-51), so a
 * config built this way does not fail at startup for that reason.
 *
 * @throws DiagnosticError for a preferred batch size outside [1, maxBatchSize],
 *   for warmup dims that stay variable, or for a value of the wrong type.
 */
export function pythonModel(spec: PythonModelSpec): ModelConfig {
  const preferred = spec.dynamicBatching?.preferred_batch_size ?? [];
  const misfits = preferred
    .map((size, index) => ({ size, index }))
    .filter(({ size }) => size <= 0 || size > spec.maxBatchSize);
  if (misfits.length > 0) {
    throw new DiagnosticError(
      misfits.map(({ size, index }) => ({
        code: "MC-51",
        severity: "error" as const,
        message:
          size <= 0
            ? `dynamic batching preferred size must be positive for ${spec.name}`
            : `dynamic batching preferred size must be <= max batch size for ${spec.name}`,
        path: `dynamic_batching.preferred_batch_size[${index}]`,
        hint: `preferred size ${size} needs maxBatchSize >= ${Math.max(size, 1)}`,
      })),
    );
  }
  const params = { ...spec.parameters };
  if (spec.executionEnvPath !== undefined) params.EXECUTION_ENV_PATH = spec.executionEnvPath;
  const instances = spec.instances === undefined ? [] : Array.isArray(spec.instances) ? [...spec.instances] : [spec.instances as ModelInstanceGroup];

  // Field order does not matter here: modelConfig puts fields in schema order.
  const config: ModelConfigFields = { ...basicFields(spec), backend: "python", ...spec.extra };
  if (instances.length > 0) config.instance_group = instances;
  if (Object.keys(params).length > 0) config.parameters = parameterMap(params);
  if (spec.decoupled !== undefined) config.model_transaction_policy = { decoupled: spec.decoupled };
  const scheduled: ModelConfig = spec.dynamicBatching
    ? { ...config, dynamic_batching: spec.dynamicBatching }
    : spec.sequenceBatching
      ? { ...config, sequence_batching: spec.sequenceBatching }
      : config;
  if (spec.warmup !== undefined) {
    scheduled.model_warmup = Array.isArray(spec.warmup) ? [...spec.warmup] : [warmupFor(scheduled, spec.warmup as WarmupOptions)];
  }
  return modelConfig(scheduled);
}
