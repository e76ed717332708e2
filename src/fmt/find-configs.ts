import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The files a formatter run covers: each PATH that is a file, and every
 * `config.pbtxt` under each PATH that is a folder. Hidden folders and
 * `node_modules` are skipped, symbolic links to folders are not followed (no
 * cycles), and each folder's entries are visited in name order, so two runs
 * list the same files in the same order. Paths are returned as given (joined
 * with what was found under them); relative ones are read from `cwd`.
 */
export function findConfigFiles(paths: readonly string[], cwd = process.cwd()): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(resolve(cwd, path)).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (isDirectory) walk(path, resolve(cwd, path), files);
    else files.push(path);
  }
  return { files, missing };
}

function walk(folder: string, absolute: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      walk(join(folder, entry.name), join(absolute, entry.name), out);
    } else if (entry.name === "config.pbtxt" && (entry.isFile() || entry.isSymbolicLink())) {
      out.push(join(folder, entry.name));
    }
  }
}
