import { listLength, str } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const BACKEND_SPECIFIC_REPORTS = ["MC-106"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof BACKEND_SPECIFIC_REPORTS)[number]>;

/**
 * MC-106, the backend-side checks that need no artifact. The PyTorch
 * backend cannot auto-complete a config, so a model without outputs always
 * fails when its instances are created.
 */
export function checkBackendSpecific(ctx: Ctx): void {
  if (str(ctx.config, "backend") === "pytorch" && listLength(ctx.config, "output") === 0) {
    ctx.report("MC-106", undefined, "model configuration must contain at least one output, none were specified", {
      hint: "the PyTorch backend reads tensors only from the config: list the outputs",
    });
  }
}
