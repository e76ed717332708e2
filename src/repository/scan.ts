import { join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { strerror as describeOsError } from "../fsio/errors.js";
import { diagnosticsFor } from "../validate/codes.js";
import { listDirectory, readListedTextFile } from "./probe.js";
import type { FsEntry, Listing, ModelFolder, RepositoryTree, ScanOptions, TextFile } from "./types.js";

/**
 * Default for ScanOptions.maxConfigBytes. Configs are kilobytes; generated ones with thousands of tensors reach
 * megabytes, and Triton reads them all. Above this a file is surely not a
 * config (a model saved under the wrong name), and reading it is refused.
 */
export const DEFAULT_MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** The ids the scan reports: what cannot be read, and what Triton fails on while polling. */
export const SCAN_REPORTS = ["RL-1", "RL-5", "TR-6", "TR-7"] as const;
const ruleDiagnostic = diagnosticsFor(SCAN_REPORTS);

/** strerror-style text for an error code, as Triton prints it (the table is fsio/errors.ts's). */
export { strerror as describeOsError } from "../fsio/errors.js";

function unreadable(file: string, what: string, code: string): Diagnostic {
  return ruleDiagnostic("TR-6", {
    severity: "error",
    message: `cannot read ${what} '${file}': ${describeOsError(code)}`,
    file,
    hint:
      code === "EACCES" || code === "EPERM"
        ? "make it readable by the user that runs tritonserver"
        : "fix or remove it",
  });
}

function readConfig(folder: string, relBase: string, name: string, maxBytes: number, entry: FsEntry): TextFile {
  const path = join(folder, name);
  // The listing already tells a regular file from the rest: only those are opened, without another stat.
  const read =
    entry.kind === "file"
      ? readListedTextFile(path, maxBytes)
      : entry.kind === "broken"
        ? { error: "missing" }
        : { error: "not-a-file" };
  const file: TextFile = { path, relPath: `${relBase}/${name}` };
  if (read.text !== undefined) file.text = read.text;
  if (read.size !== undefined) file.size = read.size;
  if (read.error !== undefined) file.error = read.error;
  return file;
}

/**
 * Locates and reads a model's configuration file the way Triton does (RL-5):
 * `configs/<name>.pbtxt` when `--model-config-name` is given and that file
 * exists, otherwise `config.pbtxt`. Returns undefined when there is none.
 */
function locateConfig(
  path: string,
  relPath: string,
  entries: FsEntry[],
  subdirs: Map<string, Listing>,
  options: ScanOptions,
): { config: TextFile | undefined; expected: string } {
  const maxBytes = options.maxConfigBytes ?? DEFAULT_MAX_CONFIG_BYTES;
  const chosen = options.configFiles?.get(relPath);
  if (chosen !== undefined) {
    const slash = chosen.indexOf("/");
    const sub = slash === -1 ? undefined : chosen.slice(0, slash);
    const file = slash === -1 ? chosen : chosen.slice(slash + 1);
    const listing =
      sub === undefined ? entries : sub === "configs" && !file.includes("/") ? subdirs.get(sub)?.entries : undefined;
    const entry = listing?.find((e) => e.name === file && e.kind !== "broken");
    if (entry) {
      const dir = sub === undefined ? path : join(path, sub);
      const rel = sub === undefined ? relPath : `${relPath}/${sub}`;
      return { config: readConfig(dir, rel, file, maxBytes, entry), expected: `${rel}/${file}` };
    }
  }
  if (options.modelConfigName !== undefined) {
    const custom = `${options.modelConfigName}.pbtxt`;
    const entry = subdirs.get("configs")?.entries.find((e) => e.name === custom && e.kind !== "broken");
    if (entry)
      return {
        config: readConfig(join(path, "configs"), `${relPath}/configs`, custom, maxBytes, entry),
        expected: `${relPath}/configs/${custom}`,
      };
  }
  const entry = entries.find((e) => e.name === "config.pbtxt");
  if (!entry) return { config: undefined, expected: `${relPath}/config.pbtxt` };
  return { config: readConfig(path, relPath, "config.pbtxt", maxBytes, entry), expected: `${relPath}/config.pbtxt` };
}

/** Scans one model directory: its entries, each subdirectory's entries, and its config text. */
export function scanModelFolder(root: string, name: string, options: ScanOptions = {}): ModelFolder {
  const path = join(root, name);
  const listing = listDirectory(path);
  const subdirs = new Map<string, Listing>();
  for (const entry of listing.entries) {
    if (entry.kind === "directory") subdirs.set(entry.name, listDirectory(join(path, entry.name)));
  }
  const located = locateConfig(path, name, listing.entries, subdirs, options);
  const folder: ModelFolder = {
    name,
    path,
    relPath: name,
    entries: listing.entries,
    subdirs,
    config: located.config,
    configRelPath: located.expected,
  };
  if (listing.error !== undefined) folder.error = listing.error;
  return folder;
}

function folderDiagnostics(folder: ModelFolder, out: Diagnostic[]): void {
  if (folder.error !== undefined) out.push(unreadable(folder.relPath, "model directory", folder.error));
  for (const entry of folder.entries) {
    if (entry.kind === "broken") {
      // Triton stats every entry of a model directory while looking for versions: a link it cannot follow fails the model.
      out.push(
        ruleDiagnostic("RL-1", {
          severity: "error",
          // Triton's words (local.h IsDirectory) name no OS error: the hint says what is wrong with the link.
          message: `failed to stat file ${folder.path}/${entry.name}`,
          file: `${folder.relPath}/${entry.name}`,
          hint:
            entry.error === "ELOOP"
              ? "the symbolic link points at itself through a loop: remove it"
              : "the symbolic link points at nothing: remove it or fix its target",
        }),
      );
    }
  }
  for (const [sub, listing] of folder.subdirs) {
    if (listing.error !== undefined) out.push(unreadable(`${folder.relPath}/${sub}`, "directory", listing.error));
  }
  const config = folder.config;
  if (
    config !== undefined &&
    config.relPath !== `${folder.relPath}/config.pbtxt` &&
    !config.relPath.startsWith(`${folder.relPath}/configs/`)
  ) {
    // A file chosen by the caller (ScanOptions.configFiles) that Triton itself never reads (RL-5).
    out.push(
      ruleDiagnostic("RL-5", {
        severity: "info",
        message: `'${config.relPath}' validated as the configuration of model '${folder.name}', which Triton reads from '${folder.relPath}/config.pbtxt' only`,
        file: config.relPath,
        hint: "Triton reads config.pbtxt, or configs/<name>.pbtxt with --model-config-name: rename the file before deploying it",
      }),
    );
  }
  if (config?.error === "too-large") {
    out.push(
      ruleDiagnostic("TR-7", {
        severity: "error",
        message: `configuration file '${config.relPath}' is ${config.size ?? "?"} bytes, more than the ${DEFAULT_MAX_CONFIG_BYTES} bytes triton-repo reads`,
        file: config.relPath,
        hint: "a model configuration is a few kilobytes: this file is probably not a config.pbtxt",
      }),
    );
  } else if (config?.error !== undefined && config.error !== "missing") {
    out.push(unreadable(config.relPath, "configuration file", config.error));
  }
}

/**
 * Reads a repository root into plain data: every root directory (each one a
 * model candidate for Triton), its entries, its subdirectories' entries and
 * its config text. Never throws; what cannot be read becomes a diagnostic.
 */
export function scanRepository(rootDir: string, options: ScanOptions = {}): RepositoryTree {
  const root = resolve(rootDir);
  const listing = listDirectory(root);
  const diagnostics: Diagnostic[] = [];
  if (listing.error !== undefined) {
    diagnostics.push(
      ruleDiagnostic(listing.error === "ENOENT" || listing.error === "ENOTDIR" ? "RL-5" : "TR-6", {
        severity: "error",
        // Triton's words: a missing root fails the server's start (ModelRepositoryManager::Create stats every
        // root), a file is no directory, and a directory it cannot open fails the poll.
        message:
          listing.error === "ENOENT"
            ? `failed to stat file ${root}`
            : listing.error === "ENOTDIR"
              ? "repository path is not a valid directory"
              : `failed to poll model repository '${root}': failed to open directory ${root}`,
        file: ".",
        hint:
          listing.error === "ENOENT"
            ? "pass the folder given to tritonserver --model-repository"
            : `${describeOsError(listing.error)}: ${listing.error === "ENOTDIR" ? "pass a directory" : "make the repository readable"}`,
      }),
    );
  }
  const models: ModelFolder[] = [];
  for (const entry of listing.entries) {
    if (entry.kind === "broken") {
      // A root entry Triton cannot stat fails the poll of the whole repository (RL-1).
      diagnostics.push(
        ruleDiagnostic("RL-1", {
          severity: "error",
          message: `failed to poll model repository '${root}': failed to stat file ${root}/${entry.name}`,
          file: entry.name,
          hint: `${describeOsError(entry.error ?? "ENOENT")}: no model of this repository loads while this link is broken: remove it or fix its target`,
        }),
      );
      continue;
    }
    if (entry.kind !== "directory") continue;
    if (entry.error === "not-utf8") {
      diagnostics.push(unreadable(entry.name, "model directory", entry.error));
      continue;
    }
    if (options.only && !options.only.has(entry.name)) continue;
    const folder = scanModelFolder(root, entry.name, options);
    folderDiagnostics(folder, diagnostics);
    models.push(folder);
  }
  return { root, rootEntries: listing.entries, models, diagnostics };
}
