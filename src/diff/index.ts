/**
 * Semantic differences between model configurations, and what they mean for
 * a running Triton server (reload or in-place update) and for its clients.
 */
export { diffConfigs } from "./diff-configs.js";
export type { ChangeKind, ConfigChange } from "./diff-configs.js";
export { classifyInterface, classifyReload } from "./classify.js";
export type { InterfaceVerdict, ReloadKind, ReloadVerdict } from "./classify.js";
export { compareConfigs, formatDiffText } from "./report.js";
export type { ConfigDiff } from "./report.js";
export { readAtRevision } from "./git-revision.js";
