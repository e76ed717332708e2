/**
 * pb_utils' auto_complete_config semantics, replayed over the literal calls
 * of a Python model: what the config becomes at load time (effective config
 * reads it) and the errors pb_utils raises (the validator's PY-3 reports
 * them, src/validate/rules/python-autocomplete.ts).
 */
import { bool, enumName, has, messages, msg, num, numbers, str } from "../config/view.js";
import type { MessageValue } from "../pbtxt/types.js";
import { type PythonSource, methodRange } from "./source.js";
import { type Branch, type PyValue, UNKNOWN, autoCompleteCalls } from "./literals.js";

/** A tensor as `pb_utils.ModelConfig` holds it: the JSON Triton passes (every primitive field printed). */
export interface JsonTensor {
  name: string;
  data_type: string;
  dims: number[];
  optional?: boolean;
}

/** Python's `str()` of a literal, as the error messages print it (`[4, 16]`, `True`, `['x']`). */
function pyStr(v: PyValue | undefined): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/** Python's `repr()`, which `str()` of a list or dict uses for its items: strings quoted (`[4, 'x']`, `{'a': 1}`). */
function pyRepr(v: PyValue | undefined): string {
  if (v === true) return "True";
  if (v === false) return "False";
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  if (typeof v === "string") {
    const escaped = v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r");
    // Python quotes with ' unless the text holds a ' and no ".
    return escaped.includes("'") && !escaped.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
  }
  if (typeof v === "number") return String(v);
  // Only UNKNOWN is left, and a call holding it is not replayed (unknownInside).
  return "?";
}

function sameDims(a: readonly number[], b: PyValue | undefined): boolean {
  return Array.isArray(b) && a.length === b.length && a.every((d, i) => d === b[i]);
}

/** What replaying auto_complete_config leaves in the config, as far as the literal calls tell. */
export interface AutoCompleteReplay {
  maxBatch: number;
  input: JsonTensor[];
  output: JsonTensor[];
  /** The decoupled policy after the calls that always run (undefined: not set). */
  decoupled: boolean | undefined;
  /** set_dynamic_batching() always runs and was accepted: the config gains `dynamic_batching {}`. */
  dynamicBatching: boolean;
  /**
   * Why the model's final inputs, outputs or policy may differ from the
   * replay (a call we cannot evaluate, a conditional call, code we cannot
   * see), or undefined when the replay is the whole story.
   */
  incomplete: string | undefined;
}

/** A conflict the replay found: an error when both calls always run, else a warning naming the branch. */
export interface Conflict {
  offset: number;
  message: string;
  hint: string;
  branch: Branch | undefined;
}

/**
 * Replays the literal setter calls of a Python model's
 * `auto_complete_config` against the config Triton hands it (pb_utils merge
 * semantics). `onConflict` receives each conflict; an unconditional one
 * stops the replay, as the raised error stops Triton. Undefined when the
 * model has no auto_complete_config we can read.
 */
