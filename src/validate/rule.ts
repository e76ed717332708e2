import type { RelatedLocation, Severity } from "../diagnostics/diagnostic.js";
import type { MessageValue } from "../pbtxt/types.js";
import type { ModelFolder } from "../repository/types.js";
import type { Environment } from "./environment.js";
import type { PythonSource } from "../python/source.js";
import type { RuleId } from "./codes.js";
import type { ValidateOptions } from "./types.js";
import type { VersionScan, VersionSelection } from "./versions.js";

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

/**
 * Everything a rule may read about one model. `Id` is the ids its family
 * declares: reporting any other does not compile (`report` is a property,
 * not a method, so its parameter is checked strictly).
 */
export interface RuleContext<Id extends RuleId = RuleId> {
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
  /** The folder's version directories and the ones the policy selects, when validating a repository. */
  readonly versions?: { readonly scan: VersionScan; readonly selection: VersionSelection };
  /** The directory name the config's name must equal (RL-2): the folder's, or the one a lone config is given. */
  readonly directory?: string;
  readonly report: (code: Id, path: string | undefined, message: string, extra?: ReportExtra) => void;
}

/**
 * A family of rules: its name, the ids it reports, and one function that
 * inspects a model through a context that accepts only those ids. Every
 * family has this one shape; the engine runs them from one list.
 */
export interface RuleFamily<Id extends RuleId = RuleId> {
  readonly name: string;
  readonly reports: readonly Id[];
  readonly check: (ctx: RuleContext<Id>) => void;
}

/** Declares a family; `reports` fixes the ids its check may report. */
export function ruleFamily<const Id extends RuleId>(
  name: string,
  reports: readonly Id[],
  check: (ctx: RuleContext<Id>) => void,
): RuleFamily {
  return { name, reports, check };
}

/** Collects findings; the engine turns them into diagnostics. `Id` narrows what its owner may report. */
export class FindingSink<Id extends RuleId = RuleId> {
  readonly findings: Finding[] = [];
  report(code: Id, path: string | undefined, message: string, extra?: ReportExtra): void {
    const finding: Finding = { code, message };
    if (path !== undefined) finding.path = path;
    if (extra !== undefined) finding.extra = extra;
    this.findings.push(finding);
  }
}
