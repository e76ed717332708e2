import type { Severity } from "../diagnostics/diagnostic.js";

/**
 * The catalogue of every rule id from the rules catalogue
 * (shared/design/triton-rules.md) plus our own `TR-…` run-time checks.
 * Diagnostic codes come from here and nowhere else; a test keeps the list
 * complete, unique and exercised.
 */

/** What a rule needs to be decided (catalogue §0.2). */
export type RuleNeeds = "config" | "directory" | "repository" | "environment" | "artifact";

/** How this validator treats a rule. */
export type RuleCheck =
  /** checked offline, from the config and the folder layout */
  | "checked"
  /** checked only when the environment is described by options (`--gpus`, `--backend-dir`) */
  | "environment"
  /** the rule describes a default Triton fills in: see effectiveConfig */
  | "normalisation"
  /** needs a model binary or running backend code: out of scope */
  | "out-of-scope"
  /** Triton never reports it (unreachable or informational only) */
  | "not-reported";

/** One catalogue entry. */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  /** Default severity of its diagnostics (`--strict` turns warnings into errors). */
  readonly severity: Severity;
  readonly needs: RuleNeeds;
  readonly check: RuleCheck;
  /** Another code its findings are reported under, when it has one. */
  readonly reportedAs?: string;
}

type Row = [id: string, severity: Severity, needs: RuleNeeds, check: RuleCheck, title: string, reportedAs?: string];

const E = "error" as const;
const W = "warning" as const;
const I = "info" as const;

