/**
 * `triton-repo/diff`: the parts of a config comparison (the verdicts on their
 * own, the text report of `gen-repo diff`). diffConfigs and compareConfigs
 * are in the root entry.
 */
export { classifyInterface, classifyReload, formatDiffText } from "../diff/index.js";
