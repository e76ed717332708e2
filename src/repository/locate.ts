import { basename, dirname, resolve } from "node:path";
import { listDirectory, statKind } from "./probe.js";

/** What a command-line path designates: a whole repository, or one model of a repository. */
export interface ValidationTarget {
  /** Absolute path of the repository root. */
  root: string;
  /** The model directory name, when the path designates one model. */
  model?: string;
  /** Set when the path does not exist or is not something we can validate. */
  error?: string;
}

/** Whether `name` reads as a version directory name (a numeric prefix, as Triton's stoll sees it). */
function looksLikeVersion(name: string): boolean {
  return /^\s*[+-]?\d/.test(name);
}

/**
 * Whether a directory looks like a model directory rather than a repository
 * root: it holds config.pbtxt, configs/ or a numbered folder, and none of its
 * folders holds a config.pbtxt of its own (which would make it a repository).
 */
export function isModelDirectory(path: string): boolean {
  const listing = listDirectory(path);
  const dirs = listing.entries.filter((e) => e.kind === "directory");
  if (dirs.some((d) => statKind(`${path}/${d.name}/config.pbtxt`).kind === "file")) return false;
  return listing.entries.some((e) => (e.name === "config.pbtxt" && e.kind === "file") || (e.kind === "directory" && (/^\d+$/.test(e.name) || e.name === "configs")));
}

/**
 * Works out what a path given to `gen-repo validate` designates:
 * - a repository root (a directory of model directories);
 * - a model directory (it holds config.pbtxt, configs/ or version folders);
 * - a file inside a model (config.pbtxt, configs/x.pbtxt, 1/model.py, …):
 *   the model it belongs to, found by walking up to the directory that holds
 *   config.pbtxt, or else the parent of a version folder.
 */
export function locateTarget(inputPath: string): ValidationTarget {
  const path = resolve(inputPath);
  const kind = statKind(path);
  if (kind.kind === "broken") return { root: path, error: `no such file or directory: ${inputPath}` };
  if (kind.kind === "directory") {
    if (isModelDirectory(path)) return { root: dirname(path), model: basename(path) };
    return { root: path };
  }
  // A file: walk up from its folder to the model directory.
  let dir = dirname(path);
  for (let depth = 0; depth < 3; depth++) {
    const parent = dirname(dir);
    if (parent === dir) break;
    const name = basename(dir);
    if (statKind(`${dir}/config.pbtxt`).kind === "file") return { root: parent, model: name };
    if (name === "configs" || name === "warmup" || name === "initial_state" || looksLikeVersion(name)) {
      dir = parent;
      continue;
    }
    return { root: parent, model: name };
  }
  return { root: dirname(path), error: `cannot tell which model '${inputPath}' belongs to` };
}
