import { isAbsolute, join, resolve } from "node:path";
import { compareDiagnostics, hasErrors, type Diagnostic, type RelatedLocation } from "../diagnostics/diagnostic.js";
import { validateRepository } from "../validate/index.js";
import { GEN_CODES } from "./codes.js";
import { DEFAULTS, deploymentGpus } from "./defaults.js";
import { type Device, specForDevice } from "./device.js";
import { checkSpecValue, type LoadedSpec } from "./load-spec.js";
import { type DeploymentTarget, planRepository } from "./plan.js";
import type { RepoSpec } from "./spec.js";
import { parsePath } from "../pbtxt/positions.js";
import { formatSpecPath, specPathOfConfigField, type SpecPathSegment, type SpecSource } from "./spec-source.js";
import { openOutput, commitOutput } from "./output-folder.js";
import {
  decideActions,
  describeFsError,
  filesToCommit,
  findStale,
  removeStaging,
  stage,
  type FileOutcome,
} from "./write.js";

export interface GenerateOptions {
  /** Output folder: receives `<repository>/`, `docker-compose.yml`, `scripts/`. */
  out: string;
  /** Plan, stage and validate, but change nothing on disk. Default false. */
  dryRun?: boolean;
  /** Replace files edited since they were generated, and files triton-repo did not write. Default false. */
  force?: boolean;
  /** `cpu`: every KIND_GPU instance group as KIND_CPU and no GPU reservation in compose. Default `gpu`, the spec as written. */
  device?: Device;
  /** `kubernetes` writes `kubernetes/` (a kustomize base) instead of docker-compose.yml, `all` both. Default `compose`. */
  target?: DeploymentTarget;
}

export interface GenerateResult {
  /** True when nothing went wrong (warnings, such as kept files, allowed). */
  ok: boolean;
  /** Every planned file and what happened (or, with dryRun, would happen) to it, in plan order. */
  files: FileOutcome[];
  /** Spec problems, kept files, validation findings of the generated repository; sorted. */
  diagnostics: Diagnostic[];
}

function isLoadedSpec(value: unknown): value is LoadedSpec {
  return typeof value === "object" && value !== null && "source" in value && "diagnostics" in value && "spec" in value;
}

/** GPU ids the compose file makes visible, so the validator can check instance_group gpus against them. */
function visibleGpus(spec: RepoSpec): number[] {
  const gpus = deploymentGpus(spec.deployment);
  return "ids" in gpus ? gpus.ids.map((_, i) => i) : Array.from({ length: gpus.count }, (_, i) => i);
}

/** Where in the spec the model of a generated file comes from, as a related location. */
function specOrigin(file: string | undefined, spec: RepoSpec, source: SpecSource): RelatedLocation[] {
  const folder = file?.split("/")[0];
  const index = spec.models.findIndex((m) => m.name === folder);
  const path =
    index >= 0 ? ["models", index] : ["ensembles", (spec.ensembles ?? []).findIndex((e) => e.name === folder)];
  if (path[1] === -1) return [];
  const where = source.locate(path);
  return where
    ? [{ file: source.file, line: where.line, column: where.column, message: `generated from ${formatSpecPath(path)}` }]
    : [];
}

/**
 * A finding in a generated config, moved to the spec line it comes from: the
 * file was never written, the spec is what the user edits. Undefined when
 * the spec has no positions (an object given through the API) or the finding
 * is not about a config field of a spec entry.
 */
function atSpecLine(d: Diagnostic, generated: string, spec: RepoSpec, source: SpecSource): Diagnostic | undefined {
  const folder = d.file?.split("/")[0];
  const field = d.path === undefined ? undefined : parsePath(d.path);
  if (folder === undefined || field === undefined || !/(^|\/)config\.pbtxt$/.test(d.file ?? "")) return undefined;
  const modelIndex = spec.models.findIndex((m) => m.name === folder);
  const ensembleIndex = (spec.ensembles ?? []).findIndex((e) => e.name === folder);
  const entry: SpecPathSegment[] =
    modelIndex >= 0 ? ["models", modelIndex] : ensembleIndex >= 0 ? ["ensembles", ensembleIndex] : [];
  if (entry.length === 0) return undefined;
  const configKeys = new Set(Object.keys((modelIndex >= 0 ? spec.models[modelIndex]?.config : undefined) ?? {}));
  const path = [...entry, ...specPathOfConfigField(field, configKeys)];
  const where = source.locate(path);
  if (where === undefined) return undefined;
  const moved: Diagnostic = {
    ...d,
    file: source.file,
    line: where.line,
    column: where.column,
    path: formatSpecPath(path),
  };
  delete moved.endLine;
  delete moved.endColumn;
  if (d.line !== undefined && d.column !== undefined) {
    moved.related = [
      ...(d.related ?? []),
      { file: generated, line: d.line, column: d.column, message: `${d.path} in the generated config` },
    ];
  }
  return moved;
}

