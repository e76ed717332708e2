import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { GEN_CODES } from "./codes.js";
import { markerState } from "./marker.js";
import type { PlannedFile, RepositoryPlan } from "./plan.js";

/**
 * Plan → disk. Nothing is written in place: every file goes to a staging
 * folder beside the output folder (same file system, so a move is a rename),
 * the staged repository is validated, and only then are files moved into
 * place, each by one atomic rename. An interrupted run therefore leaves every
 * file either as it was or as generated, never half-written; a run stopped
 * before the moves (the long part: rendering, validation) changes nothing.
 */

/** What happens to one file. */
export type FileAction =
  /** New file. */
  | "create"
  /** Our file, untouched since the last run, with new content. */
  | "update"
  /** Our file, already as it would be written. */
  | "unchanged"
  /** Our file, edited since it was generated: kept (use --force). */
  | "kept-edited"
  /** A file we did not write: kept (use --force). */
  | "kept-foreign"
  /** An edited or foreign file replaced because of --force. */
  | "overwrite";

export interface FileOutcome {
  /** Relative to the output folder, `/` separators. */
  path: string;
  action: FileAction;
}

/** Whether the action writes the file. */
function writes(action: FileAction): boolean {
  return action === "create" || action === "update" || action === "overwrite";
}

/** Decides, for each planned file, what to do with what is on disk now. Reads, never writes. */
export function decideActions(plan: RepositoryPlan, out: string, force: boolean): { outcomes: FileOutcome[]; existing: Map<string, string>; diagnostics: Diagnostic[] } {
  const outcomes: FileOutcome[] = [];
  const existing = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of plan.files) {
    const target = join(out, file.path);
    let stat;
    try {
      stat = lstatSync(target);
    } catch {
      outcomes.push({ path: file.path, action: "create" });
      continue;
    }
    if (stat.isDirectory()) {
      diagnostics.push({ code: GEN_CODES.io, severity: "error", message: `cannot write ${file.path}: a folder of that name is in the way`, file: file.path });
      continue;
    }
    let current: string;
    try {
      current = readFileSync(target, "utf8");
    } catch (error: unknown) {
      diagnostics.push({ code: GEN_CODES.io, severity: "error", message: `cannot read ${file.path}: ${reason(error)}`, file: file.path });
      continue;
    }
    existing.set(file.path, current);
    if (current === file.content) {
      outcomes.push({ path: file.path, action: "unchanged" });
      continue;
    }
    const state = markerState(current);
    if (state === "pristine") {
      outcomes.push({ path: file.path, action: "update" });
    } else if (force) {
      outcomes.push({ path: file.path, action: "overwrite" });
    } else if (state === "edited") {
      outcomes.push({ path: file.path, action: "kept-edited" });
      diagnostics.push({
        code: GEN_CODES.userEdited,
        severity: "warning",
        message: `${file.path} was edited since it was generated; kept as it is`,
        file: file.path,
        hint: "gen-repo generate --force replaces it (your edits are lost); or generate into a scratch folder and merge the new version by hand",
      });
    } else {
      outcomes.push({ path: file.path, action: "kept-foreign" });
      diagnostics.push({
        code: GEN_CODES.notGenerated,
        severity: "warning",
        message: `${file.path} exists and was not written by triton-repo; kept as it is`,
        file: file.path,
        hint: "move it away, or run gen-repo generate --force to replace it",
      });
    }
  }
  return { outcomes, existing, diagnostics };
}

/**
 * Files an earlier run generated that this plan no longer has (a model removed
 * from the spec, Python packages dropped): never deleted, since the user may
 * have edited them, but reported, because Triton loads every model folder.
 */
export function findStale(plan: RepositoryPlan, out: string, repository: string): Diagnostic[] {
  const planned = new Set(plan.files.map((f) => f.path));
  const candidates = ["Dockerfile", "docker-compose.yml", "scripts/test_python_backend.py", "scripts/inference_client.py"];
  try {
    for (const model of readdirSync(join(out, repository), { withFileTypes: true })) {
      if (!model.isDirectory()) continue;
      candidates.push(`${repository}/${model.name}/config.pbtxt`, `${repository}/${model.name}/1/model.py`);
    }
  } catch {
    // no repository folder yet: nothing can be stale in it
  }
  const stale: Diagnostic[] = [];
  for (const path of candidates) {
    if (planned.has(path)) continue;
    let text: string;
    try {
      text = readFileSync(join(out, path), "utf8");
    } catch {
      continue;
    }
    if (markerState(text) === "foreign") continue;
    stale.push({
      code: GEN_CODES.stale,
      severity: "warning",
      message: `${path} was generated from an earlier spec and is no longer part of it; left in place`,
      file: path,
      hint: path.startsWith(`${repository}/`) ? "Triton loads every model folder of the repository: delete the folder if the model is gone for good" : "delete it if you no longer need it",
    });
  }
  return stale;
}

function reason(error: unknown): string {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = error instanceof Error ? error.message : "";
    return `${error.code}${message ? ` (${message.replace(/^[A-Z]+: /, "")})` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes the tree the output folder will hold (written files with their new
 * content, kept files with their current content) into a new staging folder
 * and returns its path. Dry runs stage in the system temp folder; real runs
 * beside `out`, so the final moves are renames on one file system.
 */
export function stage(plan: RepositoryPlan, outcomes: readonly FileOutcome[], existing: ReadonlyMap<string, string>, out: string, dryRun: boolean): string {
  const parent = dryRun ? tmpdir() : dirname(out);
  if (!dryRun) mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(out)}.gen-repo-`));
  // mkdtemp makes the folder private (0700); it becomes the output folder when there was none.
  chmodSync(staging, 0o755);
  const byPath = new Map<string, PlannedFile>(plan.files.map((f) => [f.path, f]));
  for (const outcome of outcomes) {
    const file = byPath.get(outcome.path);
    if (!file) continue;
    const content = writes(outcome.action) || outcome.action === "unchanged" ? file.content : (existing.get(outcome.path) ?? file.content);
    const target = join(staging, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content, { encoding: "utf8", mode: file.executable ? 0o755 : 0o644 });
  }
  for (const dir of plan.directories) mkdirSync(join(staging, dir), { recursive: true });
  return staging;
}

/**
 * Moves the staged files that change into `out`. When `out` does not exist
 * yet, the whole staging folder becomes `out` in one rename.
 */
export function commit(staging: string, plan: RepositoryPlan, outcomes: readonly FileOutcome[], out: string): void {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return;
  }
  if (!statSync(out).isDirectory()) throw new Error(`${out} is not a folder`);
  for (const outcome of outcomes) {
    if (!writes(outcome.action)) continue;
    const target = join(out, outcome.path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, outcome.path), target);
    const file = plan.files.find((f) => f.path === outcome.path);
    // rename keeps the staged mode; chmod covers a umask that stripped the executable bit.
    if (file?.executable) chmodSync(target, 0o755);
  }
  for (const dir of plan.directories) mkdirSync(join(out, dir), { recursive: true });
  removeStaging(staging);
}

/** Removes a staging folder; never throws (a leftover hidden folder is harmless). */
export function removeStaging(staging: string): void {
  try {
    rmSync(staging, { recursive: true, force: true });
  } catch {
    // best effort
  }
}

export { reason as describeFsError };