const ROWS: Row[] = [
  // Repository layout
  ["RL-1", E, "repository", "checked", "every directory at the repository root is loaded as a model, hidden ones included"],
  ["RL-2", E, "directory", "checked", "the model name must equal its directory name"],
  ["RL-3", W, "directory", "checked", "model names must be usable in URLs"],
  ["RL-4", E, "repository", "checked", "model names must be unique across repositories"],
  ["RL-5", E, "repository", "checked", "configuration file location and readability"],
  ["RL-6", E, "repository", "checked", "missing configuration file"],
  ["RL-7", I, "repository", "not-reported", "configs/, warmup/ and initial_state/ are never versions"],
  ["RL-8", E, "repository", "checked", "version directory names as Triton parses them"],
  ["RL-9", E, "repository", "checked", "the version policy must select at least one version"],
  ["RL-10", I, "repository", "normalisation", "backend detection from the first subdirectory"],
  ["RL-11", E, "directory", "checked", "custom backend inferred from the model name"],
  ["RL-12", E, "repository", "checked", "model file expected in each selected version directory"],
  ["RL-13", E, "repository", "checked", "output label files"],
  ["RL-14", E, "repository", "checked", "warmup and initial-state data files"],
  ["RL-15", E, "repository", "checked", "Python model file layout"],
  ["RL-16", E, "repository", "checked", "EXECUTION_ENV_PATH of Python models"],
  ["RL-17", E, "repository", "checked", "ensemble layout: a version directory, no model file", "RL-9"],
  ["RL-18", E, "environment", "checked", "backend library and runtime resolution"],
  ["RL-19", E, "repository", "checked", "custom batching strategy library"],
  ["RL-20", E, "environment", "environment", "repository agents must be installed (not checked: no option lists the server's agents)"],
  ["RL-21", I, "environment", "not-reported", "remote repositories are copied locally first"],
  // Parsing
  ["MC-1", E, "config", "checked", "protobuf text format syntax", "PB-SYNTAX"],
  ["MC-2", E, "config", "checked", "unknown field", "PB-UNKNOWN-FIELD"],
  ["MC-3", E, "config", "checked", "enum values", "PB-UNKNOWN-ENUM"],
  ["MC-4", E, "config", "checked", "singular field given twice", "PB-DUPLICATE"],
  ["MC-5", E, "config", "checked", "two members of a oneof", "PB-ONEOF"],
  ["MC-6", W, "config", "checked", "map fields with duplicate keys: the last entry wins", "PB-DUPLICATE-KEY"],
  ["MC-7", E, "config", "checked", "scalar types and ranges", "PB-RANGE"],
  ["MC-8", I, "config", "not-reported", "repeated message blocks concatenate"],
  // Identity
  ["MC-9", I, "config", "not-reported", "model configuration must specify 'name' (unreachable)"],
  ["MC-10", E, "config", "checked", "backend required unless ensemble"],
  ["MC-11", E, "config", "checked", "an ensemble must not name a backend"],
  ["MC-12", E, "config", "checked", "backend and platform must agree"],
  ["MC-13", I, "config", "not-reported", "unreachable identity checks"],
  ["MC-14", E, "config", "checked", "max_batch_size must be non-negative"],
  ["MC-15", E, "config", "checked", "version policies that can never select a version"],
  // Inputs and outputs
  ["MC-16", E, "config", "checked", "input and output names are required"],
  ["MC-17", E, "config", "checked", "data_type is required"],
  ["MC-18", E, "config", "checked", "dims are required"],
  ["MC-19", E, "config", "checked", "an empty reshape needs batching"],
  ["MC-20", E, "config", "checked", "dims must be >= 1 or -1"],
  ["MC-21", E, "config", "checked", "reshape dims must be >= 1 or -1"],
  ["MC-22", E, "config", "checked", "element count must fit in int64"],
  ["MC-23", E, "config", "checked", "dims and reshape must have the same size"],
  ["MC-24", E, "config", "checked", "NHWC/NCHW inputs need 3 dims"],
  ["MC-25", E, "config", "checked", "shape tensors only for TensorRT"],
  ["MC-26", E, "config", "checked", "non-linear IO format only for TensorRT, with 3 dims"],
  ["MC-27", W, "config", "checked", "duplicate tensor names are not checked by Triton", "TR-3"],
  ["MC-28", E, "environment", "environment", "optional inputs need backend support (not checked: backend-specific)"],
  ["MC-29", I, "config", "not-reported", "ragged inputs"],
  ["MC-30", I, "config", "checked", "when input/output completeness is enforced (MC-16…18 are warnings when the backend can complete the config)", "MC-17"],
  // Batch inputs and outputs
  ["MC-31", E, "config", "checked", "batch input kinds need exactly one source input"],
  ["MC-32", E, "config", "checked", "batch input data type must be TYPE_INT32 or TYPE_FP32"],
  ["MC-33", E, "config", "checked", "batch input source must be a configured input"],
  ["MC-34", E, "config", "checked", "batch output kind needs exactly one source input"],
  ["MC-35", E, "config", "checked", "batch output source must be a configured input"],
  ["MC-36", E, "config", "checked", "batch output targets must be configured outputs, once each"],
  // Instance groups
  ["MC-37", E, "config", "checked", "KIND_MODEL groups must not list GPUs"],
  ["MC-38", E, "config", "checked", "KIND_CPU groups must not list GPUs"],
  ["MC-39", E, "environment", "checked", "KIND_AUTO with GPUs has no CPU fallback"],
  ["MC-40", E, "environment", "environment", "KIND_GPU needs a server with GPU support (reported as MC-41 for --gpus none)"],
  ["MC-41", E, "environment", "environment", "KIND_GPU needs available GPUs"],
  ["MC-42", E, "environment", "checked", "GPU ids must exist"],
  ["MC-43", E, "config", "checked", "profiles only for TensorRT"],
  ["MC-44", E, "config", "checked", "profile values must be non-negative integers"],
  ["MC-45", I, "config", "normalisation", "count <= 0 means the default count"],
  ["MC-46", I, "config", "normalisation", "group and instance names"],
  ["MC-47", I, "environment", "not-reported", "secondary devices"],
  ["MC-48", W, "config", "checked", "every group passive: the model can never serve"],
  ["MC-49", W, "environment", "not-reported", "host policies"],
  ["MC-50", E, "environment", "checked", "rate limiter resources"],
  // Dynamic batching
  ["MC-51", E, "config", "checked", "preferred batch sizes must be in [1, max_batch_size]"],
  ["MC-52", E, "config", "checked", "default priority level in [1, priority_levels]"],
  ["MC-53", E, "config", "checked", "priority queue policy keys in [1, priority_levels]"],
  ["MC-54", E, "config", "checked", "preserve_ordering allows one priority level"],
  ["MC-55", E, "config", "checked", "preserve_ordering forbids DELAY with a timeout"],
  ["MC-56", W, "config", "checked", "dynamic batching without batching"],
  // Sequence batching
  ["MC-57", E, "config", "checked", "no response cache with sequence batching"],
  ["MC-58", E, "config", "checked", "control inputs need a name"],
  ["MC-59", E, "config", "checked", "control input names must be unique"],
  ["MC-60", E, "config", "checked", "each control kind at most once"],
  ["MC-61", E, "config", "checked", "boolean controls need exactly one value list"],
  ["MC-62", E, "config", "checked", "control value lists need exactly two entries"],
  ["MC-63", E, "config", "checked", "CORRID control data type"],
  ["MC-64", E, "config", "checked", "oldest strategy preferred batch sizes"],
  ["MC-65", E, "config", "checked", "direct strategy minimum slot utilization in [0, 1]"],
  ["MC-66", E, "config", "checked", "implicit state and initial state"],
  ["MC-67", W, "config", "checked", "implicit state needs backend support"],
  ["MC-68", E, "config", "checked", "TRITON_BATCH_STRATEGY_PATH with sequence batching", "RL-19"],
  ["MC-69", I, "config", "not-reported", "iterative sequences"],
  // Scheduling choice, ensembles
  ["MC-70", E, "config", "checked", "ensemble_scheduling only for platform ensemble"],
  ["MC-71", E, "config", "checked", "platform ensemble needs ensemble_scheduling"],
  ["MC-72", E, "config", "checked", "no instance groups in ensembles"],
  ["MC-73", E, "config", "checked", "no optimization in ensembles"],
  ["MC-74", E, "config", "checked", "no warmup in ensembles"],
  ["MC-75", E, "config", "checked", "ensembles need steps"],
  ["MC-76", E, "config", "checked", "steps need model_name, input_map and output_map"],
  ["MC-77", E, "config", "checked", "an ensemble tensor is produced once"],
  ["MC-78", E, "config", "checked", "every ensemble input is used"],
  ["MC-79", E, "config", "checked", "every ensemble output is written"],
  ["MC-80", E, "config", "checked", "every ensemble tensor is used"],
  ["MC-81", E, "repository", "checked", "step models must exist"],
  ["MC-82", E, "repository", "checked", "no cycles between ensembles"],
  ["MC-83", E, "repository", "checked", "step models must load"],
  ["MC-84", E, "repository", "checked", "required step versions must be loaded"],
  ["MC-85", E, "repository", "checked", "step models must allow the ensemble's batch size"],
  ["MC-86", E, "repository", "checked", "input_map keys must be step inputs"],
  ["MC-87", E, "repository", "checked", "required step inputs must be mapped"],
  ["MC-88", E, "repository", "checked", "output_map keys must be step outputs"],
  ["MC-89", E, "repository", "checked", "ensemble tensor data types agree"],
  ["MC-90", E, "repository", "checked", "ensemble tensor shapes agree"],
  ["MC-91", E, "repository", "checked", "decoupled branches must not merge"],
  // Warmup
  ["MC-92", W, "config", "checked", "warmup batch_size"],
  ["MC-93", E, "config", "checked", "warmup dims must be fixed"],
  ["MC-94", E, "config", "checked", "warmup inputs need a data source"],
  ["MC-95", E, "repository", "checked", "warmup input data files"],
  ["MC-96", E, "config", "checked", "warmup requests are validated like real requests"],
  ["MC-97", E, "artifact", "out-of-scope", "warmup execution"],
  // Policies, parameters, optimization, metrics, backends
  ["MC-98", E, "config", "checked", "no response cache with decoupled models"],
  ["MC-99", I, "config", "not-reported", "parameters are backend-defined"],
  ["MC-100", W, "config", "checked", "optimization settings"],
  ["MC-101", E, "config", "checked", "metric control needs metric_identifier"],
  ["MC-102", E, "config", "checked", "metric identifier needs a family"],
  ["MC-103", E, "config", "checked", "metric control needs histogram_options"],
  ["MC-104", E, "config", "checked", "histogram options need buckets"],
  ["MC-105", W, "config", "checked", "metric family not customizable"],
  ["MC-106", E, "artifact", "checked", "backend-side validation (only the parts decidable without the artifact)"],
  // Normalisation and defaults: what effectiveConfig fills in
  ["ND-1", I, "directory", "normalisation", "name defaults to the directory name"],
  ["ND-2", I, "repository", "normalisation", "backend, platform and default_model_filename"],
  ["ND-3", I, "config", "normalisation", "version policy defaults to latest 1"],
  ["ND-4", I, "config", "normalisation", "dynamic batching preferred size"],
  ["ND-5", I, "config", "normalisation", "sequence batching idle time and preferred size"],
  ["ND-6", I, "config", "normalisation", "pinned memory"],
  ["ND-7", I, "environment", "normalisation", "default instance group"],
  ["ND-8", I, "environment", "normalisation", "per-group defaults"],
  ["ND-9", I, "environment", "environment", "runtime of Python-based backends (not applied by effectiveConfig)"],
  ["ND-10", I, "repository", "normalisation", "ensemble transaction policy"],
  ["ND-11", I, "artifact", "out-of-scope", "backend auto-complete"],
  ["ND-12", I, "config", "not-reported", "proto zero values that carry meaning"],
  ["ND-13", I, "config", "not-reported", "canonical serialisation"],
  // Python backend
  ["PY-1", W, "repository", "checked", "model.py defines TritonPythonModel with execute"],
  ["PY-2", W, "repository", "checked", "auto_complete_config contract"],
  ["PY-3", E, "repository", "checked", "pb_utils.ModelConfig setters, replayed from the literal arguments of auto_complete_config"],
  ["PY-4", I, "config", "not-reported", "initialize(args)"],
  ["PY-5", I, "artifact", "not-reported", "execute in default mode"],
  ["PY-6", W, "repository", "checked", "decoupled mode execute returns None"],
  ["PY-7", I, "artifact", "not-reported", "async execute"],
  ["PY-8", I, "artifact", "not-reported", "request API"],
  ["PY-9", I, "artifact", "not-reported", "data types and numpy"],
  ["PY-10", I, "environment", "not-reported", "instances and devices"],
  ["PY-11", E, "config", "checked", "FORCE_CPU_ONLY_INPUT_TENSORS value"],
  ["PY-12", I, "config", "not-reported", "stateful models recipe"],
  ["PY-13", W, "config", "checked", "Python pitfalls", "TR-1"],
  ["PY-14", W, "repository", "checked", "static checks on model.py", "PY-1"],
  // Our own run-time checks: the model loads, then misbehaves
  ["TR-1", W, "repository", "checked", "stateful Python model without sequence batching"],
  ["TR-2", W, "config", "checked", "warmup input that matches no model input"],
  ["TR-3", W, "config", "checked", "duplicate input or output names"],
  ["TR-4", W, "config", "checked", "preferred batch sizes that can never be formed"],
  ["TR-5", W, "repository", "checked", "KIND_GPU Python model that ignores its device id"],
  ["TR-6", E, "repository", "checked", "file or directory that cannot be read"],
  ["TR-7", E, "repository", "checked", "configuration file too large to read"],
  ["TR-8", W, "repository", "checked", "tensor name in model.py that the config does not declare"],
];

/** Every code, in catalogue order. */
export const RULES: readonly RuleInfo[] = ROWS.map(([id, severity, needs, check, title, reportedAs]) =>
  reportedAs === undefined ? { id, severity, needs, check, title } : { id, severity, needs, check, title, reportedAs },
);

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The catalogue entry of a code; throws for an unknown code, which is a bug in the validator. */
export function ruleInfo(id: string): RuleInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`triton-repo: unknown rule id ${id}`);
  return info;
}

/** Whether `id` is a code of the catalogue. */
export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
