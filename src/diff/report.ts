import { sep } from "node:path";
import type { ModelConfig } from "../../generated/model-config.js";
import type { MessageValue } from "../pbtxt/types.js";
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

/**
 * Compares two model configurations and classifies the change. An empty
 * `name` is the model folder's name, as Triton fills it in (ND-1): the
 * folder is read from the label when it is a path (`m/config.pbtxt`,
 * `m/configs/prod.pbtxt@HEAD`), else it is the other side's name (a
 * config whose name differs from its folder never loads).
 */
export function compareConfigs(
  beforeInput: ModelConfig | MessageValue,
  afterInput: ModelConfig | MessageValue,
  labels: { before: string; after: string } = { before: "before", after: "after" },
): ConfigDiff {
  const folders = [folderOf(labels.before), folderOf(labels.after)];
  const names = [nameOf(beforeInput), nameOf(afterInput)];
  const withName = (config: ModelConfig | MessageValue, side: 0 | 1): MessageValue => {
    const filled = names[side] !== "" ? undefined : (folders[side] ?? (names[1 - side] || undefined));
    return filled === undefined ? (config as MessageValue) : { ...(config as MessageValue), name: filled };
  };
  const before = withName(beforeInput, 0);
  const after = withName(afterInput, 1);
  const changes = diffConfigs(before, after);
  return {
    before: labels.before,
    after: labels.after,
    identical: changes.length === 0,
    changes,
    reload: classifyReload(changes, before as MessageValue, after as MessageValue),
    interface: classifyInterface(changes, before, after),
  };
}

function nameOf(config: ModelConfig | MessageValue): string {
  const name = (config as MessageValue).name;
  return typeof name === "string" ? name : "";
}

/** The model folder a config file label names: the file's folder, or the one above `configs/`. */
function folderOf(label: string): string | undefined {
  const at = label.lastIndexOf("@");
  const file = at > 0 && !label.slice(at).includes("/") ? label.slice(0, at) : label;
  // Only Windows separates with `\`; elsewhere a backslash belongs to a name.
  const path = file.split(sep).join("/");
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length < 2) return undefined;
  const folder = parts[parts.length - 2] as string;
  if (folder === "configs") return parts.length >= 3 ? (parts[parts.length - 3] as string) : undefined;
  return folder === ".." ? undefined : folder;
}

/** The text report: one `path: before -> after` line per change, then the two verdicts. */
export function formatDiffText(diff: ConfigDiff): string {
  const lines = [`--- ${diff.before}`, `+++ ${diff.after}`];
  if (diff.identical) {
    lines.push("no semantic difference (formatting and comments are ignored)");
    // An ensemble is loaded again even so when its file is written (see classify.ts): say it.
    if (diff.reload.kind === "reload") lines.push(`reload: full model reload (${diff.reload.reason})`);
    return `${lines.join("\n")}\n`;
  }
  for (const change of diff.changes) lines.push(`${change.path}: ${change.beforeText} -> ${change.afterText}`);
  lines.push("");
  const reload =
    diff.reload.kind === "update"
      ? "update in place, no reload"
      : diff.reload.kind === "none"
        ? "nothing to apply, no reload"
        : "full model reload";
  lines.push(`reload: ${reload} (${diff.reload.reason})`);
  lines.push(
    diff.interface.changed
      ? `interface: changed (${diff.interface.areas.join(", ")}): clients must change too`
      : "interface: unchanged: clients are not affected",
  );
  return `${lines.join("\n")}\n`;
}
