import { basename, dirname, resolve } from "node:path";
import { type Listing, RESERVED_MODEL_SUBDIRS } from "./types.js";
import { listDirectory, statKind } from "./probe.js";

/** What a command-line path designates: a whole repository, or one model of a repository. */
export interface ValidationTarget {
  /** Absolute path of the repository root. */
  root: string;
  /** The model directory name, when the path designates one model. */
  model?: string;
  /**
   * The configuration file the path names, relative to the model directory
   * (`configs/prod.pbtxt`, `ok.pbtxt`), when it is not the `config.pbtxt` Triton reads by default.
   */
  config?: string;
  /** Set when the path exists but holds no model: why, for a diagnostic. `root` is then the repository it is in, if any. */
  noModel?: string;
  /** Set when the path does not exist or is not something we can validate. */
  error?: string;
}

/** Whether `name` reads as a version directory name (a numeric prefix, as Triton's stoll sees it). */
function looksLikeVersion(name: string): boolean {
  return /^\s*[+-]?\d/.test(name);
}

/** A plain number: how the versions of a config-less model child are spelt when we decide a folder is a repository. */
function isNumber(name: string): boolean {
  return /^\d+$/.test(name);
}

function hasFile(listing: Listing, name: string): boolean {
  return listing.entries.some((e) => e.name === name && e.kind === "file");
}

/** Whether a folder holds `configs/` with at least one `.pbtxt` file (custom configs of `--model-config-name`). */
function hasCustomConfigs(path: string, listing: Listing): boolean {
  if (!listing.entries.some((e) => e.name === "configs" && e.kind === "directory")) return false;
  return listDirectory(`${path}/configs`).entries.some((e) => e.kind === "file" && e.name.endsWith(".pbtxt"));
}

/** What a directory is: a model directory, a repository root (a folder of model directories), or neither. */
export type DirectoryRole = "model" | "repository" | "other";

/**
 * Tells a model directory from a repository root. A repository holds model
 * directories; a model directory holds version folders, which hold model
 * files. So, in order:
 * 1. a child holding config.pbtxt makes a repository (a version folder never holds one);
 * 2. config.pbtxt or configs/*.pbtxt of its own makes a model;
 * 3. a child holding a numbered folder makes a repository (a config-less model and its versions);
 * 4. a version-like child (`1`, `-1`, `2abc`) makes a model;
 * otherwise it is neither. A numbered child alone proves nothing: a
 * repository may hold models named `2`.
 */
export function classifyDirectory(path: string): DirectoryRole {
  const listing = listDirectory(path);
  const dirs = listing.entries.filter((e) => e.kind === "directory");
  // Children are listed as the checks reach them: in a repository the first model decides, not all of them.
  const children = new Map<string, Listing>();
  const child = (name: string): Listing => {
    let found = children.get(name);
    if (found === undefined) {
      found = listDirectory(`${path}/${name}`);
      children.set(name, found);
    }
    return found;
  };
  // A model's configs/ may hold a config.pbtxt (--model-config-name config): only a versioned `configs` is a model.
  const childIsConfigured = dirs.some((d) => d.name !== "configs" && hasFile(child(d.name), "config.pbtxt"));
  if (childIsConfigured) return "repository";
  if (hasFile(listing, "config.pbtxt") || hasCustomConfigs(path, listing)) return "model";
  const childHasVersions = dirs.some((d) =>
    child(d.name).entries.some((e) => e.kind === "directory" && isNumber(e.name)),
  );
  if (childHasVersions) return "repository";
  if (dirs.some((d) => looksLikeVersion(d.name))) return "model";
  return "other";
}

/**
 * The nearest model directory at or above `dir` (three levels up at most),
 * or undefined. The walk stops at a repository root: models lie below it.
 */
function enclosingModel(dir: string): string | undefined {
  let current = dir;
  for (let depth = 0; depth < 3; depth++) {
    const parent = dirname(current);
    if (parent === current) return undefined;
    const role = classifyDirectory(current);
    if (role === "model") return current;
    if (role === "repository") return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * Works out what a path given to `gen-repo validate` designates:
 * - a repository root (a directory of model directories);
 * - a model directory (it holds config.pbtxt, configs/ or version folders);
 * - a folder inside a model (a version folder, configs/, warmup/): that model;
 * - a file inside a model (config.pbtxt, 1/model.py, …): the model it belongs
 *   to. A configuration file Triton would not read by default names the
 *   config to validate: `configs/NAME.pbtxt` (as `--model-config-name NAME`
 *   reads it) or another `.pbtxt` file directly in the model directory;
 * - anything else holds no model, which `noModel` says.
 */
export function locateTarget(inputPath: string): ValidationTarget {
  const path = resolve(inputPath);
  const kind = statKind(path);
  if (kind.kind === "broken") return { root: path, error: `no such file or directory: ${inputPath}` };
  if (kind.kind === "directory") {
    const role = classifyDirectory(path);
    if (role === "model") return { root: dirname(path), model: basename(path) };
    if (role === "repository") return { root: path };
    const above = enclosingModel(dirname(path));
    if (above !== undefined) return { root: dirname(above), model: basename(above) };
    const listing = listDirectory(path);
    if (listing.entries.some((e) => e.kind === "directory")) return { root: path };
    return { root: path, noModel: `no model found under '${inputPath}': it holds no model directory` };
  }
  const dir = dirname(path);
  if (classifyDirectory(dir) === "repository") {
    return {
      root: dir,
      noModel: `'${inputPath}' is not inside a model directory: Triton ignores files at the repository root`,
    };
  }
  const modelDir = enclosingModel(dir);
  if (modelDir !== undefined) {
    const target: ValidationTarget = { root: dirname(modelDir), model: basename(modelDir) };
    const name = basename(path);
    if (name.endsWith(".pbtxt")) {
      if (dir === modelDir && name !== "config.pbtxt") target.config = name;
      else if (dir === `${modelDir}/configs`) target.config = `configs/${name}`;
    }
    return target;
  }
  // No folder above looks like a model: take the first one that is not a version or reserved folder.
  let current = dir;
  for (let depth = 0; depth < 3; depth++) {
    const parent = dirname(current);
    if (parent === current) break;
    const name = basename(current);
    if (RESERVED_MODEL_SUBDIRS.has(name) || looksLikeVersion(name)) {
      current = parent;
      continue;
    }
    const target: ValidationTarget = { root: parent, model: name };
    const file = basename(path);
    if (current === dir && file.endsWith(".pbtxt") && file !== "config.pbtxt") target.config = file;
    return target;
  }
  return { root: dirname(path), error: `cannot tell which model '${inputPath}' belongs to` };
}
