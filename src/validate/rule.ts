import type { RelatedLocation, Severity } from "../diagnostics/diagnostic.js";
import type { MessageValue } from "../textformat/types.js";
import type { ModelFolder } from "../repository/types.js";
import type { Environment } from "./environment.js";
import type { PythonSource } from "./python-source.js";
import type { RuleId } from "./codes.js";
import type { ValidateOptions } from "./types.js";

/** Extra parts of a finding besides its code, path and message. */
export interface ReportExtra {
  hint?: string;
  /** Overrides the catalogue's default severity (for rules whose verdict depends on context). */
  severity?: Severity;
  related?: RelatedLocation[];
  /** A file other than the config the finding is about (relative to the repository root). */
  file?: string;
  /** Position in `file` (a model.py line and column), when the finding is about such a file. */
  at?: { line: number; column: number };
}

/** A finding before the engine gives it a file and a position. */
export interface Finding {
  code: RuleId;
  message: string;
  /** Field path in the config (`input[1].dims[0]`), when the finding is about a field. */
  path?: string;
  extra?: ReportExtra;
}

/** Everything a rule may read about one model. */
export interface RuleContext {
  /**
   * The config Triton validates: the written config after its server-side
   * autofill and normalisation (name, backend, platform, version policy, …).
   */
  readonly config: MessageValue;
  /** The config exactly as written (empty when there is no config file). */
  readonly written: MessageValue;
  /** `config.name` after autofill: what Triton's messages print. */
  readonly name: string;
  readonly options: ValidateOptions;
  readonly env: Environment;
  /** The model's folder when validating a repository. */
  readonly folder?: ModelFolder;
  /** The model's Python source, for Python-backend models whose model.py could be read. */
  readonly python?: PythonSource;
  report(code: RuleId, path: string | undefined, message: string, extra?: ReportExtra): void;
}

/** A family of rules: one function that inspects a model and reports. */
export type RuleFamily = (ctx: RuleContext) => void;

/** Collects findings; the engine turns them into diagnostics. */
export class FindingSink {
  readonly findings: Finding[] = [];
  report(code: RuleId, path: string | undefined, message: string, extra?: ReportExtra): void {
    const finding: Finding = { code, message };
    if (path !== undefined) finding.path = path;
    if (extra !== undefined) finding.extra = extra;
    this.findings.push(finding);
  }
}
