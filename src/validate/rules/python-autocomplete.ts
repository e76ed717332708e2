import { str } from "../../config/view.js";
import { replayAutoComplete } from "../../python/auto-complete-replay.js";
import { type PythonSource, positionOf } from "../../python/source.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const AUTO_COMPLETE_REPORTS = ["PY-3"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof AUTO_COMPLETE_REPORTS)[number]>;

/**
 * PY-3: the pb_utils errors auto_complete_config raises (the first one fails
 * the load). A conflict that needs a conditional call is a warning naming the
 * branch; calls whose argument is not a literal are not replayed.
 */
export function checkAutoComplete(ctx: Ctx): void {
  const source = ctx.python;
  if (!source || ctx.options.autoComplete === false || str(ctx.config, "backend") !== "python") return;
  replayAutoComplete(ctx.config, ctx.name, source, (conflict) => {
    ctx.report("PY-3", undefined, conflict.message, {
      hint: conflict.hint,
      file: source.relPath,
      at: positionOf(source, firstNonBlank(source, conflict.offset)),
      ...(conflict.branch !== undefined ? { severity: "warning" as const } : {}),
    });
  });
}

/** The first non-blank character at or after an offset (a line's statement, not its indentation). */
function firstNonBlank(source: PythonSource, offset: number): number {
  let i = offset;
  while (source.code[i] === " " || source.code[i] === "\t") i++;
  return i;
}
