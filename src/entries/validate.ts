/**
 * `triton-repo/validate`: the rule catalogue, the reporters the CLI prints
 * with (text, JSON, SARIF), effective configs read from disk, and repository
 * scans. validateConfig, validateRepository and effectiveConfig themselves
 * are in the root entry.
 */
export {
  RULES,
  effectiveConfigOfFile,
  effectiveConfigsOfRepository,
  formatJson,
  formatSarif,
  formatText,
  ruleInfo,
} from "../validate/index.js";
export type { RuleInfo, SarifOptions, TextFormatOptions } from "../validate/index.js";
export { locateTarget, scanRepository } from "../repository/index.js";
export type { ModelFolder, RepositoryTree, ScanOptions } from "../repository/index.js";
