import type { MessageValue } from "../../pbtxt/types.js";
import { protocolType } from "../../config/protocol-type.js";
import { bool, enumName, has, isMessage, mapEntries, messages, msg, num, numbers, str } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const WARMUP_REPORTS = ["MC-92", "MC-93", "MC-94", "MC-96", "TR-2"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof WARMUP_REPORTS)[number]>;

/** Whether a request shape fits a configured one (-1 matches anything). */
function shapeFits(expected: readonly number[], got: readonly number[]): boolean {
  return expected.length === got.length && expected.every((d, i) => d === -1 || d === got[i]);
}

/** What Triton appends to a shape error of a model with max_batch_size > 0. */
const BATCH_DIM_NOTE =
  " NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be prepended to each input shape. " +
  "If you want to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to zero. " +
  "See the model configuration docs for more info on max_batch_size.";

/** MC-92…MC-96 and TR-2: warmup samples are requests Triton sends to each instance at load. */
export function checkWarmup(ctx: Ctx): void {
  const { config, name } = ctx;
  const maxBatch = num(config, "max_batch_size");
  const inputs = new Map(messages(config, "input").map((io) => [str(io, "name"), io] as const));
  const controls = new Set(messages(msg(config, "sequence_batching"), "control_input").map((c) => str(c, "name")));
  messages(config, "model_warmup").forEach((sample, i) => {
    const path = `model_warmup[${i}]`;
    const sampleName = str(sample, "name");
    const batch = num(sample, "batch_size");
    if (batch === 0) {
      ctx.report(
        "MC-92",
        has(sample, "batch_size") ? `${path}.batch_size` : path,
        `warmup sample '${sampleName}' of model '${name}' has batch_size 0 and is skipped`,
        {
          hint: "set batch_size: 1 (or more for a batching model)",
        },
      );
    } else if (maxBatch > 0 && batch > maxBatch && str(config, "backend") === "python") {
      // The Python backend refuses a request batch above max_batch_size (python_be.cc), and the
      // warmup sample is such a request: the instance, hence the load, fails. Triton 2.51 was also
      // seen to crash (signal 11) on it instead.
      const group = messages(config, "instance_group")[0];
      const instance = `${(group && str(group, "name")) || `${name}_0`}_0`;
      ctx.report(
        "MC-92",
        `${path}.batch_size`,
        `failed to run warmup sample '${sampleName}': batch size ${batch} for '${instance}', max allowed is ${maxBatch}`,
        {
          severity: "error",
          hint: `the Python backend accepts at most max_batch_size (${maxBatch}) per request: lower batch_size to ${maxBatch} or less`,
        },
      );
    } else if (maxBatch === 0 ? batch !== 1 : batch > maxBatch) {
      ctx.report(
        "MC-92",
        `${path}.batch_size`,
        `warmup sample '${sampleName}' of model '${name}' has batch_size ${batch}, outside what the model accepts (${maxBatch === 0 ? "1 for a non-batching model" : `at most ${maxBatch}`})`,
        {
          hint: "the backend may fail the sample, which fails the load",
        },
      );
    }
    // Triton skips a batch_size 0 sample before looking at its inputs.
    if (batch === 0) return;
    const given = new Set<string>();
    for (const [key, value] of mapEntries(sample, "inputs")) {
      const input: MessageValue = isMessage(value) ? value : {};
      const ipath = `${path}.inputs["${key}"]`;
      given.add(key);
      const dims = numbers(input, "dims");
      if (dims.some((d) => d === -1)) {
        ctx.report(
          "MC-93",
          `${ipath}.dims`,
          `warmup setting expects all variable-size dimensions are specified for input '${key}'`,
          { hint: "give every dim a size" },
        );
      }
      if (!has(input, "zero_data") && !has(input, "random_data") && !has(input, "input_data_file")) {
        ctx.report("MC-94", ipath, `warmup setting expects input '${key}' to have input_data_type set`, {
          hint: "add zero_data: true, random_data: true or input_data_file",
        });
      }
      const declared = inputs.get(key);
      if (!declared) {
        if (!controls.has(key)) {
          ctx.report(
            "TR-2",
            ipath,
            `warmup sample '${sampleName}' of model '${name}' sets input '${key}', which the model does not have`,
            {
              hint: `model inputs: ${[...inputs.keys()].join(", ") || "(none)"}`,
            },
          );
        }
        continue;
      }
      const want = enumName(declared, "data_type", "TYPE_INVALID");
      const got = enumName(input, "data_type", "TYPE_INVALID");
      if (want !== got) {
        ctx.report(
          "MC-96",
          `${ipath}.data_type`,
          `inference input '${key}' data-type is '${protocolType(got)}', but model '${name}' expects '${protocolType(want)}'`,
          {
            hint: `warmup data_type must be ${want}`,
          },
        );
      }
      const expected = numbers(declared, "dims");
      const shape = has(declared, "reshape") ? numbers(msg(declared, "reshape"), "shape") : expected;
      if (!shapeFits(expected, dims) && !shapeFits(shape, dims)) {
        // A batching model's warmup requests carry the batch dimension (1), and Triton prints the
        // configured shape with its variable batch dimension, then a note (seen on Triton 2.51).
        const batched = maxBatch > 0;
        const shown = `Expected [${(batched ? [-1, ...expected] : expected).join(",")}], got [${(batched ? [1, ...dims] : dims).join(",")}]`;
        ctx.report(
          "MC-96",
          `${ipath}.dims`,
          `unexpected shape for input '${key}' for model '${name}'. ${shown}.${batched ? BATCH_DIM_NOTE : ""}`,
          {
            hint: "warmup dims leave out the batch dimension, like the input's dims",
          },
        );
      }
    }
    const required = [...inputs.values()].filter((io) => !bool(io, "optional")).map((io) => str(io, "name"));
    const missing = required.filter((r) => !given.has(r));
    if (missing.length > 0) {
      const present = [...given].filter((g) => inputs.has(g));
      // Core's request check, word for word: lists as ['A','B'], a range when some inputs are optional.
      const list = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(",")}]`;
      const expected =
        required.length === inputs.size
          ? `${required.length} inputs`
          : `number of inputs between ${required.length} and ${inputs.size}`;
      const message =
        `expected ${expected} but got ${present.length} inputs for model '${name}'. ` +
        `Got input(s) ${list(present)}, but missing required input(s) ${list(missing)}. Please provide all required input(s).`;
      ctx.report("MC-96", path, message, {
        hint: `add warmup inputs for ${missing.map((m) => `'${m}'`).join(", ")}`,
      });
    }
  });
}
