import { enumName, messages, str, strings } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const BATCH_IO_REPORTS = [
  "MC-31",
  "MC-32",
  "MC-33",
  "MC-34",
  "MC-35",
  "MC-36",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof BATCH_IO_REPORTS)[number]>;

const BATCH_INPUT_KINDS = new Set([
  "BATCH_ELEMENT_COUNT",
  "BATCH_ACCUMULATED_ELEMENT_COUNT",
  "BATCH_ACCUMULATED_ELEMENT_COUNT_WITH_ZERO",
  "BATCH_MAX_ELEMENT_COUNT_AS_SHAPE",
  "BATCH_ITEM_SHAPE",
  "BATCH_ITEM_SHAPE_FLATTEN",
]);

/** MC-31…MC-36: ValidateBatchIO (messages get ` for <model>` like every IO message). */
export function checkBatchInputsOutputs(ctx: Ctx): void {
  const suffix = ` for ${ctx.name}`;
  const inputNames = new Set(messages(ctx.config, "input").map((io) => str(io, "name")));
  const outputNames = new Set(messages(ctx.config, "output").map((io) => str(io, "name")));
  messages(ctx.config, "batch_input").forEach((batch, i) => {
    const path = `batch_input[${i}]`;
    const kind = enumName(batch, "kind", "BATCH_ELEMENT_COUNT");
    const sources = strings(batch, "source_input");
    if (!BATCH_INPUT_KINDS.has(kind)) {
      // An enum number with no name prints as an empty name in Triton.
      ctx.report("MC-31", `${path}.kind`, `unknown batch input kind ''${suffix}`, {
        hint: `use one of ${[...BATCH_INPUT_KINDS].join(", ")}`,
      });
      return;
    }
    if (sources.length !== 1) {
      ctx.report(
        "MC-31",
        `${path}.source_input`,
        `batch input kind '${kind}' expects 1 source input, got ${sources.length}${suffix}`,
        {
          hint: "name exactly one input in source_input",
        },
      );
      return;
    }
    const type = enumName(
      batch,
      "data_type",
      // Stryker disable next-line StringLiteral: any default other than TYPE_INT32 and TYPE_FP32 is refused the same
      "TYPE_INVALID",
    );
    if (type !== "TYPE_INT32" && type !== "TYPE_FP32") {
      ctx.report("MC-32", `${path}.data_type`, `batch input data type must be TYPE_INT32 or TYPE_FP32${suffix}`, {
        hint: "set data_type: TYPE_INT32 or TYPE_FP32",
      });
      return;
    }
    sources.forEach((source, j) => {
      if (!inputNames.has(source)) {
        ctx.report("MC-33", `${path}.source_input[${j}]`, `unknown source input name '${source}'${suffix}`, {
          hint: `source_input must name one of the model inputs: ${[...inputNames].join(", ") || "(none)"}`,
        });
      }
    });
  });
  messages(ctx.config, "batch_output").forEach((batch, i) => {
    const path = `batch_output[${i}]`;
    const kind = enumName(batch, "kind", "BATCH_SCATTER_WITH_INPUT_SHAPE");
    const sources = strings(batch, "source_input");
    if (kind !== "BATCH_SCATTER_WITH_INPUT_SHAPE") {
      ctx.report("MC-34", `${path}.kind`, `unknown batch output kind ''${suffix}`, {
        hint: "use BATCH_SCATTER_WITH_INPUT_SHAPE",
      });
      return;
    }
    if (sources.length !== 1) {
      ctx.report(
        "MC-34",
        `${path}.source_input`,
        `batch output kind '${kind}' expects 1 source input, got ${sources.length}${suffix}`,
        {
          hint: "name exactly one input in source_input",
        },
      );
      return;
    }
    let failed = false;
    sources.forEach((source, j) => {
      if (!inputNames.has(source)) {
        failed = true;
        ctx.report("MC-35", `${path}.source_input[${j}]`, `unknown source input name '${source}'${suffix}`, {
          hint: `source_input must name one of the model inputs: ${[...inputNames].join(", ") || "(none)"}`,
        });
      }
    });
    if (failed) return;
    const seen = new Set<string>();
    strings(batch, "target_name").forEach((target, j) => {
      if (!outputNames.has(target)) {
        ctx.report("MC-36", `${path}.target_name[${j}]`, `unknown target output name '${target}'${suffix}`, {
          hint: `target_name must name one of the model outputs: ${[...outputNames].join(", ") || "(none)"}`,
        });
      } else if (seen.has(target)) {
        ctx.report(
          "MC-36",
          `${path}.target_name[${j}]`,
          `target output name '${target}' can only be specified once${suffix}`,
          { hint: "remove the repeated name" },
        );
      }
      seen.add(target);
    });
  });
}
