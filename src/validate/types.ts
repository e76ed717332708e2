import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * What the validator knows of the server that will load the repository.
 * Every field is optional: what is not described is not checked, so a
 * missing option can cost a finding but never produces a false error.
 */
export interface ValidateOptions {
  /**
   * GPU ids usable on the host (`--gpus 0,1`); `[]` for a host without GPUs
   * (`--gpus none`). Undefined means unknown: GPU checks only flag ids that
   * can never exist (negative ones).
   */
  gpus?: readonly number[];
  /** `--model-config-name`: read `<model>/configs/<name>.pbtxt` when it exists. */
  modelConfigName?: string;
  /**
   * The server's backend directory (`--backend-directory`). When given,
   * backends are looked up in it; otherwise the backends of the stock
   * `tritonserver` container image are assumed installed.
   */
  backendDir?: string;
  /** Mirrors `--disable-auto-complete-config` when false. Default true. */
  autoComplete?: boolean;
  /** Turn warnings into errors. */
  strict?: boolean;
  /**
   * As tritonserver `--model-namespacing=true`: models are keyed by
   * (repository, name), so one name may exist in several repositories, and
   * an ensemble's step resolves in the ensemble's own repository first.
   */
  modelNamespacing?: boolean;
  /**
   * Values for `${name}` placeholders of templated configs, substituted into
   * the text before it is read (`--template-vars`). Placeholders left are
   * reported as PB-TEMPLATE.
   */
  templateVars?: Readonly<Record<string, string>>;
  /**
   * The Triton release (`YY.MM`) whose stock image is assumed when no
   * backend directory is given (`--triton-version`); default
   * DEFAULT_TRITON_VERSION.
   */
  tritonVersion?: string;
  /**
   * `--no-model-files`: model binaries (exported or downloaded later) are not
   * looked for; layout, configs and Python model files still are.
   */
  noModelFiles?: boolean;
  /**
   * Name of the model directory (used for `name` autofill and RL-2) when
   * validating a single config; validateRepository takes it from the tree.
   */
  modelName?: string;
  /** File name put in diagnostics for a single config (default `config.pbtxt`). */
  file?: string;
}

/** Counts of a validation run. */
export interface ValidationSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Models validated. */
  models: number;
  /** Repository roots scanned. */
  repositories: number;
  /** The Triton release the run assumed (YY.MM). */
  tritonVersion?: string;
}

/** What validateRepository returns: every finding, sorted, and counts. */
export interface ValidationResult {
  diagnostics: Diagnostic[];
  summary: ValidationSummary;
  /** True when there is no error. */
  ok: boolean;
}

/** Counts diagnostics by severity. */
export function summarize(diagnostics: readonly Diagnostic[], models: number, repositories: number): ValidationSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos, models, repositories };
}
