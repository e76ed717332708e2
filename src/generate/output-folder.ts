import { type Stats, existsSync, lstatSync, mkdirSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { describeFsError, errnoCode } from "../fsio/errors.js";
import { acquireLock, isLockBusy, type Lock } from "../fsio/lock.js";
import {
  besideOut,
  CommitError,
  commitTransaction,
  recoverTransaction,
  transactionFolder,
} from "../fsio/transaction.js";
import { GEN_CODES } from "./codes.js";

/**
 * The output folder of one generate run: where it really is, the lock that
 * keeps two runs from writing it at once, and the recovery of what a killed
 * run left. Every problem is a diagnostic naming the folder as the user gave it.
 */

/** How long a run waits for another run on the same folder before it gives up (override: GEN_REPO_LOCK_WAIT_MS). */
const DEFAULT_LOCK_WAIT_MS = 30_000;

function lockWaitMs(): number {
  const text = process.env.GEN_REPO_LOCK_WAIT_MS;
  const value = Number(text);
  return text !== undefined && text !== "" && Number.isFinite(value) && value >= 0 ? value : DEFAULT_LOCK_WAIT_MS;
}

export interface OpenedOutput {
  /** The folder files go to: `--out` with links resolved, so staging sits on the same file system. */
  real: string;
  release(): void;
}

function ioError(display: string, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { code: GEN_CODES.io, severity: "error", message, file: display }
    : { code: GEN_CODES.io, severity: "error", message, file: display, hint };
}

/**
 * Where `out` really is. `--out` that is a link (also to another file system)
 * is followed: the staging folder then goes beside the link's target, so the
 * commit is made of renames on the target's file system.
 */
function realLocation(out: string, display: string): { real: string } | { diagnostic: Diagnostic } {
  let stat: Stats;
  try {
    stat = lstatSync(out);
  } catch (error: unknown) {
    if (errnoCode(error) === "ENOENT") {
      // Not there yet: its parent may be a link; resolve what exists of it.
      try {
        return { real: join(realpathSync(dirname(out)), basename(out)) };
      } catch {
        return { real: out };
      }
    }
    return { diagnostic: ioError(display, `cannot use ${display} as output folder: ${describeFsError(error)}`) };
  }
  let real = out;
  if (stat.isSymbolicLink()) {
    try {
      real = realpathSync(out);
    } catch (error: unknown) {
      return {
        diagnostic: ioError(
          display,
          `cannot use ${display} as output folder: it is a symbolic link that leads nowhere (${describeFsError(error)})`,
          "make the link point at an existing folder, or remove it",
        ),
      };
    }
    stat = lstatSync(real);
  }
  if (!stat.isDirectory())
    return { diagnostic: ioError(display, `cannot use ${display} as output folder: it is not a folder`) };
  return { real };
}

/**
 * Opens `out` for a run: resolves it, takes its lock (waiting for a run in
 * progress), and finishes or undoes what a killed run left. A dry run takes
 * no lock and changes nothing; it only warns about an unfinished transaction.
 */
export function openOutput(
  out: string,
  display: string,
  dryRun: boolean,
): { opened: OpenedOutput; notes: Diagnostic[] } | { diagnostic: Diagnostic } {
  const located = realLocation(out, display);
  if ("diagnostic" in located) return located;
  const real = located.real;
  if (dryRun) {
    const notes: Diagnostic[] = existsSync(transactionFolder(real))
      ? [
          {
            code: GEN_CODES.io,
            severity: "warning",
            message: `an earlier run on ${display} was interrupted; the next gen-repo generate without --dry-run finishes or undoes it first`,
            file: display,
          },
        ]
      : [];
    return { opened: { real, release() {} }, notes };
  }
  let lock: Lock;
  const waitMs = lockWaitMs();
  try {
    mkdirSync(dirname(real), { recursive: true });
    lock = acquireLock(besideOut(real, "lock"), waitMs);
  } catch (error: unknown) {
    if (isLockBusy(error)) {
      return {
        diagnostic: ioError(
          display,
          `another gen-repo generate (${error.owner}) is writing ${display}; gave up waiting after ${Math.round(waitMs / 1000)} s; nothing written`,
          `run again when it has finished; if no such run exists, remove ${error.lockPath}`,
        ),
      };
    }
    return {
      diagnostic: ioError(display, `cannot lock ${display} for writing: ${describeFsError(error)}; nothing written`),
    };
  }
  const notes: Diagnostic[] = [];
  try {
    const recovered = recoverTransaction(real);
    if (recovered === "rolled-back")
      notes.push({
        code: GEN_CODES.io,
        severity: "info",
        message: `an earlier run on ${display} was interrupted while committing; its changes were undone, the previous files are back`,
        file: display,
      });
    if (recovered === "completed")
      notes.push({
        code: GEN_CODES.io,
        severity: "info",
        message: `an earlier run on ${display} was interrupted after committing; its clean-up was finished`,
        file: display,
      });
  } catch (error: unknown) {
    lock.release();
    return {
      diagnostic: ioError(
        display,
        `an earlier run on ${display} was interrupted and what it left cannot be undone: ${describeFsError(error)}; nothing written`,
        `the journal is in ${transactionFolder(real)}; fix the cause (permissions, space) and run again`,
      ),
    };
  }
  return { opened: { real, release: () => lock.release() }, notes };
}

/** Commits a staged tree into `real`; a failure becomes a diagnostic saying what state the folder is in. */
export function commitOutput(
  real: string,
  display: string,
  staging: string,
  files: readonly { path: string }[],
  folders: readonly string[],
): Diagnostic | undefined {
  try {
    commitTransaction(real, staging, files, folders);
    return undefined;
  } catch (error: unknown) {
    if (error instanceof CommitError && !error.rolledBack) {
      return ioError(
        display,
        `cannot write ${display}: ${describeFsError(error.failure)}; restoring the previous files failed too (${describeFsError(error.rollbackError)})`,
        `the journal is in ${transactionFolder(real)}: the next gen-repo generate on ${display} restores them once the cause is fixed`,
      );
    }
    const cause = error instanceof CommitError ? error.failure : error;
    return ioError(
      display,
      `cannot write ${display}: ${describeFsError(cause)}; the previous files were kept as they were, nothing written`,
    );
  }
}
