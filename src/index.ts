/**
 * triton-repo: what a build script uses. Named exports only; types with
 * `export type`. Every function here that takes a config takes the typed
 * `ModelConfig` the builders return (and `validateConfig` also its text).
 * The rest of the library has its own entries, each name in exactly one:
 * `triton-repo/textformat` (any message of the schema, untyped),
 * `triton-repo/validate` (rules, reporters, repository scans),
 * `triton-repo/fmt`, `triton-repo/diff`, `triton-repo/generate`, and the
 * JSON Schemas under `triton-repo/schemas/…`. The CLI is not part of the
 * library: this module never imports `src/cli/`.
 */

// Diagnostics: one shape for every problem.
export type { Diagnostic, RelatedLocation, Severity } from "./diagnostics/diagnostic.js";
export {
  DiagnosticError,
  compareDiagnostics,
  formatDiagnosticLine,
  hasErrors,
  isDiagnosticError,
} from "./diagnostics/diagnostic.js";

// Typed builder over the generated types, and the conversions of a typed config.
export {
  STANDARD_SEQUENCE_CONTROLS,
  checkConfigSchema,
  cpuInstances,
  decode,
  dynamicBatching,
  encode,
  ensemble,
  fromJSON,
  fromPbtxt,
  gpuInstances,
  modelConfig,
  modelConfigJsonSchema,
  parameters,
  pythonModel,
  sequenceBatching,
  tensor,
  toJSON,
  toPbtxt,
  warmupFor,
} from "./builder/index.js";
export type {
  ConfigReadResult,
  PbtxtReadResult,
  DirectSequenceOptions,
  DynamicBatchingOptions,
  EnsembleSpec,
  EnsembleStep,
  GpuInstancesOptions,
  InstancesOptions,
  ModelBasics,
  OldestSequenceOptions,
  PythonModelSpec,
  SchemaCheckOptions,
  SequenceBatchingOptions,
  SequenceControls,
  TensorSpec,
  WarmupOptions,
} from "./builder/index.js";
export type { JsonObject, JsonValue } from "./pbtxt/json.js";
export type * from "../generated/model-config.js";

// Triton's load-time rules, its effective config, and what a change means.
export { effectiveConfig, validateConfig, validateRepository } from "./validate/index.js";
export type {
  EffectiveConfigOptions,
  RepositorySelection,
  ValidateOptions,
  ValidationResult,
  ValidationSummary,
} from "./validate/index.js";
export { compareConfigs, diffConfigs } from "./diff/index.js";
export type {
  ChangeKind,
  ConfigChange,
  ConfigDiff,
  InterfaceVerdict,
  ReloadKind,
  ReloadVerdict,
} from "./diff/index.js";
