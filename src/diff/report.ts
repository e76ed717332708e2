import type { ModelConfig } from "../../generated/model-config.js";
import type { MessageValue } from "../textformat/types.js";
import { type InterfaceVerdict, type ReloadVerdict, classifyInterface, classifyReload } from "./classify.js";
import { type ConfigChange, diffConfigs } from "./diff-configs.js";

/** The whole answer of `gen-repo diff`, as data (`--format json` prints it as is). */
export interface ConfigDiff {
  /** Labels of the two sides, such as `config.pbtxt@HEAD` and `config.pbtxt`. */
  before: string;
  after: string;
  identical: boolean;
  changes: ConfigChange[];
  reload: ReloadVerdict;
  interface: InterfaceVerdict;
}

/** Compares two model configurations and classifies the change. */
export function compareConfigs(
  before: ModelConfig | MessageValue,
  after: ModelConfig | MessageValue,
  labels: { before: string; after: string } = { before: "before", after: "after" },
): ConfigDiff {
  const changes = diffConfigs(before, after);
  return {
    before: labels.before,
    after: labels.after,
    identical: changes.length === 0,
    changes,
    reload: classifyReload(changes, before as MessageValue, after as MessageValue),
    interface: classifyInterface(changes),
  };
}

/** The text report: one `path: before -> after` line per change, then the two verdicts. */
export function formatDiffText(diff: ConfigDiff): string {
  const lines = [`--- ${diff.before}`, `+++ ${diff.after}`];
  if (diff.identical) {
    lines.push("no semantic difference (formatting and comments are ignored)");
    return `${lines.join("\n")}\n`;
  }
  for (const change of diff.changes) lines.push(`${change.path}: ${change.beforeText} -> ${change.afterText}`);
  lines.push("");
  const reload = diff.reload.kind === "update" ? "update in place, no reload" : "full model reload";
  lines.push(`reload: ${reload} (${diff.reload.reason})`);
  lines.push(
    diff.interface.changed
      ? `interface: changed (${diff.interface.areas.join(", ")}): clients must change too`
      : "interface: unchanged: clients are not affected",
  );
  return `${lines.join("\n")}\n`;
}
