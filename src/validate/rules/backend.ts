import { listLength, str } from "../config-view.js";
import type { RuleContext } from "../rule.js";

/**
 * MC-106, the backend-side checks that need no artifact. The PyTorch
 * backend cannot auto-complete a config, so a model without outputs always
 * fails when its instances are created.
 */
export function checkBackendSpecific(ctx: RuleContext): void {
  if (str(ctx.config, "backend") === "pytorch" && listLength(ctx.config, "output") === 0) {
    ctx.report("MC-106", undefined, "model configuration must contain at least one output, none were specified", {
      hint: "the PyTorch backend reads tensors only from the config: list the outputs",
    });
  }
}
