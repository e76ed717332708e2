import type { ModelFolder } from "../repository/types.js";
import type { ModelConfig } from "../../generated/model-config.js";
import type { MessageValue } from "../textformat/types.js";
import { type AutofillResult, type DetectionListing, autofillBackendFields, detectionListing } from "./autofill.js";
import { cloneMessage, enumName, has, isMessage, messages, msg, num, numbers, str } from "./config-view.js";
import { crossCheckEnsemble } from "./ensemble-graph.js";
import type { PythonSource } from "./python-source.js";
import { type JsonTensor, replayAutoComplete } from "./rules/python-autocomplete.js";

/**
 * The configuration as Triton will report it after loading
 * (`GET /v2/models/<m>/config`), computed offline from the written config:
 * ND-1/ND-2 identity autofill (with RL-10 file detection when the model's
 * folder is known), ND-3…ND-6 normalisation, ND-7/ND-8 instance groups for
 * the given GPUs, ND-10 for ensembles. Backend auto-complete (ND-11) needs
 * the model binary or running model.py; it is applied only for a Python
 * model whose auto_complete_config is made of literal calls we can replay.
 */
export interface EffectiveConfigOptions {
  /** The model's directory name (fills `name`, and the custom backend of `model.<backend>`). Default: the config's name. */
  modelName?: string;
  /** Usable GPU ids. Default `[]`: a host without GPUs (`--gpus none`). */
  gpus?: readonly number[];
  /** The model's folder: lets autofill detect the backend from files (RL-10). */
  folder?: ModelFolder;
  /** Effective configs of other models, for ensembles (ND-10 decides `decoupled` from the steps). */
  stepConfig?: (model: string) => MessageValue | undefined;
  /** The model.py Triton runs, for a Python model's auto_complete_config (ND-11). */
  python?: PythonSource;
  /** False as with `--disable-auto-complete-config`: auto_complete_config is not run. Default true. */
  autoComplete?: boolean;
}

/** Default idle time of a sequence (SEQUENCE_IDLE_DEFAULT_MICROSECONDS). */
export const SEQUENCE_IDLE_DEFAULT_MICROSECONDS = 1_000_000;

/** ND-3…ND-6, in place (core's NormalizeModelConfig). */
export function normalizeModelConfig(config: MessageValue): void {
  if (!has(config, "version_policy")) config.version_policy = { latest: { num_versions: 1 } };
  const maxBatch = num(config, "max_batch_size");
  const dynamic = msg(config, "dynamic_batching");
  if (dynamic && numbers(dynamic, "preferred_batch_size").length === 0 && maxBatch > 0) {
    dynamic.preferred_batch_size = [maxBatch];
  }
  const sequence = msg(config, "sequence_batching");
  if (sequence) {
    if (num(sequence, "max_sequence_idle_microseconds") === 0)
      sequence.max_sequence_idle_microseconds = SEQUENCE_IDLE_DEFAULT_MICROSECONDS;
    const oldest = msg(sequence, "oldest");
    if (oldest && numbers(oldest, "preferred_batch_size").length === 0 && maxBatch > 0)
      oldest.preferred_batch_size = [maxBatch];
  }
  if (!has(config, "ensemble_scheduling")) {
    let optimization = msg(config, "optimization");
    if (!optimization) {
      optimization = {};
      config.optimization = optimization;
    }
    if (!has(optimization, "input_pinned_memory")) optimization.input_pinned_memory = { enable: true };
    if (!has(optimization, "output_pinned_memory")) optimization.output_pinned_memory = { enable: true };
  }
}

/**
 * Instance counts a backend uses for KIND_CPU groups without a count
 * (SetDefaultInstanceCount): 2 for ONNX Runtime and TensorFlow, else 1.
 */
function defaultCount(kind: string, backend: string): number {
  return kind === "KIND_CPU" && (backend === "onnxruntime" || backend === "tensorflow") ? 2 : 1;
}

/**
 * ND-7/ND-8, in place (core's NormalizeInstanceGroup) for a host with the
 * given GPUs. Backend-preferred groups are not modelled: the one stock
 * backend that declares one (Python, KIND_GPU without count) resolves to
 * the same groups as the default.
 */
export function normalizeInstanceGroups(config: MessageValue, gpus: readonly number[]): void {
  if (has(config, "ensemble_scheduling")) return;
  const supported = new Set(gpus);
  const sorted = [...supported].sort((a, b) => a - b);
  // Groups are rewritten in place: work on copies so that a shared written config stays as written.
  let groups = messages(config, "instance_group").map((g) => ({ ...g }));
  config.instance_group = groups;
  if (groups.length === 0) {
    groups = [{ name: str(config, "name") }];
    config.instance_group = groups;
  }
  const backend = str(config, "backend");
  groups.forEach((group, index) => {
    if (str(group, "name") === "") group.name = `${str(config, "name")}_${index}`;
    if (enumName(group, "kind", "KIND_AUTO") === "KIND_AUTO") {
      // No CPU fallback that drops the GPU list: a missing GPU makes the group KIND_CPU with its gpus kept (MC-39).
      const gpuList = numbers(group, "gpus");
      group.kind = supported.size === 0 || gpuList.some((g) => !supported.has(g)) ? "KIND_CPU" : "KIND_GPU";
    }
    const kind = enumName(group, "kind", "KIND_AUTO");
    if (num(group, "count") < 1) group.count = defaultCount(kind, backend);
    if (kind === "KIND_GPU" && numbers(group, "gpus").length === 0) group.gpus = [...sorted];
  });
}

