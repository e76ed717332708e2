import type { MessageValue } from "../pbtxt/types.js";
import { type ConfigChange, diffConfigs } from "./diff-configs.js";
import { tritonView } from "./triton-view.js";

/**
 * What a configuration change means for a running Triton server and for its
 * clients.
 *
 * Reload: when a loaded model's config.pbtxt changes (POLL mode, or a load
 * request in EXPLICIT mode), Triton's model lifecycle compares the old and
 * new configurations with protobuf's MessageDifferencer while ignoring
 * `instance_group` and `version_policy` (core `ConfigChangeRequiresReload`,
 * used by `ModelLifeCycle::AsyncLoad`). The two configs it compares are the
 * normalised ones (see tritonView): a change that only spells out what
 * Triton fills in anyway (`default_model_filename: "model.py"` for a Python
 * model, a preferred batch size equal to max_batch_size, pinned memory
 * enabled, the default sequence idle time) is no change to it. When nothing
 * but instance groups and the version policy differs, the model is updated
 * in place: instances are added or removed and the served versions follow
 * the new policy, with no downtime. Ensembles are never updated in place:
 * AsyncLoad checks `is_ensemble_` before it compares anything, and it runs
 * whenever the config file's time changed, so an ensemble is loaded again
 * even when only formatting or comments changed (a real Triton 2.51 does,
 * test/triton/diff-reload-ensemble.test.ts). Any change to the version
 * folders' files forces a full reload too (not visible in the config; the
 * verdict assumes the model files did not change).
 *
 * Interface: clients must change too when the request or response they
 * exchange changes: the inputs and outputs, the batch dimension
 * (`max_batch_size` adds or removes the leading batch dimension of every
 * tensor), sequence batching (clients send correlation ids and start/end
 * flags) and decoupled responses (clients must stream). Dynamic batching is
 * invisible to clients and is not listed. Clients see the config the server
 * reports, which is at least the normalised one: a written change that
 * normalisation erases does not reach them and is not listed, while the
 * paths listed stay the written ones, so that each is one of the diff's
 * changes.
 */

/** `none`: no semantic change (never for an ensemble, see above); `update`: applied in place, no reload; `reload`: the model is unloaded and loaded again. */
export type ReloadKind = "none" | "update" | "reload";

export interface ReloadVerdict {
  kind: ReloadKind;
  /** One sentence for people. */
  reason: string;
  /** Top-level fields whose change forces the full reload. */
  fields: string[];
  /** The differences Triton sees, between the normalised configs (a subset of `changes` plus what normalisation derives from them). */
  paths: string[];
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
  // With <=, one more step reads path[length] (undefined: no separator) and slice stops at the end anyway.
  // Stryker disable next-line EqualityOperator: equivalent, see above
  while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
  return path.slice(0, end);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function isEnsemble(config: MessageValue): boolean {
  return config.platform === "ensemble";
}

/** Whether one field path lies inside the other (`a` is `a.b`'s and `a[0]`'s ancestor). */
function related(p: string, q: string): boolean {
  // Mutants that survive here are equivalent (`true` and `>` are killed): `<` differs only at equal lengths,
  // where the test below is symmetric; `false` only when a seen path is a strict ancestor of a written one,
  // which normalisation cannot produce (it fills in fields and list elements, it never removes any).
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, see above
  const [short, long] = p.length <= q.length ? [p, q] : [q, p];
  // The `.` case needs a message that one written side lacks and both normalised ones hold: normalisation adds
  // only version_policy and optimization, neither an interface area, so it is unreachable (the `[` one is killed).
  // Stryker disable next-line MethodExpression: unreachable from classifyInterface, see above
  return long === short || long.startsWith(`${short}.`) || long.startsWith(`${short}[`);
}

/**
 * Whether Triton can apply the change to a loaded model without a full
 * reload. `changes` are the written differences (diffConfigs of `before`
 * and `after`); the verdict itself compares the two configs as Triton does,
 * after its normalisation.
 */
export function classifyReload(
  changes: readonly ConfigChange[],
  before: MessageValue,
  after: MessageValue,
): ReloadVerdict {
  const seen = diffConfigs(tritonView(before), tritonView(after));
  const paths = seen.map((c) => c.path);
  const blocking = unique(seen.map((c) => topField(c.path)).filter((f) => !UPDATABLE.has(f)));
  if (isEnsemble(before) || isEnsemble(after)) {
    // AsyncLoad updates in place only when the serving model is not an
    // ensemble, and it is reached whenever the config file's time changed:
    // an ensemble config written anew is always loaded again, whatever the
    // edit (we see values, not files: identical values mean formatting only).
    return {
      kind: "reload",
      reason:
        blocking.length > 0
          ? `${blocking.join(", ")} changed; ensembles are always reloaded when their config changes`
          : seen.length > 0
            ? "ensembles are always reloaded when their config changes, even when only instance_group or version_policy changed"
            : changes.length > 0
              ? "ensembles are always reloaded when their config file changes, even when Triton's normalised configs are equal"
              : "ensembles are reloaded whenever their config file is written, even when only formatting or comments changed; an untouched file reloads nothing",
      fields: blocking,
      paths,
    };
  }
  // `changes` are diffConfigs(before, after): equal written configs normalise equally, so no change, nothing seen.
  // Stryker disable next-line ConditionalExpression: `seen.length === 0` always holds when changes are empty
  if (changes.length === 0 && seen.length === 0)
    return { kind: "none", reason: "no semantic difference", fields: [], paths };
  if (seen.length === 0) {
    return {
      kind: "none",
      reason:
        "the changes only spell out what Triton fills in anyway (its normalised configs are equal): the loaded model stays as it is",
      fields: [],
      paths,
    };
  }
  if (blocking.length > 0) {
    return {
      kind: "reload",
      reason: `${blocking.join(", ")} changed; Triton applies only instance_group and version_policy changes without reloading the model`,
      fields: blocking,
      paths,
    };
  }
  const updated = unique(seen.map((c) => topField(c.path)));
  return {
    kind: "update",
    reason: `only ${updated.join(" and ")} changed: Triton updates the loaded model in place (if the model files are unchanged)`,
    fields: [],
    paths,
  };
}

/**
 * Whether clients of the model must change too, and where. With both
 * configs given, a change that Triton's normalisation erases (a default
 * spelled out) is left out: the server reports the same config either way.
 */
export function classifyInterface(
  changes: readonly ConfigChange[],
  before?: MessageValue,
  after?: MessageValue,
): InterfaceVerdict {
  const seen =
    before !== undefined && after !== undefined
      ? diffConfigs(tritonView(before), tritonView(after)).map((c) => c.path)
      : undefined;
  const hits = changes.filter(
    (c) => INTERFACE_AREAS.has(topField(c.path)) && (seen === undefined || seen.some((p) => related(p, c.path))),
  );
  return {
    changed: hits.length > 0,
    areas: unique(hits.map((c) => INTERFACE_AREAS.get(topField(c.path)) as string)),
    paths: hits.map((c) => c.path),
  };
}
