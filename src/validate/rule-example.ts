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

/** A config or repository that breaks the rule, and the nearest one that keeps it. */
export interface RuleExamplePair {
  readonly failing: RuleExample;
  readonly passing: RuleExample;
}
