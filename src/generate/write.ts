import {
  type Stats,
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { describeRefusal, readBounded } from "../fsio/bounded-read.js";
import { describeFsError } from "../fsio/errors.js";
import { stagingPrefix } from "../fsio/transaction.js";
import { GEN_CODES } from "./codes.js";
import { markerState } from "./marker.js";
import type { PlannedFile, RepositoryPlan } from "./plan.js";

/**
 * Plan → disk. Nothing is written in place: every file goes to a staging
 * folder beside the output folder (same file system, so a move is a rename),
 * the staged repository is validated, and only then is it committed as one
 * transaction (src/fsio/transaction.ts): the output then holds the whole new
 * set, or the whole old set again. This file decides what to do with each
 * planned file and writes the staged tree; it reads the output folder
 * through the bounded reader and never follows a link inside it.
 */

/** Largest existing file read to compare with a planned one: far above anything generated. */
const MAX_EXISTING_BYTES = 16 * 1024 * 1024;

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

/**
 * Refuses a planned path whose folders inside `out` are symbolic links (a
 * `scripts` committed as a link would send the files elsewhere) or are files:
 * gen-repo writes only inside `out`.
 */
function linkOnTheWay(out: string, path: string, outDisplay: string): (Diagnostic & { file: string }) | undefined {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i += 1) {
    const folder = parts.slice(0, i).join("/");
    let stat: Stats;
    try {
      stat = lstatSync(join(out, folder));
    } catch {
      return undefined; // missing: made as a real folder at commit
    }
    if (stat.isSymbolicLink()) {
      return {
        code: GEN_CODES.io,
        severity: "error",
        message: `cannot write ${path}: ${folder} is a symbolic link inside ${outDisplay}; gen-repo writes only inside the output folder and does not follow links in it`,
        file: folder,
        hint: "replace the link with a real folder, or point --out at a folder without links inside (--out itself may be a link)",
      };
    }
    if (!stat.isDirectory()) {
      return {
        code: GEN_CODES.io,
        severity: "error",
        message: `cannot write ${path}: ${folder} is a file, not a folder`,
        file: folder,
        hint: "move it away",
      };
    }
  }
  return undefined;
}

