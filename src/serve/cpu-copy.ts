/**
 * `gen-repo serve --device cpu` on a repository written for GPUs: Triton
 * refuses a KIND_GPU group on a host without a usable GPU ("specifies invalid
 * or unsupported gpu id"), so it is given a copy in a temporary folder where
 * every KIND_GPU group is KIND_CPU. The user's files are never changed. The
 * copy is made of symbolic links (model.py, weights, version folders; links
 * in the user's repository are followed, as Triton follows them), so
 * edits to model.py show on the next start, and only a rewritten config.pbtxt
 * is a real file; the rewrite keeps every other line and comment as written
 * (editPbtxt), so Triton's line numbers still fit the user's file.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { editPbtxt } from "../formatter/edit.js";
import type { MessageValue } from "../pbtxt/types.js";

export interface CpuCopy {
  /** The folder to give Triton. */
  root: string;
  /** Models whose config.pbtxt had KIND_GPU groups, rewritten in the copy. */
  rewritten: string[];
  /** Removes the copy (never the user's files: only links and rewritten configs live there). */
  remove(): void;
}

/** The config with every KIND_GPU group as KIND_CPU and their `gpus` dropped (Triton refuses GPUs on a CPU group); undefined when it has none. */
function cpuConfigText(text: string, file: string): string | undefined {
  if (!text.includes("KIND_GPU")) return undefined;
  let changed = false;
  const edited = editPbtxt(
    text,
    (config: MessageValue) => {
      const groups = config.instance_group;
      if (!Array.isArray(groups)) return;
      for (const group of groups as MessageValue[]) {
        if (group.kind !== "KIND_GPU") continue;
        group.kind = "KIND_CPU";
        delete group.gpus;
        changed = true;
      }
    },
    { file },
  );
  // A config that does not parse is served as written: Triton then reports the syntax error at its own position.
  return edited.ok && changed ? edited.text : undefined;
}

/** Makes the CPU copy of `repository` (an existing folder). */
export function makeCpuCopy(repositoryPath: string): CpuCopy {
  // Links are read from the folder they live in: their targets must be absolute.
  const repository = resolve(repositoryPath);
  const root = mkdtempSync(join(tmpdir(), "gen-repo-serve-cpu-"));
  const rewritten: string[] = [];
  try {
    for (const entry of readdirSync(repository, { withFileTypes: true })) {
      const source = join(repository, entry.name);
      const config = join(source, "config.pbtxt");
      const cpuText =
        isFolder(source) && isFile(config) ? cpuConfigText(readFileSync(config, "utf8"), config) : undefined;
      if (cpuText === undefined) {
        symlinkSync(source, join(root, entry.name));
        continue;
      }
      mkdirSync(join(root, entry.name));
      for (const inner of readdirSync(source)) {
        if (inner !== "config.pbtxt") symlinkSync(join(source, inner), join(root, entry.name, inner));
      }
      writeFileSync(join(root, entry.name, "config.pbtxt"), cpuText);
      rewritten.push(entry.name);
    }
  } catch (error: unknown) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { root, rewritten, remove: () => rmSync(root, { recursive: true, force: true }) };
}

// Both follow links, as Triton does: a model folder or a config.pbtxt may be a link to one kept elsewhere.
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
