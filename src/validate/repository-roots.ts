import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ModelFolder, RepositoryTree } from "../repository/types.js";
import { str } from "../config/view.js";
import { engineDiagnostic } from "./engine-reports.js";
import type { ModelOutcome } from "./outcome.js";
import type { StepLookup } from "./rules/ensemble-repository.js";

/**
 * What a repository set decides before and after its models are validated:
 * names found in several roots (RL-4), root directories that are no models
 * (RL-1), how an ensemble finds its steps across roots, and the
 * `--no-model-files` note (RL-12).
 */

/** Model names found in more than one of the repositories (RL-4 without namespacing). */
export function namesInSeveralTrees(trees: readonly RepositoryTree[]): Set<string> {
  const count = new Map<string, number>();
  for (const tree of trees)
    for (const name of new Set(tree.models.map((m) => m.name))) count.set(name, (count.get(name) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([name]) => name));
}

/** RL-4: a model name in several roots, which model_repository_manager drops from every one of them. */
export function duplicateNameDiagnostic(
  folder: ModelFolder,
  trees: readonly RepositoryTree[],
  index: number,
): Diagnostic {
  const others = trees.filter((t, i) => i !== index && t.models.some((m) => m.name === folder.name)).map((t) => t.root);
  return engineDiagnostic("RL-4", {
    severity: "error",
    message: `failed to poll model '${folder.name}': not unique across all model repositories`,
    file: folder.relPath,
    hint: `'${folder.name}' is also in ${others.join(", ")}: neither copy loads (tritonserver --model-namespacing=true, here --model-namespacing, keeps both)`,
  });
}

/** Root directories that are certainly not models, which Triton still tries to load (RL-1). */
export function isToolDirectory(name: string): boolean {
  return name.startsWith(".") || name === "__pycache__" || name === "lost+found";
}

/** RL-1: a tool directory at the root, which Triton loads as a model. */
export function toolDirectoryDiagnostic(folder: ModelFolder): Diagnostic {
  return engineDiagnostic("RL-1", {
    severity: "error",
    message: `directory '${folder.name}' will be loaded as a model by Triton`,
    file: folder.relPath,
    hint: "Triton treats every directory at the repository root as a model, hidden ones too: move it out of the repository",
  });
}

/**
 * `--model-namespacing`: a step name resolves in the ensemble's own
 * repository first, then to the one model of that name elsewhere; a name in
 * several other repositories is ambiguous (model_repository_manager.cc).
 */
export function lookupInNamespaces(outcomes: ReadonlyMap<string, ModelOutcome>): StepLookup {
  const byName = new Map<string, ModelOutcome[]>();
  for (const o of outcomes.values()) byName.set(o.dirName, [...(byName.get(o.dirName) ?? []), o]);
  return (from, model) => {
    const candidates = byName.get(model) ?? [];
    return (
      candidates.find((c) => c.repository === from.repository) ?? (candidates.length === 1 ? candidates[0] : undefined)
    );
  };
}

export function isEnsembleOutcome(outcome: ModelOutcome): boolean {
  return outcome.parsed && str(outcome.config, "platform") === "ensemble";
}

/** The one line `--no-model-files` adds: which models' binaries were not looked for. */
export function noModelFilesSummary(models: readonly string[]): Diagnostic {
  const shown = models.slice(0, 8).join(", ") + (models.length > 8 ? `, and ${models.length - 8} more` : "");
  return engineDiagnostic("RL-12", {
    severity: "info",
    message: `--no-model-files: the model files of ${models.length} model${models.length === 1 ? "" : "s"} were not checked (${shown})`,
    file: ".",
    hint: "check again without --no-model-files once the models are exported or downloaded",
  });
}
