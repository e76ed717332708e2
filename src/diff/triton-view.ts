import { serverAutofill } from "../effective/index.js";
import type { MessageValue } from "../pbtxt/types.js";

/**
 * A config as the server's model lifecycle holds it, and so as it compares
 * two of them when a loaded model is loaded again. Core reads config.pbtxt
 * and runs GetNormalizedModelConfig on it (identity autofill, then
 * NormalizeModelConfig: version policy, preferred batch sizes, sequence idle
 * time, pinned memory) before `ModelLifeCycle::AsyncLoad`, which keeps that
 * config in its ModelInfo and hands it to ConfigChangeRequiresReload. What a
 * backend's auto_complete_config adds and the normalised instance groups
 * live in the loaded model's own copy, never in that ModelInfo, so neither
 * belongs here (instance groups are ignored by the comparison anyway).
 *
 * Offline we do not see the model's folder, so the autofill that detects a
 * backend from the version folder's files (RL-10) cannot run: a config that
 * names neither backend nor platform nor file compares as written.
 */
export function tritonView(config: MessageValue): MessageValue {
  const name = typeof config.name === "string" ? config.name : "";
  return serverAutofill(config, name, { firstSubdir: undefined }).config;
}