/** Result of the server-side steps, shared by effectiveConfig and the validator. */
export interface NormalizedConfig {
  config: MessageValue;
  autofill: AutofillResult;
}

/**
 * A copy of `written` that normalisation may change without touching the
 * original: the top level and the sub-messages it writes into are copied,
 * the rest is shared (a deep copy of every config would dominate the time
 * of a large repository).
 */
function copyForNormalisation(written: MessageValue): MessageValue {
  const config: MessageValue = { ...written };
  for (const field of ["dynamic_batching", "sequence_batching", "optimization", "model_transaction_policy"]) {
    const sub = msg(written, field);
    if (sub) config[field] = { ...sub };
  }
  const sequence = msg(config, "sequence_batching");
  const oldest = msg(sequence, "oldest");
  if (sequence && oldest) sequence.oldest = { ...oldest };
  if (Array.isArray(written.instance_group))
    config.instance_group = messages(written, "instance_group").map((g) => ({ ...g }));
  return config;
}

/** Applies S2 (autofill + normalisation) to a copy of `written`; unchanged parts are shared with it. */
export function serverAutofill(written: MessageValue, modelName: string, listing: DetectionListing): NormalizedConfig {
  const config = copyForNormalisation(written);
  const autofill = autofillBackendFields(config, modelName, listing);
  normalizeModelConfig(config);
  return { config, autofill };
}

/**
 * The effective configuration of one model (see EffectiveConfigOptions).
 * Never throws; where Triton would refuse the model, the result is what
 * Triton had filled in up to that point.
 */
export function effectiveConfig(written: ModelConfig, options?: EffectiveConfigOptions): ModelConfig;
export function effectiveConfig(written: MessageValue, options?: EffectiveConfigOptions): MessageValue;
export function effectiveConfig(input: ModelConfig | MessageValue, options: EffectiveConfigOptions = {}): MessageValue {
  const written = input as MessageValue;
  const modelName = options.modelName ?? str(written, "name");
  const listing: DetectionListing = options.folder
    ? detectionListing(options.folder.entries, options.folder.subdirs)
    : { firstSubdir: undefined };
  const { config } = serverAutofill(cloneMessage(written), modelName, listing);
  if (options.python && options.autoComplete !== false && str(config, "backend") === "python")
    applyPythonAutoComplete(config, options.python);
  if (str(config, "platform") === "ensemble" || has(config, "ensemble_scheduling")) {
    finishEnsemble(config, options.stepConfig);
  } else {
    normalizeInstanceGroups(config, options.gpus ?? []);
  }
  return config;
}

/**
 * ND-10: an ensemble is decoupled when its steps make it so; unknown steps
 * leave what was written. `stepIoOpen` names the steps whose inputs and
 * outputs are completed at load time (their unknown mappings are not errors).
 */
export function finishEnsemble(
  config: MessageValue,
  stepConfig: ((model: string) => MessageValue | undefined) | undefined,
  stepIoOpen?: (model: string) => string | undefined,
): void {
  const policy = isMessage(config.model_transaction_policy) ? config.model_transaction_policy : {};
  if (stepConfig) {
    const checked = crossCheckEnsemble(config, str(config, "name"), stepConfig, stepIoOpen);
    if (checked.decoupled !== undefined) {
      if (checked.decoupled) policy.decoupled = true;
      else delete policy.decoupled;
    }
  }
  config.model_transaction_policy = policy;
}

/**
 * ND-11 for the Python backend: what the literal calls of auto_complete_config
 * leave in the config, then core's normalisation again, as Triton runs it on
 * the config the backend hands back (a preferred batch size for the dynamic
 * batching it added). Left as it is when the replay is not the whole story
 * or hits a conflict (the load fails then anyway).
 */
function applyPythonAutoComplete(config: MessageValue, python: PythonSource): void {
  let conflicted = false;
  const replay = replayAutoComplete(config, str(config, "name"), python, () => {
    conflicted = true;
  });
  if (!replay || replay.incomplete !== undefined || conflicted) return;
  const merge = (field: "input" | "output", tensors: readonly JsonTensor[]): void => {
    if (tensors.length === 0) return;
    const written = new Map(messages(config, field).map((t) => [str(t, "name"), t] as const));
    config[field] = tensors.map((t) => {
      const kept: MessageValue = {
        ...(written.get(t.name) ?? {}),
        name: t.name,
        data_type: t.data_type,
        dims: [...t.dims],
      };
      if (t.optional) kept.optional = true;
      return kept;
    });
  };
  merge("input", replay.input);
  merge("output", replay.output);
  if (replay.maxBatch !== num(config, "max_batch_size")) config.max_batch_size = replay.maxBatch;
  if (replay.decoupled !== undefined) {
    const policy = isMessage(config.model_transaction_policy) ? { ...config.model_transaction_policy } : {};
    if (replay.decoupled) policy.decoupled = true;
    else delete policy.decoupled;
    config.model_transaction_policy = policy;
  }
  if (replay.dynamicBatching && !has(config, "dynamic_batching") && !has(config, "sequence_batching"))
    config.dynamic_batching = {};
  normalizeModelConfig(config);
}
