/**
 * The status words Triton core's Status::AsString puts before a message
 * (status.cc: `Invalid argument: …`), which a diagnostic may keep because
 * Triton's log shows them.
 */
const STATUS_PREFIX = "(?:(?:Invalid argument|Internal|Not found|Unavailable|Unsupported|Already exists|Unknown): )?";

/**
 * Triton's wording as a test oracle: a registry template (`<M>` for the model
 * name, `<…>` for any other value, `…` for an elided part) turned into a
 * pattern that a diagnostic's message must start with (after an optional
 * status word). The placeholders become wildcards and the rest is matched
 * literally, so a message that drifts from Triton's words fails even when its
 * code is right. Triton appends context to some messages (` for <M>`), so
 * only the start is anchored.
 */
export function templatePattern(template: string): RegExp {
  const source = template
    .split(/(<[^<>]+>|…)/)
    .map((part, i) => (i % 2 === 1 ? ".*?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${STATUS_PREFIX}${source}`, "s");
}