export function replayAutoComplete(
  config: MessageValue,
  name: string,
  source: PythonSource,
  onConflict?: (c: Conflict) => void,
): AutoCompleteReplay | undefined {
  const range = methodRange(source, "auto_complete_config");
  if (!range || range.argumentParam === undefined) return undefined;
  const reading = autoCompleteCalls(source.text, source.code, range.start, range.end, range.argumentParam);
  const tensors = (field: "input" | "output"): JsonTensor[] =>
    messages(config, field).map((t) => ({
      name: str(t, "name"),
      data_type: enumName(t, "data_type", "TYPE_INVALID"),
      dims: numbers(t, "dims"),
      ...(field === "input" ? { optional: bool(t, "optional") } : {}),
    }));
  const state: AutoCompleteReplay = {
    maxBatch: num(config, "max_batch_size"),
    input: tensors("input"),
    output: tensors("output"),
    decoupled: has(config, "model_transaction_policy")
      ? bool(msg(config, "model_transaction_policy"), "decoupled")
      : undefined,
    dynamicBatching: false,
    incomplete: reading.incomplete,
  };
  // The branch of the call that set a value, when it does not always run.
  // Stryker disable next-line ObjectLiteral: both fields start undefined, and a missing field reads undefined too
  const origin = { maxBatch: undefined as Branch | undefined, decoupled: undefined as Branch | undefined };
  const conditional = (branch: Branch | undefined): string =>
    // Stryker disable next-line OptionalChaining: both callers pass a branch they checked is defined
    `a call inside \`${branch?.text}\` (line ${branch?.line})`;
  let stopped = false;
  for (const call of reading.calls) {
    if (stopped) break;
    const arg = call.arg;
    const branch = call.branch;
    if (branch !== undefined) state.incomplete ??= `${conditional(branch)} may or may not run`;
    const conflict = (message: string, hint: string, earlier?: Branch): void => {
      const where = branch ?? earlier;
      onConflict?.({
        offset: call.offset,
        message,
        hint: where ? `${hint}; it fails only when ${conditional(where)} runs` : hint,
        branch: where,
      });
      if (where === undefined) stopped = true;
    };
    if (arg === UNKNOWN) continue;
    switch (call.method) {
      case "set_max_batch_size": {
        if (typeof arg !== "number") break;
        if (state.maxBatch > arg) {
          conflict(
            `configuration specified max_batch_size ${state.maxBatch}, but in auto-complete-config function for model '${name}' specified max_batch_size ${arg}`,
            `lower max_batch_size in the config to ${arg} or less, or raise it in auto_complete_config`,
            origin.maxBatch,
          );
          break;
        }
        if (branch === undefined) state.maxBatch = arg;
        origin.maxBatch = branch;
        break;
      }
      case "set_dynamic_batching": {
        const found = has(config, "sequence_batching")
          ? "sequence_batching"
          : has(config, "ensemble_scheduling")
            ? "ensemble_scheduling"
            : undefined;
        if (found) {
          conflict(
            `Configuration specified scheduling_choice as '${found}', but auto-complete-config function for model '${name}' tries to set scheduling_choice as 'dynamic_batching'`,
            "remove set_dynamic_batching() or the config's scheduler",
          );
        } else if (branch === undefined) state.dynamicBatching = true;
        break;
      }
      case "add_input":
      case "add_output": {
        if (!(arg instanceof Map)) break;
        const kind = call.method === "add_input" ? "input" : "output";
        if ([...arg.values()].some(unknownInside)) {
          state.incomplete ??= `${call.method}() is called with a value computed at run time`;
          break;
        }
        const list = branch === undefined ? state[kind] : state[kind].map((t) => ({ ...t }));
        const error = addTensor(list, arg, kind, name);
        if (error)
          conflict(error, `make auto_complete_config and config.pbtxt agree on ${kind} '${pyStr(arg.get("name"))}'`);
        break;
      }
      case "set_model_transaction_policy": {
        if (!(arg instanceof Map)) break;
        if ([...arg.keys()].some((k) => k !== "decoupled")) {
          conflict(
            `model transaction property in auto-complete-config function for model '${name}' contains property other than 'decoupled'.`,
            "only 'decoupled' may be set",
          );
          break;
        }
        const wanted = arg.get("decoupled");
        if (wanted === UNKNOWN || wanted === undefined) break;
        if (state.decoupled !== undefined && state.decoupled !== wanted) {
          conflict(
            `trying to change decoupled property in auto-complete-config for model '${name}', which is already set to '${pyStr(state.decoupled)}'.`,
            "make the config's model_transaction_policy agree with auto_complete_config",
            origin.decoupled,
          );
          break;
        }
        if (branch === undefined) state.decoupled = wanted === true;
        origin.decoupled = branch;
        break;
      }
      // Stryker disable next-line ConditionalExpression: autoCompleteCalls gives only the 5 setters, each with a case
      default:
        break;
    }
  }
  return state;
}

/**
 * Python's `"…" + value` when the value is not a str: the TypeError's text; undefined for a str. A number read from
 * the source is taken as an int when it is whole (a `1.0` literal is a float to Python), and a tuple reads as a list.
 */
