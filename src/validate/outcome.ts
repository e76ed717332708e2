import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { MessageValue, SourceInfo } from "../pbtxt/types.js";
import { ruleInfo } from "./codes.js";
import type { LoadTimeCompletion } from "../effective/index.js";
import type { Finding } from "./rule.js";

/**
 * What validating one model leaves for the checks across models, and how
 * findings become diagnostics: catalogue severity, file, and a position
 * from the reader's source map.
 */

/** What validating one model produced, kept for the repository-level checks. */
export interface ModelOutcome {
  /** Directory name. */
  dirName: string;
  /** Config name after autofill. */
  name: string;
  /** The config after server-side autofill and normalisation, instance groups included. */
  config: MessageValue;
  /** What backend auto-complete makes of the config at load time, as far as it is known (ensembles read their steps through it). */
  completion?: LoadTimeCompletion;
  /** Index of the repository root the model is in (the order of the roots given). */
  repository?: number;
  /** Set when `--no-model-files` left out a finding about this model's files. */
  modelFilesSkipped?: boolean;
  /** Versions the policy selects. */
  versions: number[];
  /** The first error, as Triton would report it (undefined when the model loads as far as we can tell). */
  firstError: string | undefined;
  /** Whether the config could be read at all. */
  parsed: boolean;
  file: string;
  /** Positions of the config's fields; the reader computes them only when a finding first asks. */
  source: SourceInfo | undefined;
  diagnostics: Diagnostic[];
}

/** Turns findings into diagnostics: catalogue severity, file, and a position from the reader's source map. */
export function toDiagnostics(
  findings: readonly Finding[],
  file: string,
  source: SourceInfo | undefined,
): Diagnostic[] {
  if (findings.length === 0) return [];
  return findings.map((f) => {
    const extra = f.extra ?? {};
    const d: Diagnostic = {
      code: f.code,
      severity: extra.severity ?? ruleInfo(f.code).severity,
      message: f.message,
      file: extra.file ?? file,
    };
    if (f.path !== undefined && extra.file === undefined && source) {
      const where = locate(source, f.path);
      if (where) {
        d.line = where.line;
        d.column = where.column;
      }
      d.path = f.path;
    } else if (f.path !== undefined) d.path = f.path;
    if (extra.file !== undefined && extra.at !== undefined) {
      d.line = extra.at.line;
      d.column = extra.at.column;
    }
    if (extra.hint !== undefined) d.hint = extra.hint;
    if (extra.related !== undefined) d.related = extra.related;
    return d;
  });
}

/** Position of a path, or of its nearest written ancestor (a defaulted field has no position of its own). */
function locate(source: SourceInfo, path: string): { line: number; column: number } | undefined {
  let p = path;
  for (;;) {
    const where = source.locate(p);
    if (where) return where;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}
