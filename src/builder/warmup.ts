import type { Int64Input, ModelConfig, ModelWarmup, ModelWarmup_Input } from "../../generated/model-config.js";
import { type Diagnostic, DiagnosticError } from "../diagnostics/diagnostic.js";
import { normalizeInt64 } from "./normalize.js";
import { setOwn } from "../pbtxt/types.js";

export interface WarmupOptions {
  /** Fill every input with zeros or with random values. */
  data: "zero" | "random";
  /** Concrete sizes, by input name, for inputs whose dims contain -1 (without the batch dimension). */
  dims?: Readonly<Record<string, readonly number[]>>;
  /** Name of the sample, shown in Triton's log. Default "warmup_sample". */
  name?: string;
  /** Batch size of the warmup request. Default 1, which every model accepts. */
  batchSize?: number;
  /** How many times the sample is sent. Left out (Triton sends it once) unless given. */
  count?: number;
}

function isVariable(dim: Int64Input): boolean {
  return Number(normalizeInt64(dim)) < 0;
}

/**
 * The warmup of `config`: a list (as the `model_warmup` field is) of one
 * sample covering every input, with each input's data type and dims (the
 * config's dims already leave the batch dimension out). The result goes to
 * `model_warmup` or to `pythonModel({ warmup })` as it is.
 * Triton refuses warmup dims of -1 (MC-93), so a variable dimension needs a
 * concrete size from `options.dims`.
 *
 * @throws DiagnosticError naming every input that still has a -1, or whose
 *   given dims are not concrete or do not fit its configured dims (MC-93), and
 *   every name in `options.dims` that is not an input (TR-2).
 */
export function warmupFor(config: ModelConfig, options: WarmupOptions): ModelWarmup[] {
  const problems: Diagnostic[] = [];
  const inputs: Record<string, ModelWarmup_Input> = {};
  const known = new Set<string>();
  (config.input ?? []).forEach((input, index) => {
    const name = input.name ?? "";
    known.add(name);
    const configured = input.dims ?? [];
    // Own keys only: an input named `constructor` or `toString` is no inherited method.
    const given = options.dims && Object.hasOwn(options.dims, name) ? options.dims[name] : undefined;
    let dims: Int64Input[] = [...configured];
    if (given !== undefined) {
      const fits =
        given.length === configured.length &&
        given.every(
          (d, i) =>
            Number.isInteger(d) &&
            d > 0 &&
            (isVariable(configured[i] as Int64Input) || Number(normalizeInt64(configured[i] as Int64Input)) === d),
        );
      if (!fits) {
        problems.push({
          code: "MC-93",
          severity: "error",
          message: `warmup dims [${given.join(", ")}] for input '${name}' do not fit its dims [${configured.join(", ")}]`,
          path: `input[${index}].dims`,
          hint: "give one positive size per dimension, equal to the configured size where that is not -1",
        });
        return;
      }
      dims = [...given];
    } else {
      const variable = configured.findIndex(isVariable);
      if (variable >= 0) {
        problems.push({
          code: "MC-93",
          severity: "error",
          message: `warmup setting expects all variable-size dimensions are specified for input '${name}'`,
          path: `input[${index}].dims[${variable}]`,
          hint: `pass concrete sizes: warmupFor(config, { data: "${options.data}", dims: { ${JSON.stringify(name)}: [${configured.map((d) => (isVariable(d) ? "<size>" : String(d))).join(", ")}] } })`,
        });
        return;
      }
    }
    const dataType = input.data_type ?? "TYPE_INVALID";
    setOwn(
      inputs,
      name,
      options.data === "zero"
        ? { data_type: dataType, dims, zero_data: true }
        : { data_type: dataType, dims, random_data: true },
    );
  });
  for (const name of Object.keys(options.dims ?? {})) {
    if (!known.has(name)) {
      problems.push({
        code: "TR-2",
        severity: "error",
        message: `warmup dims are given for '${name}', which is not an input of the model`,
        hint: `inputs: ${[...known].join(", ")}`,
      });
    }
  }
  if (problems.length > 0) throw new DiagnosticError(problems);
  const warmup: ModelWarmup = { name: options.name ?? "warmup_sample", batch_size: options.batchSize ?? 1, inputs };
  if (options.count !== undefined) warmup.count = options.count;
  return [warmup];
}