function concatError(v: PyValue | undefined): string | undefined {
  if (typeof v === "string") return undefined;
  const type =
    v === null || v === undefined
      ? "NoneType"
      : typeof v === "boolean"
        ? "bool"
        : typeof v === "number"
          ? Number.isInteger(v)
            ? "int"
            : "float"
          : v instanceof Map
            ? "dict"
            : "list";
  return `can only concatenate str (not "${type}") to str`;
}

/** Whether a literal holds a part only known at run time. */
function unknownInside(v: PyValue): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(unknownInside);
  if (v instanceof Map) return [...v.values()].some(unknownInside);
  return false;
}

/** pb_utils add_input / add_output: the error message, or undefined when the tensor is merged or appended. */
function addTensor(
  list: JsonTensor[],
  tensor: Map<string, PyValue>,
  kind: "input" | "output",
  model: string,
): string | undefined {
  const allowed = kind === "input" ? ["name", "data_type", "dims", "optional"] : ["name", "data_type", "dims"];
  const where = `in auto-complete-config function for model '${model}'`;
  const tensorName = tensor.get("name");
  // pb_utils builds these messages with `"…" + input["name"] + "…"`: a missing name raises KeyError('name') there,
  // a name that is not a str a TypeError, and the load fails with that error's text instead.
  const named = (rest: string): string =>
    concatError(tensorName) ?? `${kind} '${tensorName as string}' ${where} ${rest}`;
  if ([...tensor.keys()].some((k) => !allowed.includes(k))) {
    if (tensorName === undefined) return "'name'";
    return kind === "input"
      ? named("contains property other than 'name', 'data_type', 'dims' and 'optional'.")
      : named("contains property other than 'name', 'data_type' and 'dims'.");
  }
  if (!tensor.has("name")) return `${kind} ${where} is missing 'name' property.`;
  if (!tensor.has("data_type")) return named("is missing 'data_type' property.");
  if (!tensor.has("dims")) return named("is missing 'dims' property.");
  const existing = list.find((t) => t.name === tensorName);
  if (!existing) {
    const dims = tensor.get("dims");
    const numeric = Array.isArray(dims) && dims.every((d) => typeof d === "number") ? (dims as number[]) : [];
    list.push({
      name: pyStr(tensorName),
      data_type: pyStr(tensor.get("data_type")),
      dims: numeric,
      ...(tensor.get("optional") === true ? { optional: true } : {}),
    });
    return undefined;
  }
  const type = tensor.get("data_type");
  if (existing.data_type !== "TYPE_INVALID" && existing.data_type !== type) {
    // The name matched a configured one, so it is a str; the data type is concatenated too.
    return (
      concatError(type) ??
      `unable to load model '${model}', configuration expects datatype ${existing.data_type} for ${kind} '${pyStr(tensorName)}', model provides ${pyStr(type)}`
    );
  }
  const dims = tensor.get("dims");
  if (existing.dims.length > 0 && !sameDims(existing.dims, dims)) {
    return `model '${model}', tensor '${pyStr(tensorName)}': the model expects dims ${pyStr(dims)} but the model configuration specifies dims ${pyStr(existing.dims)}`;
  }
  const optional = tensor.get("optional");
  if (kind === "input" && optional !== undefined && existing.optional !== undefined && existing.optional !== optional) {
    return `model '${model}', tensor '${pyStr(tensorName)}': the model expects optional ${pyStr(optional)} but the model configuration specifies optional ${pyStr(existing.optional)}`;
  }
  // pb_utils then overwrites the configured tensor with the model's: an unset data_type or dims gets filled in.
  existing.data_type = pyStr(type);
  existing.dims = Array.isArray(dims) && dims.every((d) => typeof d === "number") ? (dims as number[]) : [];
  // A tensor the model added without `optional` takes it from a later add_input of the same name.
  if (kind === "input" && typeof optional === "boolean") existing.optional = optional;
  return undefined;
}