/** Decides, for each planned file, what to do with what is on disk now. Reads, never writes. */
export function decideActions(
  plan: RepositoryPlan,
  out: string,
  force: boolean,
  outDisplay = out,
): { outcomes: FileOutcome[]; existing: Map<string, string>; diagnostics: Diagnostic[] } {
  const outcomes: FileOutcome[] = [];
  const existing = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const refusedFolders = new Set<string>();
  for (const path of [...plan.files.map((f) => f.path), ...plan.directories.map((d) => `${d}/.`)]) {
    const refusal = linkOnTheWay(out, path, outDisplay);
    // A refusal always names its folder (the type says so), so no fallback is needed for the set.
    if (refusal && !refusedFolders.has(refusal.file)) {
      refusedFolders.add(refusal.file);
      diagnostics.push(refusal);
    }
  }
  for (const file of plan.files) {
    const target = join(out, file.path);
    let stat: Stats;
    try {
      stat = lstatSync(target);
    } catch {
      outcomes.push({ path: file.path, action: "create" });
      continue;
    }
    if (stat.isDirectory()) {
      diagnostics.push({
        code: GEN_CODES.io,
        severity: "error",
        message: `cannot write ${file.path}: a folder of that name is in the way`,
        file: file.path,
      });
      continue;
    }
    // A link where a generated file goes is not ours: never read through it; with --force the link itself is replaced.
    const read = stat.isSymbolicLink() ? undefined : readBounded(target, MAX_EXISTING_BYTES);
    if (read !== undefined && "refused" in read) {
      diagnostics.push({
        code: GEN_CODES.io,
        severity: "error",
        message: `cannot read ${file.path}: ${describeRefusal(read.refused)}`,
        file: file.path,
        hint: "move it away; gen-repo writes a regular file there",
      });
      continue;
    }
    const current = read === undefined ? undefined : read.bytes.toString("utf8");
    if (current !== undefined) existing.set(file.path, current);
    if (current === file.content) {
      outcomes.push({ path: file.path, action: "unchanged" });
      continue;
    }
    // Any state but pristine and edited is handled as foreign, so the literal's value is not observable.
    // Stryker disable next-line StringLiteral: see above
    const state = current === undefined ? "foreign" : markerState(current);
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
  const candidates = [
    "Dockerfile",
    "docker-compose.yml",
    "scripts/test_python_backend.py",
    "scripts/inference_client.py",
  ];
  try {
    for (const model of readdirSync(join(out, repository), { withFileTypes: true })) {
      if (!model.isDirectory()) continue;
      candidates.push(`${repository}/${model.name}/config.pbtxt`, `${repository}/${model.name}/1/model.py`);
    }
  } catch {
    // no repository folder yet: nothing can be stale in it
  }
  // kubernetes/ only when this run writes it: a manifest it no longer lists (hpa.yaml after a switch
  // to KEDA) is stale; the folder left alone by a compose-only run is not.
  if (plan.files.some((f) => f.path.startsWith("kubernetes/"))) {
    try {
      for (const entry of readdirSync(join(out, "kubernetes"), { withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith(".yaml")) candidates.push(`kubernetes/${entry.name}`);
      }
    } catch {
      // no kubernetes folder yet
    }
  }
  const stale: Diagnostic[] = [];
  for (const path of candidates) {
    if (planned.has(path)) continue;
    const target = join(out, path);
    let stat: Stats;
    try {
      stat = lstatSync(target);
    } catch {
      continue; // missing (or under a file named like a folder): nothing stale there
    }
    if (stat.isSymbolicLink()) continue; // never read through a link inside out
    const read = readBounded(target, MAX_EXISTING_BYTES);
    if (!("bytes" in read) || markerState(read.bytes.toString("utf8")) === "foreign") continue;
    stale.push({
      code: GEN_CODES.stale,
      severity: "warning",
      message: `${path} was generated from an earlier spec and is no longer part of it; left in place`,
      file: path,
      hint: path.startsWith(`${repository}/`)
        ? "Triton loads every model folder of the repository: delete the folder if the model is gone for good"
        : "delete it if you no longer need it",
    });
  }
  return stale;
}

/** Writes one staged file and flushes it, so a committed file is never empty after a power cut. */
function writeStagedFile(path: string, content: string, mode: number): void {
  const fd = openSync(path, "wx", mode);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The umask may have narrowed the mode given to open; the rename at commit keeps this one.
  chmodSync(path, mode);
}

/**
 * Writes the tree the output folder will hold (written files with their new
 * content, kept files with their current content) into a new staging folder
 * and returns its path. Dry runs stage in the system temp folder; real runs
 * beside `out` (its real location when it is a link), so the commit is made
 * of renames on one file system. A failure (a full disk) removes what was
 * staged before it throws.
 */
export function stage(
  plan: RepositoryPlan,
  outcomes: readonly FileOutcome[],
  existing: ReadonlyMap<string, string>,
  out: string,
  dryRun: boolean,
): string {
  let prefix: string;
  if (dryRun) prefix = join(tmpdir(), "gen-repo-dry-run-");
  else {
    prefix = stagingPrefix(out);
    // out's parent may be missing too (a first run into a/b/out); the temp folder of a dry run exists.
    mkdirSync(dirname(prefix), { recursive: true });
  }
  const staging = mkdtempSync(prefix);
  try {
    // mkdtemp makes the folder private (0700); it becomes the output folder when there was none.
    chmodSync(staging, 0o755);
    const byPath = new Map<string, PlannedFile>(plan.files.map((f) => [f.path, f]));
    for (const outcome of outcomes) {
      const file = byPath.get(outcome.path);
      if (!file) continue;
      // Kept and unchanged files stage what is on disk (an unchanged file's text there is the planned text);
      // a kept link was not read, and stages the planned text, which the commit does not move.
      const content = writes(outcome.action) ? file.content : (existing.get(outcome.path) ?? file.content);
      const target = join(staging, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeStagedFile(target, content, file.executable ? 0o755 : 0o644);
    }
    for (const dir of plan.directories) mkdirSync(join(staging, dir), { recursive: true });
  } catch (error: unknown) {
    removeStaging(staging);
    throw error;
  }
  return staging;
}

/** The files a commit moves into place: those whose action writes them. */
export function filesToCommit(outcomes: readonly FileOutcome[]): { path: string }[] {
  return outcomes.filter((o) => writes(o.action)).map((o) => ({ path: o.path }));
}

/** Removes a staging folder; never throws (a leftover is removed by the next run's recovery). */
export function removeStaging(staging: string): void {
  try {
    rmSync(staging, {
      recursive: true,
      // Stryker disable next-line BooleanLiteral: without force a missing folder throws, which the catch drops
      force: true,
    });
  } catch {
    // best effort
  }
}

export { describeFsError };
