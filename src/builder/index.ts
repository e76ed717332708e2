/**
 * The typed builder: Triton model configs written in TypeScript, checked by
 * the compiler against the generated types, and by ajv at run time.
 */
export { dynamicBatching, sequenceBatching, STANDARD_SEQUENCE_CONTROLS } from "./batching.js";
export type {
  DynamicBatchingOptions,
  SequenceBatchingOptions,
  SequenceControls,
  DirectSequenceOptions,
  OldestSequenceOptions,
} from "./batching.js";
export { toPbtxt, fromPbtxt, toJSON, fromJSON, encode, decode } from "./convert.js";
export type { ConfigReadResult, PbtxtReadResult } from "./convert.js";
export { ensemble } from "./ensemble.js";
export type { EnsembleSpec, EnsembleStep } from "./ensemble.js";
export { cpuInstances, gpuInstances } from "./instance-group.js";
export type { GpuInstancesOptions, InstancesOptions } from "./instance-group.js";
export { modelConfig, parameters } from "./model-config.js";
export type { ModelBasics } from "./model-config.js";
export { pythonModel } from "./python-model.js";
export type { PythonModelSpec } from "./python-model.js";
export { checkConfigSchema, modelConfigJsonSchema } from "./schema-check.js";
export type { SchemaCheckOptions } from "./schema-check.js";
export { tensor } from "./tensor.js";
export type { TensorSpec } from "./tensor.js";
export { warmupFor } from "./warmup.js";
export type { WarmupOptions } from "./warmup.js";
export type * from "../../generated/model-config.js";
