import type { MessageValue } from "../pbtxt/types.js";
import { cloneMessage, enumName, isMessage, messages, numbers, str } from "../config/view.js";
import { type PythonSource, hasBaseClass, methodRange, modelClass } from "../python/source.js";
import { type JsonTensor, replayAutoComplete } from "../python/auto-complete-replay.js";

/**
 * What a model's config becomes at load time through backend auto-complete
 * (ND-11), as far as it can be known offline. Triton checks an ensemble
 * against its steps' completed configs (ensemble_utils.cc reads
 * model->Config() of the loaded step), so the ensemble checks read this
 * instead of the written config, and hold back where it is not known.
 */
export interface LoadTimeCompletion {
  /** The config plus what auto-complete certainly adds (literal Python setter calls, a backend's fixed policy). */
  config: MessageValue;
  /** Why the inputs and outputs may hold more than `config` lists; undefined when they are known. */
  open: string | undefined;
}

/** The data type of a tensor that does not name one. */
const UNSET_TYPE = "TYPE_INVALID";

/** Stock backends that fill inputs and outputs in from the model file (ND-11). */
const FROM_MODEL_FILE = new Set(["onnxruntime", "tensorflow", "tensorrt", "openvino"]);

/** Stock backends that never add inputs or outputs to a config. */
const NEVER_COMPLETE = new Set(["pytorch", "identity", "repeat", "square", "fil", "dali", "tensorrtllm"]);

/**
 * Python-based backends of the stock image (a model.py installed with the
 * backend, not in the repository) and the policy their auto_complete_config
 * always sets: vllm_backend src/model.py sets decoupled=True.
 */
const PYTHON_BASED_DECOUPLED: ReadonlyMap<string, boolean> = new Map([["vllm", true]]);

/**
 * The load-time view of one model. `python` is its model.py when the model
 * is a Python-backend model whose file could be read.
 */
export function completeAtLoad(
  config: MessageValue,
  python: PythonSource | undefined,
  autoComplete: boolean,
): LoadTimeCompletion {
  if (!autoComplete || str(config, "platform") === "ensemble") return { config, open: undefined };
  const backend = str(config, "backend");
  if (backend === "python") return completePython(config, python);
  if (NEVER_COMPLETE.has(backend)) return { config, open: undefined };
  if (FROM_MODEL_FILE.has(backend))
    return { config, open: `the ${backend} backend completes inputs and outputs from the model file at load time` };
  const decoupled = PYTHON_BASED_DECOUPLED.get(backend);
  if (decoupled !== undefined) {
    const completed = cloneMessage(config);
    completed.model_transaction_policy = {
      ...(isMessage(config.model_transaction_policy) ? config.model_transaction_policy : {}),
      decoupled,
    };
    return {
      config: completed,
      open: `the ${backend} backend's auto_complete_config adds inputs and outputs at load time`,
    };
  }
  return { config, open: `the ${backend || "model's"} backend may complete inputs and outputs at load time` };
}

function completePython(config: MessageValue, python: PythonSource | undefined): LoadTimeCompletion {
  if (python === undefined || python.empty) return { config, open: "its model.py could not be read" };
  const cls = modelClass(python);
  if (!cls)
    return {
      config,
      open: `TritonPythonModel comes from code imported by ${python.relPath}, whose auto_complete_config is not read`,
    };
  if (!methodRange(python, "auto_complete_config")) {
    return hasBaseClass(cls)
      ? { config, open: `TritonPythonModel in ${python.relPath} may inherit an auto_complete_config` }
      : { config, open: undefined };
  }
  // Stryker disable next-line StringLiteral: the name only goes into conflict messages, which are not read here
  const replay = replayAutoComplete(config, str(config, "name"), python);
  if (!replay) return { config, open: `the auto_complete_config of ${python.relPath} cannot be read` };
  const completed = cloneMessage(config);
  const append = (field: "input" | "output", tensors: readonly JsonTensor[]): void => {
    const written = messages(config, field);
    const present = new Set(written.map((t) => str(t, "name")));
    // pb_utils overwrites a configured tensor's data_type and dims with the model's. The replay fails
    // on a set value that differs, so only unset ones change: the lengths tell dims apart.
    const replayed = new Map(tensors.map((t) => [t.name, t] as const));
    const kept = written.map((t) => {
      const r = replayed.get(str(t, "name"));
      // Stryker disable next-line ConditionalExpression: the replay lists every configured tensor, so r is found
      if (r === undefined) return t;
      const fill: MessageValue = {};
      // Reading no written value (a mutated field name) only rewrites values the model agrees with: equivalent.
      // Stryker disable next-line StringLiteral: see above
      const writtenType = enumName(t, "data_type", UNSET_TYPE);
      if (r.data_type !== writtenType) fill.data_type = r.data_type;
      // Stryker disable next-line StringLiteral: see above
      if (r.dims.length !== numbers(t, "dims").length) fill.dims = [...r.dims];
      return { ...t, ...fill };
    });
    const added = tensors
      .filter((t) => !present.has(t.name))
      .map((t) => ({
        name: t.name,
        data_type: t.data_type,
        dims: [...t.dims],
        ...(t.optional ? { optional: true } : {}),
      }));
    const all = [...kept, ...added];
    if (all.length > 0) completed[field] = all;
  };
  append("input", replay.input);
  append("output", replay.output);
  if (replay.maxBatch > 0) completed.max_batch_size = replay.maxBatch;
  if (replay.decoupled !== undefined) {
    completed.model_transaction_policy = {
      ...(isMessage(config.model_transaction_policy) ? config.model_transaction_policy : {}),
      decoupled: replay.decoupled,
    };
  }
  const open =
    replay.incomplete === undefined
      ? undefined
      : `the auto_complete_config of ${python.relPath} cannot be replayed: ${replay.incomplete}`;
  return { config: completed, open };
}
