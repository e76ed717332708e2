import type { MessageValue } from "../pbtxt/types.js";
import { has, isMessage, messages, num, str } from "../config/view.js";
import type { PythonSource } from "../python/source.js";
import { type JsonTensor, replayAutoComplete } from "../python/auto-complete-replay.js";
import { normalizeModelConfig } from "./normalize.js";

/**
 * ND-11 for the Python backend, in place: what the literal calls of
 * auto_complete_config leave in the config, then core's normalisation again,
 * as Triton runs it on the config the backend hands back (a preferred batch
 * size for the dynamic batching it added). Left as it is when the replay is
 * not the whole story or hits a conflict (the load fails then anyway).
 */
export function applyPythonAutoComplete(config: MessageValue, python: PythonSource): void {
  let conflicted = false;
  // Stryker disable next-line StringLiteral: the name only goes into conflict messages, which are not read here
  const replay = replayAutoComplete(config, str(config, "name"), python, () => {
    conflicted = true;
  });
  if (!replay || replay.incomplete !== undefined || conflicted) return;
  const merge = (field: "input" | "output", tensors: readonly JsonTensor[]): void => {
    if (tensors.length === 0) return;
    const written = new Map(messages(config, field).map((t) => [str(t, "name"), t] as const));
    config[field] = tensors.map((t) => {
      const kept: MessageValue = {
        ...(written.get(t.name) ?? {}),
        name: t.name,
        data_type: t.data_type,
        dims: [...t.dims],
      };
      if (t.optional) kept.optional = true;
      return kept;
    });
  };
  merge("input", replay.input);
  merge("output", replay.output);
  // The replay starts from the configured max_batch_size and only raises it (a lower one conflicts), so a
  // written 0 and an unchanged value leave the same config.
  // Stryker disable next-line StringLiteral: comparing with 0 instead sets the same value (see above)
  if (replay.maxBatch !== num(config, "max_batch_size")) config.max_batch_size = replay.maxBatch;
  if (replay.decoupled !== undefined) {
    // Stryker disable next-line ObjectLiteral: decoupled is the policy's only field, and it is set or deleted below
    const policy = isMessage(config.model_transaction_policy) ? { ...config.model_transaction_policy } : {};
    if (replay.decoupled) policy.decoupled = true;
    else delete policy.decoupled;
    config.model_transaction_policy = policy;
  }
  if (
    replay.dynamicBatching &&
    !has(config, "dynamic_batching") &&
    // set_dynamic_batching with a sequence batcher conflicts, and a conflict returned above.
    // Stryker disable next-line StringLiteral: unreachable with sequence_batching set (see above)
    !has(config, "sequence_batching")
  )
    config.dynamic_batching = {};
  normalizeModelConfig(config);
}
