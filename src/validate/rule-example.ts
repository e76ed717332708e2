import type { ValidateOptions } from "./types.js";

/**
 * The shape of the examples docs/rules.md shows for a rule (see
 * rule-examples.ts and repository-examples.ts).
 */

/** One config.pbtxt, validated with validateConfig under these options (the host's GPUs, the folder's name). */
export interface ConfigExample {
  readonly config: string;
  readonly options?: Pick<ValidateOptions, "gpus" | "modelName">;
}

/**
 * A model repository, validated with validateRepository: `"m/config.pbtxt":
 * "text"` is a file, `"m/1/": null` a directory.
 */
export interface RepositoryExample {
  readonly files: Readonly<Record<string, string | null>>;
  readonly options?: Pick<ValidateOptions, "gpus" | "autoComplete">;
}

/** A config or a repository. */
export type RuleExample = ConfigExample | RepositoryExample;

/**
 * Where the finding of a failing example is, written by reading the example:
 * the file relative to the repository root (`config.pbtxt` for a config
 * example, so it may be left out there), and the 1-based line and column of
 * the field the rule is about. A finding about a folder or a whole file has
 * no line: leave line and column out and the test expects none.
 */
export interface FindingLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * What a failing example must report besides its code: where, and in whose
 * words. Where the registry words the rule (`template`), the message must be
 * one of its wordings (the template, Triton's other messages, our own);
 * `wording` is a piece of the exact message this example expects: required
 * for a rule the registry has no template for, and the way to pin which of a
 * rule's messages the example reaches (MC-51 has one for `<= 0` and one for
 * `> max_batch_size`).
 */
export interface Finding {
  readonly at: FindingLocation;
  readonly wording?: string;
  /** The other codes it reports, when the bound cannot be reached without them (MC-56 beside MC-51 at max_batch_size 0). */
  readonly alsoReports?: readonly string[];
}

/** A failing example and what it reports. */
export type FailingExample = RuleExample & Finding;

/** A config or repository that breaks the rule, and the nearest one that keeps it. */
export interface RuleExampleCase {
  readonly failing: FailingExample;
  readonly passing: RuleExample;
}

/**
 * A boundary pair: the value just refused and the value just allowed
 * (`max_batch_size: 0` against `1`, a count at its limit against one past
 * it), named by what it pins (`label`), so an off-by-one in the rule fails one
 * of the two.
 */
export interface RuleBoundaryPair extends RuleExampleCase {
  readonly label: string;
}

/**
 * The pair docs/rules.md shows, plus the boundary pairs the tests also run
 * (the doc names them but shows only this first pair, to stay readable).
 */
export interface RuleExamplePair extends RuleExampleCase {
  readonly boundary?: readonly RuleBoundaryPair[];
}
