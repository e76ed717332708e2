import type { Int64Input, ModelConfig, ModelConfigFields, ModelEnsembling_Step } from "../../generated/model-config.js";
import { type ModelBasics, basicFields, modelConfig } from "./model-config.js";

/** One model of an ensemble and how its tensors connect to the ensemble's. */
export interface EnsembleStep {
  /** The model this step runs. */
  model: string;
  /** Version to run; -1 (the default) picks the newest loaded version. */
  version?: Int64Input;
  /** Step model input name → ensemble tensor it reads. */
  inputs: Readonly<Record<string, string>>;
  /** Step model output name → ensemble tensor it writes. */
  outputs: Readonly<Record<string, string>>;
}

/** An ensemble; its `maxBatchSize` must be accepted by every step model. */
export interface EnsembleSpec extends ModelBasics {
  steps: readonly EnsembleStep[];
  /** Most requests in flight between steps; 0 (the default) means no limit. */
  maxInflightRequests?: number;
  /** Other ModelConfig fields, written as given (Triton refuses instance groups, optimisation and warmup on ensembles). */
  extra?: Omit<ModelConfigFields, "name" | "platform" | "backend" | "max_batch_size" | "input" | "output">;
}

/**
 * An ensemble (`platform: "ensemble"`): a pipeline of models wired by tensor
 * names, each step mapping its own input and output names to ensemble
 * tensors: `ensemble({ name, maxBatchSize, inputs, outputs, steps: [{ model:
 * "preprocess", inputs: { INPUT: "RAW" }, outputs: { OUTPUT: "PIXELS" } }] })`.
 */
export function ensemble(spec: EnsembleSpec): ModelConfig {
  const step: ModelEnsembling_Step[] = spec.steps.map((s) => ({
    model_name: s.model,
    model_version: s.version ?? -1,
    input_map: { ...s.inputs },
    output_map: { ...s.outputs },
  }));
  const scheduling =
    spec.maxInflightRequests === undefined ? { step } : { step, max_inflight_requests: spec.maxInflightRequests };
  return modelConfig({ ...basicFields(spec), platform: "ensemble", ...spec.extra, ensemble_scheduling: scheduling });
}
