import type { MessageValue } from "../textformat/types.js";
import type { ConfigChange } from "./diff-configs.js";

/**
 * What a configuration change means for a running Triton server and for its
 * clients.
 *
 * Reload: when a loaded model's config.pbtxt changes (POLL mode, or a load
 * request in EXPLICIT mode), Triton's model lifecycle compares the old and
 * new configurations with protobuf's MessageDifferencer while ignoring
 * `instance_group` and `version_policy` (core `ConfigChangeRequiresReload`,
 * used by `ModelLifeCycle::AsyncLoad`). When nothing else differs, the
 * model is updated in place: instances are added or removed and the served
 * versions follow the new policy, with no downtime. Ensembles are never
 * updated in place, and any change to the version folders' files forces a
 * full reload too (neither is visible in the config; the verdict assumes the
 * model files did not change).
 *
 * Interface: clients must change too when the request or response they
 * exchange changes: the inputs and outputs, the batch dimension
 * (`max_batch_size` adds or removes the leading batch dimension of every
 * tensor), sequence batching (clients send correlation ids and start/end
 * flags) and decoupled responses (clients must stream). Dynamic batching is
 * invisible to clients and is not listed.
 */

/** `none`: no semantic change; `update`: applied in place, no reload; `reload`: the model is unloaded and loaded again. */
export type ReloadKind = "none" | "update" | "reload";

export interface ReloadVerdict {
  kind: ReloadKind;
  /** One sentence for people. */
  reason: string;
  /** Top-level fields whose change forces the full reload. */
  fields: string[];
}

export interface InterfaceVerdict {
  changed: boolean;
  /** What clients see change: `inputs`, `outputs`, `batch dimension`, `sequence batching`, `decoupled responses`. */
  areas: string[];
  /** The changed paths behind the areas. */
  paths: string[];
}

/** Fields Triton applies to a loaded model without reloading it. */
const UPDATABLE = new Set(["instance_group", "version_policy"]);

/** Top-level fields clients depend on, and what to call them. */
const INTERFACE_AREAS: ReadonlyMap<string, string> = new Map([
  ["input", "inputs"],
  ["output", "outputs"],
  ["max_batch_size", "batch dimension"],
  ["sequence_batching", "sequence batching"],
  ["model_transaction_policy", "decoupled responses"],
]);

function topField(path: string): string {
  let end = 0;
  while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
  return path.slice(0, end);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Whether Triton can apply the change to a loaded model without a full reload. */
export function classifyReload(
  changes: readonly ConfigChange[],
  before: MessageValue,
  after: MessageValue,
): ReloadVerdict {
  if (changes.length === 0) return { kind: "none", reason: "no semantic difference", fields: [] };
  const blocking = unique(changes.map((c) => topField(c.path)).filter((f) => !UPDATABLE.has(f)));
  if (blocking.length > 0) {
    return {
      kind: "reload",
      reason: `${blocking.join(", ")} changed; Triton applies only instance_group and version_policy changes without reloading the model`,
      fields: blocking,
    };
  }
  if (before.platform === "ensemble" || after.platform === "ensemble") {
    return {
      kind: "reload",
      reason: "ensembles are always reloaded, even when only instance_group or version_policy changed",
      fields: [],
    };
  }
  const updated = unique(changes.map((c) => topField(c.path)));
  return {
    kind: "update",
    reason: `only ${updated.join(" and ")} changed: Triton updates the loaded model in place (if the model files are unchanged)`,
    fields: [],
  };
}

/** Whether clients of the model must change too, and where. */
export function classifyInterface(changes: readonly ConfigChange[]): InterfaceVerdict {
  const hits = changes.filter((c) => INTERFACE_AREAS.has(topField(c.path)));
  return {
    changed: hits.length > 0,
    areas: unique(hits.map((c) => INTERFACE_AREAS.get(topField(c.path)) as string)),
    paths: hits.map((c) => c.path),
  };
}
