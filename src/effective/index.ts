/**
 * Triton's effective config: the defaults and normalisation the server
 * applies to a written config before it loads the model (identity autofill,
 * NormalizeModelConfig, instance groups, ensemble policy, what backend
 * auto-complete adds). Pure functions of data; the validator consumes them.
 */
export { type AutofillResult, type DetectionListing, autofillBackendFields, detectionListing } from "./autofill.js";
export { type EffectiveConfigOptions, effectiveConfig } from "./effective-config.js";
export { finishEnsemble } from "./ensemble.js";
export { instanceGroupsOnHost, normalizeInstanceGroups } from "./instance-groups.js";
export { type LoadTimeCompletion, completeAtLoad } from "./load-time-completion.js";
export {
  type NormalizedConfig,
  SEQUENCE_IDLE_DEFAULT_MICROSECONDS,
  normalizeModelConfig,
  serverAutofill,
} from "./normalize.js";
export { applyPythonAutoComplete } from "./python-auto-complete.js";
