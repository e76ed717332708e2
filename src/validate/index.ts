/**
 * The validator: Triton's load-time rules for one config or whole
 * repositories, the effective config Triton reports after its defaults,
 * and the reporters the CLI prints with.
 */
export { validateConfig, validateRepository, validateModelFolder } from "./engine.js";
export { effectiveConfigsOfRepository, effectiveConfigOfFile } from "./effective-on-disk.js";
export type { ModelOutcome } from "./outcome.js";
export {
  effectiveConfig,
  normalizeModelConfig,
  normalizeInstanceGroups,
  SEQUENCE_IDLE_DEFAULT_MICROSECONDS,
  autofillBackendFields,
} from "../effective/index.js";
export type { EffectiveConfigOptions } from "../effective/index.js";
export { RULES, ruleInfo, isRuleId } from "./codes.js";
export type { RuleInfo, RuleCheck, RuleNeeds } from "./codes.js";
export { STOCK_BACKENDS } from "./environment.js";
export { formatText, formatJson, formatSarif } from "./reporters.js";
export type { SarifOptions, TextFormatOptions } from "./reporters.js";
export type { ValidateOptions, ValidationResult, ValidationSummary } from "./types.js";
export type { RepositorySelection } from "./engine.js";
