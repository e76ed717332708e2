import { has, listLength, str } from "../../config/view.js";
import { checkEnsembleGraph } from "../ensemble-graph.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const ENSEMBLE_CONFIG_REPORTS = [
  "MC-70",
  "MC-71",
  "MC-72",
  "MC-73",
  "MC-74",
  "MC-75",
  "MC-76",
  "MC-77",
  "MC-78",
  "MC-79",
  "MC-80",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof ENSEMBLE_CONFIG_REPORTS)[number]>;

/** MC-70…MC-80: the scheduling choice against the platform, then ValidateEnsembleSchedulingConfig. */
export function checkEnsembleConfig(ctx: Ctx): void {
  const { config, name } = ctx;
  const isEnsemble = str(config, "platform") === "ensemble";
  if (!has(config, "ensemble_scheduling")) {
    if (isEnsemble) {
      ctx.report(
        "MC-71",
        "platform",
        `ensemble scheduling must be set for ensemble ${name} whose platform is ensemble`,
        {
          hint: "add ensemble_scheduling { step [ … ] }",
        },
      );
    }
    return;
  }
  if (!isEnsemble) {
    ctx.report(
      "MC-70",
      "ensemble_scheduling",
      `ensemble scheduling cannot be set for model '${name}' whose platform is not ensemble`,
      {
        hint: 'set platform: "ensemble" (and no backend), or remove ensemble_scheduling',
      },
    );
    return;
  }
  if (listLength(ctx.written, "instance_group") > 0) {
    ctx.report("MC-72", "instance_group", `instance group should not be specified for ensemble '${name}'`, {
      hint: "remove instance_group: step models have their own",
    });
  }
  if (has(ctx.written, "optimization")) {
    ctx.report("MC-73", "optimization", `optimization should not be specified for ensemble '${name}'`, {
      hint: "remove optimization: it applies to step models",
    });
  }
  if (listLength(ctx.written, "model_warmup") > 0) {
    ctx.report("MC-74", "model_warmup", `model_warmup can not be specified for ensemble '${name}'`, {
      hint: "warm the step models up instead",
    });
  }
  for (const finding of checkEnsembleGraph(config, name)) {
    ctx.report(finding.code, finding.path, finding.message, { hint: graphHint(finding.code) });
  }
}

function graphHint(code: string): string {
  switch (code) {
    case "MC-75":
      return "list the models the ensemble runs in ensemble_scheduling.step";
    case "MC-76":
      return "every step names its model and maps its inputs and outputs to ensemble tensors";
    case "MC-77":
      return "two steps write the same ensemble tensor: rename one output_map value";
    case "MC-78":
      return "map the input to a step's input_map, or remove it";
    case "MC-79":
      return "every ensemble output must be produced by a step whose inputs all come from the ensemble inputs";
    default:
      return "every intermediate tensor must be produced by one step and consumed by another";
  }
}
