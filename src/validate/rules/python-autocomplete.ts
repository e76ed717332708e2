import { bool, enumName, has, messages, msg, num, numbers, str } from "../config-view.js";
import { lineOf, methodRange } from "../python-source.js";
import { type PyValue, UNKNOWN, autoCompleteCalls } from "../python-literals.js";
import type { RuleContext } from "../rule.js";

/** A tensor as `pb_utils.ModelConfig` holds it: the JSON Triton passes (every primitive field printed). */
interface JsonTensor {
  name: string;
  data_type: string;
  dims: number[];
  optional?: boolean;
}

/** Python's `str()` of a literal, as the error messages print it (`[4, 16]`, `True`). */
function pyStr(v: PyValue | undefined): string {
  if (v === true) return "True";
  if (v === false) return "False";
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `[${v.map(pyStr).join(", ")}]`;
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "?";
}

function sameDims(a: readonly number[], b: PyValue | undefined): boolean {
  return Array.isArray(b) && a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * PY-3: replays the literal setter calls of a Python model's
 * `auto_complete_config` against the config Triton hands it, raising the
 * pb_utils errors it would raise (the first one fails the load). Calls whose
 * argument is not a literal stop the replay: we cannot know what they add.
 */
export function checkAutoComplete(ctx: RuleContext): void {
  const source = ctx.python;
  if (!source || ctx.options.autoComplete === false || str(ctx.config, "backend") !== "python") return;
  const range = methodRange(source, "auto_complete_config");
  if (!range || range.firstParam === undefined) return;
  const calls = autoCompleteCalls(source.text, source.code, range.start, range.end, range.firstParam);
  const name = ctx.name;
  const tensors = (field: "input" | "output"): JsonTensor[] =>
    messages(ctx.config, field).map((t) => ({
      name: str(t, "name"),
      data_type: enumName(t, "data_type", "TYPE_INVALID"),
      dims: numbers(t, "dims"),
      ...(field === "input" ? { optional: bool(t, "optional") } : {}),
    }));
  const state = {
    maxBatch: num(ctx.config, "max_batch_size"),
    input: tensors("input"),
    output: tensors("output"),
    decoupled: has(ctx.config, "model_transaction_policy") ? bool(msg(ctx.config, "model_transaction_policy"), "decoupled") : undefined,
  };
  const fail = (offset: number, message: string, hint: string): void => {
    ctx.report("PY-3", undefined, message, {
      hint,
      file: source.relPath,
      related: [{ file: source.relPath, line: lineOf(source, offset), column: 1, message: "called here" }],
    });
  };
  for (const call of calls) {
    const arg = call.arg;
    if (arg === UNKNOWN) return;
    switch (call.method) {
      case "set_max_batch_size": {
        if (typeof arg !== "number") return;
        if (state.maxBatch > arg) {
          return fail(call.offset, `configuration specified max_batch_size ${state.maxBatch}, but in auto-complete-config function for model '${name}' specified max_batch_size ${arg}`, `lower max_batch_size in the config to ${arg} or less, or raise it in auto_complete_config`);
        }
        state.maxBatch = arg;
        break;
      }
      case "set_dynamic_batching": {
        const found = has(ctx.config, "sequence_batching") ? "sequence_batching" : has(ctx.config, "ensemble_scheduling") ? "ensemble_scheduling" : undefined;
        if (found) {
          return fail(call.offset, `Configuration specified scheduling_choice as '${found}', but auto-complete-config function for model '${name}' tries to set scheduling_choice as 'dynamic_batching'`, "remove set_dynamic_batching() or the config's scheduler");
        }
        break;
      }
      case "add_input":
      case "add_output": {
        if (!(arg instanceof Map)) return;
        const kind = call.method === "add_input" ? "input" : "output";
        const error = addTensor(state[kind], arg, kind, name);
        if (error) return fail(call.offset, error, `make auto_complete_config and config.pbtxt agree on ${kind} '${pyStr(arg.get("name"))}'`);
        break;
      }
      case "set_model_transaction_policy": {
        if (!(arg instanceof Map)) return;
        if ([...arg.keys()].some((k) => k !== "decoupled")) {
          return fail(call.offset, `model transaction property in auto-complete-config function for model '${name}' contains property other than 'decoupled'.`, "only 'decoupled' may be set");
        }
        const wanted = arg.get("decoupled");
        if (wanted === UNKNOWN) return;
        if (wanted !== undefined) {
          if (state.decoupled !== undefined && state.decoupled !== wanted) {
            return fail(call.offset, `trying to change decoupled property in auto-complete-config for model '${name}', which is already set to '${pyStr(state.decoupled)}'.`, "make the config's model_transaction_policy agree with auto_complete_config");
          }
          state.decoupled = wanted === true;
        }
        break;
      }
      default:
        return;
    }
  }
}

/** pb_utils add_input / add_output: the error message, or undefined when the tensor is merged or appended. */
function addTensor(list: JsonTensor[], tensor: Map<string, PyValue>, kind: "input" | "output", model: string): string | undefined {
  const allowed = kind === "input" ? ["name", "data_type", "dims", "optional"] : ["name", "data_type", "dims"];
  const where = `in auto-complete-config function for model '${model}'`;
  const label = (): string => `${kind} '${pyStr(tensor.get("name"))}' ${where}`;
  if ([...tensor.keys()].some((k) => !allowed.includes(k))) {
    return kind === "input" ? `${label()} contains property other than 'name', 'data_type', 'dims' and 'optional'.` : `${label()} contains property other than 'name', 'data_type' and 'dims'.`;
  }
  if (!tensor.has("name")) return `${kind} ${where} is missing 'name' property.`;
  if (!tensor.has("data_type")) return `${label()} is missing 'data_type' property.`;
  if (!tensor.has("dims")) return `${label()} is missing 'dims' property.`;
  const tensorName = tensor.get("name");
  const existing = list.find((t) => t.name === tensorName);
  if (!existing) {
    list.push({ name: pyStr(tensorName), data_type: pyStr(tensor.get("data_type")), dims: [] });
    return undefined;
  }
  const type = tensor.get("data_type");
  if (existing.data_type !== "TYPE_INVALID" && existing.data_type !== type) {
    return `unable to load model '${model}', configuration expects datatype ${existing.data_type} for ${kind} '${pyStr(tensorName)}', model provides ${pyStr(type)}`;
  }
  const dims = tensor.get("dims");
  if (existing.dims.length > 0 && !sameDims(existing.dims, dims)) {
    return `model '${model}', tensor '${pyStr(tensorName)}': the model expects dims ${pyStr(dims)} but the model configuration specifies dims ${pyStr(existing.dims)}`;
  }
  const optional = tensor.get("optional");
  if (kind === "input" && optional !== undefined && existing.optional !== undefined && existing.optional !== optional) {
    return `model '${model}', tensor '${pyStr(tensorName)}': the model expects optional ${pyStr(optional)} but the model configuration specifies optional ${pyStr(existing.optional)}`;
  }
  return undefined;
}
