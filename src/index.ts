/**
 * triton-repo: the one public entry. Named exports only; types with `export type`.
 */

// Diagnostics: one shape for every problem.
export type { Diagnostic, RelatedLocation, Severity } from "./diagnostics/diagnostic.js";
export { DiagnosticError, compareDiagnostics, formatDiagnosticLine, hasErrors, isDiagnosticError } from "./diagnostics/diagnostic.js";
export { SYNTAX_CODES } from "./diagnostics/codes.js";
export type { SyntaxCode } from "./diagnostics/codes.js";

// Schema reflection over schemas/model_config.proto.
export { enumByName, messageInfo } from "./schema/descriptors.js";
export type { EnumInfo, FieldInfo, MessageInfo, ScalarType } from "./schema/descriptors.js";
export { loadSchemaRoot } from "./schema/load-schema.js";

// Protobuf text format, JSON mapping and wire format.
export { parseConfig, parseMessage } from "./textformat/parser.js";
export { printConfig, printMessage } from "./textformat/printer.js";
export type { PrintOptions } from "./textformat/printer.js";
export { fromProtoJSON, messagesEqual, toProtoJSON } from "./textformat/json.js";
export type { JsonObject, JsonValue } from "./textformat/json.js";
export { formatPath, parsePath } from "./textformat/positions.js";
export type {
  FieldValue,
  Int64,
  MessageValue,
  ParseOptions,
  ParseResult,
  PathSegment,
  ScalarValue,
  SourceInfo,
  SourceLocation,
} from "./textformat/types.js";
export { decodeConfig, decodeMessage, encodeConfig, encodeMessage } from "./wire/binary.js";

// Command line, for tools that drive it in-process.
export { runCli } from "./cli/main.js";
export type { CliIo, Command } from "./cli/io.js";

// Generator: a repository spec → model repository, model.py, docker-compose.yml, scripts.
export { GEN_CODES, checkSpecValue, generateRepository, loadSpecFile, loadSpecText, planRepository, starterSpec } from "./generate/index.js";
export type {
  FileAction,
  FileOutcome,
  GenCode,
  GenerateOptions,
  GenerateResult,
  LoadedSpec,
  ModelTemplate,
  PlannedFile,
  RepoSpec,
  RepoSpecDeployment,
  RepoSpecEnsemble,
  RepoSpecModel,
  RepoSpecTensor,
  RepositoryPlan,
  SpecSource,
} from "./generate/index.js";

// Typed builder over the generated types.
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
export type * from "../generated/model-config.js";

// Validator: Triton's load-time rules for one config and for whole repositories.
export {
  RULES,
  effectiveConfig,
  effectiveConfigOfFile,
  effectiveConfigsOfRepository,
  formatJson,
  formatSarif,
  formatText,
  ruleInfo,
  validateConfig,
  validateRepository,
} from "./validate/index.js";
export type { EffectiveConfigOptions, RepositorySelection, RuleInfo, ValidateOptions, ValidationResult, ValidationSummary } from "./validate/index.js";
export { locateTarget, scanRepository } from "./repository/index.js";
export type { ModelFolder, RepositoryTree, ScanOptions } from "./repository/index.js";

// Formatting and in-place edits that keep comments.
export { editPbtxt, formatPbtxt, readSyntaxTree } from "./fmt/index.js";
export type { EditOptions, EditResult, FormatOptions, FormatResult, MessageListStyle, SyntaxTree } from "./fmt/index.js";

// Semantic diff of configurations.
export { classifyInterface, classifyReload, compareConfigs, diffConfigs, formatDiffText } from "./diff/index.js";
export type { ChangeKind, ConfigChange, ConfigDiff, InterfaceVerdict, ReloadKind, ReloadVerdict } from "./diff/index.js";
