import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type RuleId, diagnosticsFor } from "./codes.js";

/**
 * The ids the engine's pipeline reports itself, outside the rule families:
 * config files that cannot be read or are missing, backend detection
 * (RL-11), the checks across repositories (RL-1, RL-4) and the notes of what
 * was not checked.
 */
export const ENGINE_REPORTS = [
  "MC-1",
  "RL-1",
  "RL-4",
  "RL-5",
  "RL-6",
  "RL-11",
  "RL-12",
  "RL-20",
  "TR-6",
  "TR-7",
] as const satisfies readonly RuleId[];
export type EngineId = (typeof ENGINE_REPORTS)[number];

/** A diagnostic for one of the engine's own ids. */
export const engineDiagnostic = diagnosticsFor(ENGINE_REPORTS);

/** `--strict`: every warning becomes an error (in place; returns the same array). */
export function applyStrict(diagnostics: Diagnostic[], options: { strict?: boolean }): Diagnostic[] {
  if (!options.strict) return diagnostics;
  for (const d of diagnostics) if (d.severity === "warning") d.severity = "error";
  return diagnostics;
}
