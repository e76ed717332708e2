import type { MessageValue } from "../pbtxt/types.js";
import { isMessage, str } from "../config/view.js";
import { crossCheckEnsemble } from "../validate/ensemble-graph.js";

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
    // Stryker disable next-line StringLiteral: the name only goes into findings; decoupled does not depend on it
    const checked = crossCheckEnsemble(config, str(config, "name"), stepConfig, stepIoOpen);
    if (checked.decoupled !== undefined) {
      if (checked.decoupled) policy.decoupled = true;
      else delete policy.decoupled;
    }
  }
  config.model_transaction_policy = policy;
}
