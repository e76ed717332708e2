import type { MessageValue } from "../pbtxt/types.js";
import { has, messages, msg, num, numbers } from "../config/view.js";
import { type AutofillResult, type DetectionListing, autofillBackendFields } from "./autofill.js";

/** Default idle time of a sequence (SEQUENCE_IDLE_DEFAULT_MICROSECONDS). */
export const SEQUENCE_IDLE_DEFAULT_MICROSECONDS = 1_000_000;

/**
 * ND-3…ND-6, in place (core's NormalizeModelConfig): the version policy,
 * preferred batch sizes, the sequence idle time and pinned memory.
 */
export function normalizeModelConfig(config: MessageValue): void {
  if (!has(config, "version_policy")) config.version_policy = { latest: { num_versions: 1 } };
  const maxBatch = num(config, "max_batch_size");
  const dynamic = msg(config, "dynamic_batching");
  if (dynamic && numbers(dynamic, "preferred_batch_size").length === 0 && maxBatch > 0) {
    dynamic.preferred_batch_size = [maxBatch];
  }
  const sequence = msg(config, "sequence_batching");
  if (sequence) {
    if (num(sequence, "max_sequence_idle_microseconds") === 0)
      sequence.max_sequence_idle_microseconds = SEQUENCE_IDLE_DEFAULT_MICROSECONDS;
    const oldest = msg(sequence, "oldest");
    if (oldest && numbers(oldest, "preferred_batch_size").length === 0 && maxBatch > 0)
      oldest.preferred_batch_size = [maxBatch];
  }
  if (!has(config, "ensemble_scheduling")) {
    let optimization = msg(config, "optimization");
    if (!optimization) {
      optimization = {};
      config.optimization = optimization;
    }
    if (!has(optimization, "input_pinned_memory")) optimization.input_pinned_memory = { enable: true };
    if (!has(optimization, "output_pinned_memory")) optimization.output_pinned_memory = { enable: true };
  }
}

/** Result of the server-side steps, shared by effectiveConfig and the validator. */
export interface NormalizedConfig {
  config: MessageValue;
  autofill: AutofillResult;
}

/**
 * A copy of `written` that normalisation may change without touching the
 * original: the top level and the sub-messages it writes into are copied,
 * the rest is shared (a deep copy of every config would dominate the time
 * of a large repository).
 */
function copyForNormalisation(written: MessageValue): MessageValue {
  const config: MessageValue = { ...written };
  for (const field of ["dynamic_batching", "sequence_batching", "optimization", "model_transaction_policy"] as const) {
    const sub = msg(written, field);
    if (sub) config[field] = { ...sub };
  }
  const sequence = msg(config, "sequence_batching");
  const oldest = msg(sequence, "oldest");
  if (sequence && oldest) sequence.oldest = { ...oldest };
  if (Array.isArray(written.instance_group))
    config.instance_group = messages(written, "instance_group").map((g) => ({ ...g }));
  return config;
}

/** Applies S2 (autofill + normalisation) to a copy of `written`; unchanged parts are shared with it. */
export function serverAutofill(written: MessageValue, modelName: string, listing: DetectionListing): NormalizedConfig {
  const config = copyForNormalisation(written);
  const autofill = autofillBackendFields(config, modelName, listing);
  normalizeModelConfig(config);
  return { config, autofill };
}
