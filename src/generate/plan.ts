import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderTemplate } from "../render/render.js";
import { printConfig } from "../pbtxt/printer.js";
import { GEN_CODES } from "./codes.js";
import { DEFAULTS } from "./defaults.js";
import { addMarker } from "./marker.js";
import { buildEnsembleConfig, buildModelConfig } from "./model-config.js";
import type { RepoSpec } from "./spec.js";
import { specDiagnostic, type SpecSource } from "./spec-source.js";
import { callingConventions, composeView, dockerfileView, modelPyView, scriptsView } from "./views.js";
import { planKubernetes } from "./kubernetes/plan.js";

/** Which deployment files to write: docker-compose (the default), Kubernetes manifests, or both. */
export type DeploymentTarget = "compose" | "kubernetes" | "all";

/** One file the generator writes: path relative to the output folder, `/` separators. */
export interface PlannedFile {
  path: string;
  /** Full content, marker included. */
  content: string;
  /** Scripts are executable. */
  executable: boolean;
}

export interface RepositoryPlan {
  files: PlannedFile[];
  /** Folders that must exist even when empty (an ensemble's version folder). */
  directories: string[];
  diagnostics: Diagnostic[];
}

/** Which model template renders `<model>/1/model.py`. */
const MODEL_TEMPLATES = {
  basic: "model-basic.py",
  stateful: "model-stateful.py",
  decoupled: "model-decoupled.py",
} as const;

function file(path: string, text: string, executable = false): PlannedFile {
  return { path, content: addMarker(text), executable };
}

/** `name==1.2` is pinned; a bare name or a range (`>=`, `~=`) lets each image build pick another release. */
function isPinned(requirement: string): boolean {
  return /===?/.test(requirement);
}

function unpinnedPackages(spec: RepoSpec, source: SpecSource): Diagnostic[] {
  return (spec.deployment?.python_packages ?? []).flatMap((requirement, i) =>
    isPinned(requirement)
      ? []
      : [
          specDiagnostic(
            source,
            GEN_CODES.unpinnedPackage,
            ["deployment", "python_packages", i],
            `Python package "${requirement}" has no pinned version`,
            {
              severity: "warning",
              // Only "key" moves the location, to an entry's key; a list item has none, so any other text is the same.
              // Stryker disable next-line StringLiteral: see above
              at: "value",
              // No `$` after `.*`: the schema's pattern allows no line break in a requirement, so `.*` runs to its end
              // anyway (with `$`, dropping it was a Regex mutant no test could kill).
              hint: `pin it (for example "${requirement.replace(/[<>=!~].*/, "")}==X.Y.Z", the release you tested) so every image build installs the same code`,
            },
          ),
        ],
  );
}

/**
 * Everything a spec turns into, in memory: configs through the builder and
 * the printer, model.py and the deployment files through the templates. Pure:
 * reads no file but the templates, writes nothing. The spec must already have
 * passed `checkSpecValue`.
 */
export function planRepository(
  spec: RepoSpec,
  source: SpecSource,
  target: DeploymentTarget = "compose",
): RepositoryPlan {
  const repository = spec.repository ?? DEFAULTS.repository;
  const files: PlannedFile[] = [];
  const directories: string[] = [];
  const diagnostics: Diagnostic[] = [];

  spec.models.forEach((model, i) => {
    const built = buildModelConfig(model, source, ["models", i]);
    diagnostics.push(...built.diagnostics);
    if (!built.config) return;
    files.push(file(`${repository}/${model.name}/config.pbtxt`, printConfig(built.config)));
    const view = modelPyView(model);
    files.push(file(`${repository}/${model.name}/1/model.py`, renderTemplate(MODEL_TEMPLATES[model.template], view)));
    // model.py becomes the user's; what it needs from the spec lives here, so regeneration keeps it current.
    files.push(file(`${repository}/${model.name}/1/gen_repo_spec.py`, renderTemplate("gen_repo_spec.py", view)));
  });
  const conventions = callingConventions(spec);
  (spec.ensembles ?? []).forEach((ensemble, i) => {
    const built = buildEnsembleConfig(
      ensemble,
      source,
      ["ensembles", i],
      // callingConventions has every ensemble of the spec.
      // Stryker disable next-line OptionalChaining: see above
      conventions.get(ensemble.name)?.decoupled === true,
    );
    diagnostics.push(...built.diagnostics);
    if (!built.config) return;
    files.push(file(`${repository}/${ensemble.name}/config.pbtxt`, printConfig(built.config)));
    // Triton needs a version folder for an ensemble too; it stays empty.
    directories.push(`${repository}/${ensemble.name}/1`);
  });

  if (target !== "kubernetes")
    files.push(file("docker-compose.yml", renderTemplate("docker-compose.yml", composeView(spec))));
  if (target !== "compose") {
    // kubernetes/ goes through the same staging, validation and marker checks as every other file.
    const kubernetes = planKubernetes(spec, source);
    diagnostics.push(...kubernetes.diagnostics);
    for (const manifest of kubernetes.files) files.push(file(manifest.path, manifest.text));
  }
  const docker = dockerfileView(spec);
  if (docker.packages.length > 0) files.push(file("Dockerfile", renderTemplate("Dockerfile", docker)));
  diagnostics.push(...unpinnedPackages(spec, source));
  const scripts = scriptsView(spec);
  if (spec.scripts?.test ?? true)
    files.push(file("scripts/test_python_backend.py", renderTemplate("test_python_backend.py", scripts), true));
  if (spec.scripts?.client ?? true)
    files.push(file("scripts/inference_client.py", renderTemplate("inference_client.py", scripts), true));
  return { files, directories, diagnostics };
}
