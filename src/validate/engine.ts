import { join } from "node:path";
import { type Diagnostic, compareDiagnostics } from "../diagnostics/diagnostic.js";
import type { ModelConfig } from "../../generated/model-config.js";
import { scanRepository } from "../repository/scan.js";
import type { ModelFolder, RepositoryTree } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { applyStrict } from "./engine-reports.js";
import { type Environment, environmentFrom } from "./environment.js";
import { validateModel } from "./model-pipeline.js";
import type { ModelOutcome } from "./outcome.js";
import {
  duplicateNameDiagnostic,
  isEnsembleOutcome,
  isToolDirectory,
  lookupInNamespaces,
  namesInSeveralTrees,
  noModelFilesSummary,
  toolDirectoryDiagnostic,
} from "./repository-roots.js";
import { checkEnsembleRepository, lookupByName } from "./rules/ensemble-repository.js";
import { type ValidateOptions, type ValidationResult, summarize } from "./types.js";

/**
 * The validator's entry points. They orchestrate only: scan → one model
 * pipeline per model (model-pipeline.ts: effective config, rule families) →
 * the checks across models (ensembles, unique names) → the sorted report.
 */

export { ENGINE_REPORTS } from "./engine-reports.js";

/**
 * Validates one config on its own: syntax, then every rule decidable from
 * the config alone (no layout, no other models). Accepts the text of a
 * config.pbtxt, a typed `ModelConfig` (from the builders or `fromPbtxt`) or
 * an already-read message. Returns the diagnostics sorted; never throws for
 * any input.
 */
export function validateConfig(
  config: string | ModelConfig | MessageValue,
  options: ValidateOptions = {},
): Diagnostic[] {
  const input = {
    kind: "config",
    config: config as string | MessageValue,
    file: options.file ?? "config.pbtxt",
  } as const;
  return validateModel(input, options, environmentFrom(options)).diagnostics.sort(compareDiagnostics);
}

/** Validates one model folder of a scanned repository (stages S0 to S9 of Triton's pipeline). */
export function validateModelFolder(folder: ModelFolder, options: ValidateOptions, env: Environment): ModelOutcome {
  return validateModel({ kind: "folder", folder }, options, env);
}

/** What validateRepository reads and reports besides the options of a server. */
export interface RepositorySelection {
  /** Report only these model directory names. */
  only?: ReadonlySet<string>;
  /**
   * The configuration file to validate for a model instead of the one Triton
   * picks, by model directory name, relative to the model directory
   * (`configs/prod.pbtxt`, `ok.pbtxt`): see ScanOptions.configFiles.
   */
  configFiles?: ReadonlyMap<string, string>;
}

/**
 * Validates whole repositories: every model of every root, then the checks
 * across models (ensembles, unique names). `roots` is one repository root
 * or several (Triton's repeated `--model-repository`). `only` restricts the
 * reported models to these directory names (the other models are still
 * read, as ensembles need them). Never throws for any tree.
 */
export function validateRepository(
  roots: string | readonly string[],
  options: ValidateOptions & RepositorySelection = {},
): ValidationResult {
  const list = typeof roots === "string" ? [roots] : [...roots];
  const env = environmentFrom(options);
  const scanOptions = {
    ...(options.modelConfigName !== undefined ? { modelConfigName: options.modelConfigName } : {}),
    ...(options.configFiles !== undefined ? { configFiles: options.configFiles } : {}),
  };
  const trees: RepositoryTree[] = list.map((root) => scanRepository(root, scanOptions));
  const wanted = (name: string): boolean => options.only === undefined || options.only.has(name);
  // With several roots, every reported file is named from its root.
  const placeIn =
    (root: string) =>
    (d: Diagnostic): Diagnostic =>
      trees.length > 1 && d.file !== undefined ? { ...d, file: join(root, d.file) } : d;
  const diagnostics: Diagnostic[] = [];
  const outcomes = new Map<string, ModelOutcome>();
  // Which root each model belongs to, by model key (the model directory name, or `index/name` with namespacing).
  const rootOf = new Map<string, string>();
  const namespacing = options.modelNamespacing === true;
  const duplicates = namespacing ? new Set<string>() : namesInSeveralTrees(trees);
  let models = 0;
  trees.forEach((tree, index) => {
    const place = placeIn(tree.root);
    // The scan's notes about the whole root (file ".") keep that name.
    const treeDiagnostics = tree.diagnostics.filter(
      (d) => wanted((d.file ?? "").split("/")[0] ?? "") || d.file === ".",
    );
    diagnostics.push(...treeDiagnostics.map((d) => (d.file === "." ? d : place(d))));
    for (const folder of tree.models) {
      if (duplicates.has(folder.name)) {
        // model_repository_manager drops every copy of a name found in two repositories: neither loads.
        diagnostics.push(place(duplicateNameDiagnostic(folder, trees, index)));
        continue;
      }
      if (isToolDirectory(folder.name)) {
        if (wanted(folder.name)) diagnostics.push(place(toolDirectoryDiagnostic(folder)));
        continue;
      }
      const outcome = validateModelFolder(folder, options, env);
      outcome.repository = index;
      const key = namespacing ? `${index}/${folder.name}` : folder.name;
      outcomes.set(key, outcome);
      rootOf.set(key, tree.root);
      if (wanted(folder.name)) {
        models++;
        diagnostics.push(...outcome.diagnostics.map(place));
      }
    }
  });
  const lookup = namespacing ? lookupInNamespaces(outcomes) : lookupByName(outcomes);
  for (const [key, outcome] of outcomes) {
    if (!isEnsembleOutcome(outcome)) continue;
    const place = placeIn(rootOf.get(key) as string);
    for (const d of checkEnsembleRepository(new Map([[key, outcome]]), options, lookup))
      if (wanted((d.file ?? "").split("/")[0] ?? "")) diagnostics.push(place(d));
  }
  if (options.noModelFiles) {
    const skipped = [...outcomes.values()]
      .filter((o) => o.modelFilesSkipped && wanted(o.dirName))
      .map((o) => o.dirName);
    if (skipped.length > 0) diagnostics.push(noModelFilesSummary(skipped));
  }
  const sorted = applyStrict(diagnostics, options).sort(compareDiagnostics);
  const summary = { ...summarize(sorted, models, trees.length), tritonVersion: env.tritonVersion };
  return { diagnostics: sorted, summary, ok: summary.errors === 0 };
}
