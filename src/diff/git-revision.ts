import { spawnSync } from "node:child_process";
import { basename, dirname } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * The text of a file at a git revision: `git show REV:./NAME`, run in the
 * file's own folder so that the path is taken relative to it, whatever the
 * repository's root and the caller's working folder. Problems (not a git
 * repository, unknown revision, file absent at that revision, git missing)
 * come back as a diagnostic quoting git's own message.
 */
export function readAtRevision(
  path: string,
  revision: string,
  display = path,
): { text: string } | { diagnostic: Diagnostic } {
  const label = `${display}@${revision}`;
  if (revision === "" || revision.startsWith("-")) {
    return {
      diagnostic: {
        code: "PB-INPUT",
        severity: "error",
        message: `cannot read ${label}: "${revision}" is not a revision`,
        file: display,
      },
    };
  }
  const result = spawnSync("git", ["show", `${revision}:./${basename(path)}`], {
    cwd: dirname(path),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (result.error) {
    return {
      diagnostic: {
        code: "PB-INPUT",
        severity: "error",
        message: `cannot read ${label}: git could not run (${result.error.message})`,
        file: display,
      },
    };
  }
  if (result.status !== 0) {
    const reason =
      result.stderr.split("\n").find((line) => line.trim() !== "") ?? `git exited with status ${result.status}`;
    return {
      diagnostic: {
        code: "PB-INPUT",
        severity: "error",
        message: `cannot read ${label}: ${reason.replace(/^fatal: /, "")}`,
        file: display,
        hint: "the file must be tracked by git at that revision; try a commit, a branch or HEAD~1",
      },
    };
  }
  return { text: result.stdout };
}
