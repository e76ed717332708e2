import type {
  ModelConfig,
  ModelConfigFields,
  ModelDynamicBatching,
  ModelInstanceGroup,
  ModelParameter,
  ModelSequenceBatching,
  ModelWarmup,
} from "../../generated/model-config.js";
import { type ModelBasics, basicFields, modelConfig, parameters as parameterMap } from "./model-config.js";
import { type WarmupOptions, warmupFor } from "./warmup.js";

interface PythonModelBase extends ModelBasics {
  /** Instance groups (`gpuInstances(...)`, `cpuInstances(...)`); Triton's default when left out. */
  instances?: ModelInstanceGroup | readonly ModelInstanceGroup[];
  /** Backend parameters: plain strings, or the result of `parameters(...)`. */
  parameters?: Readonly<Record<string, string | ModelParameter>>;
  /** Shorthand for the EXECUTION_ENV_PATH parameter (a conda-pack archive, often under $$TRITON_MODEL_DIRECTORY). */
  executionEnvPath?: string;
  /** The model may send any number of responses per request (`model_transaction_policy.decoupled`). */
  decoupled?: boolean;
  /** Warmup samples (such as `warmupFor(...)`'s result), or options to derive one from the inputs as `warmupFor` does. */
  warmup?: WarmupOptions | readonly ModelWarmup[];
  /** Any other ModelConfig field (version_policy, response_cache, ...), written as given. */
  extra?: Omit<
    ModelConfigFields,
    "name" | "backend" | "max_batch_size" | "input" | "output" | "instance_group" | "parameters" | "model_warmup"
  >;
}

/** Python-model options: at most one scheduler, as in ModelConfig. */
export type PythonModelSpec = PythonModelBase &
  (
    | { dynamicBatching?: ModelDynamicBatching; sequenceBatching?: never }
    | { dynamicBatching?: never; sequenceBatching?: ModelSequenceBatching }
  );

/**
 * A Python-backend model config (`backend: "python"`) in a few lines.
 * `max_batch_size` is always written, zero included. What Triton would refuse
 * at load (a preferred batch size above `maxBatchSize`, MC-51, and every
 * other load-time rule) is left to `validateConfig`, which reports it with
 * Triton's own message: build, then validate.
 *
 * @throws DiagnosticError only where `warmupFor` throws (the `warmup` option
 *   leaves a dimension variable), and for values the types refuse (from
 *   JavaScript or through a cast), as `modelConfig` does.
 */
export function pythonModel(spec: PythonModelSpec): ModelConfig {
  const params = { ...spec.parameters };
  if (spec.executionEnvPath !== undefined) params.EXECUTION_ENV_PATH = spec.executionEnvPath;
  const instances =
    spec.instances === undefined
      ? []
      : Array.isArray(spec.instances)
        ? [...spec.instances]
        : [spec.instances as ModelInstanceGroup];

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
    scheduled.model_warmup = Array.isArray(spec.warmup)
      ? [...spec.warmup]
      : warmupFor(scheduled, spec.warmup as WarmupOptions);
  }
  return modelConfig(scheduled);
}