function validateStaged(staging: string, spec: RepoSpec, source: SpecSource): Diagnostic[] {
  const repository = spec.repository ?? DEFAULTS.repository;
  const result = validateRepository(join(staging, repository), { gpus: visibleGpus(spec) });
  return result.diagnostics.map((d) => {
    const generated = d.file === undefined || d.file === "." ? repository : `${repository}/${d.file}`;
    const located: Diagnostic = atSpecLine(d, generated, spec, source) ?? { ...d, file: generated };
    const origin = located.file === generated ? specOrigin(d.file, spec, source) : [];
    if (origin.length > 0) located.related = [...(d.related ?? []), ...origin];
    if (d.severity === "error") {
      located.hint = d.hint
        ? `${d.hint} (the generated repository would not load; nothing was written)`
        : "the generated repository would not load; nothing was written";
    }
    return located;
  });
}

/**
 * Generates a whole model repository and its deployment files from a spec:
 * `<out>/<repository>/<model>/config.pbtxt` and `1/model.py` per model,
 * ensembles, `docker-compose.yml`, an optional `Dockerfile`, and the scripts.
 *
 * `spec` is a spec object (checked here against the schema and the rules) or
 * the result of `loadSpecFile`, whose diagnostics then carry file, line and
 * column. The generated repository is validated before anything is moved
 * into place; validation errors stop the run. Files edited since they were
 * generated are kept unless `force`. Never throws for a bad spec or a file
 * system error: both come back as diagnostics.
 */
export function generateRepository(spec: RepoSpec | LoadedSpec | unknown, options: GenerateOptions): GenerateResult {
  const loaded = isLoadedSpec(spec) ? spec : checkSpecValue(spec);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const done = (files: FileOutcome[]): GenerateResult => ({
    ok: !hasErrors(diagnostics),
    files,
    diagnostics: diagnostics.sort(compareDiagnostics),
  });
  if (!loaded.spec || hasErrors(diagnostics)) return done([]);

  const target = specForDevice(loaded.spec, options.device ?? "gpu");
  const plan = planRepository(target, loaded.source, options.target ?? "compose");
  diagnostics.push(...plan.diagnostics);
  if (hasErrors(diagnostics)) return done([]);

  const out = isAbsolute(options.out) ? options.out : resolve(options.out);
  const dryRun = options.dryRun === true;
  const output = openOutput(out, options.out, dryRun);
  if ("diagnostic" in output) {
    diagnostics.push(output.diagnostic);
    return done([]);
  }
  diagnostics.push(...output.notes);
  const { real, release } = output.opened;
  let staging: string | undefined;
  try {
    const decided = decideActions(plan, real, options.force === true, options.out);
    diagnostics.push(...decided.diagnostics, ...findStale(plan, real, loaded.spec.repository ?? DEFAULTS.repository));
    if (hasErrors(diagnostics)) return done(decided.outcomes);
    try {
      staging = stage(plan, decided.outcomes, decided.existing, real, dryRun);
    } catch (error: unknown) {
      diagnostics.push({
        code: GEN_CODES.io,
        severity: "error",
        message: `cannot stage the files for ${options.out}: ${describeFsError(error)}; nothing written, the staging folder was removed`,
        file: options.out,
      });
      return done(decided.outcomes);
    }
    // Each finding is one diagnostic, at the spec line it comes from; its hint says nothing was written.
    const findings = validateStaged(staging, target, loaded.source);
    diagnostics.push(...findings);
    if (hasErrors(findings)) return done(decided.outcomes);
    if (!dryRun) {
      const failure = commitOutput(real, options.out, staging, filesToCommit(decided.outcomes), plan.directories);
      // Committed, the staged tree is gone; otherwise whatever is left of it is removed below.
      if (failure) diagnostics.push(failure);
    }
    return done(decided.outcomes);
  } finally {
    if (staging !== undefined) removeStaging(staging);
    release();
  }
}
