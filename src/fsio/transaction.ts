import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { errnoCode } from "./errors.js";
import { faultPoint } from "./fault.js";

/**
 * Replaces a set of files inside a folder as one transaction: after it, the
 * folder holds the whole new set or, if anything failed or the process was
 * killed, the whole old set again (after the next run's recovery), byte for
 * byte. Files not in the set are never touched.
 *
 * Everything lives beside the output folder `OUT`, in its parent, so every
 * move is a rename within one file system:
 *
 *   .OUT.gen-repo-stage-XXXXXX/   a staged tree being written (not yet committed)
 *   .OUT.gen-repo-txn/            a transaction being committed:
 *       new/PATH                    staged files not yet moved in
 *       old/PATH                    files of OUT set aside, not yet restored
 *       journal.json                the files and folders of the transaction
 *       committed                   present once every file is in place
 *
 * The commit: move the staged tree to txn/new, write the journal (flushed),
 * make the missing folders, then for each file set the old one aside into
 * txn/old and move the new one in; flush; write `committed`; remove txn.
 * Recovery (at the start of the next run, and in process on any failure):
 * `committed` present → only the clean-up was missing: remove txn. Journal
 * without `committed` → undo: every file in txn/old goes back (one rename,
 * replacing the new file if it was moved in), every new file that had no old
 * one is removed, the folders made are removed if empty. No journal → nothing
 * in OUT was touched yet: remove txn. Each recovery step can be repeated, so
 * a recovery that is itself killed is finished by the next one.
 */

/** One file of a transaction. */
export interface TransactionFile {
  /** Relative to the output folder, `/` separators. */
  path: string;
}

interface Journal {
  version: 1;
  /** Files in commit order, and whether an old file was there to set aside. */
  files: { path: string; replaces: boolean }[];
  /** Folders the commit made in OUT, parents first. */
  folders: string[];
}

/** A path beside `out`, in its parent folder: `.OUT.gen-repo-<suffix>`. */
export function besideOut(out: string, suffix: string): string {
  return join(dirname(out), `.${basename(out)}.gen-repo-${suffix}`);
}

const STAGE_PREFIX = "stage-";

/** The folder a transaction on `out` commits through. */
export function transactionFolder(out: string): string {
  return besideOut(out, "txn");
}

/** Flushes a folder's entries (renames into it) to disk; a file system that cannot is left as it is. */
function fsyncFolder(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems (and all of Windows) refuse fsync on a folder; the renames still happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a small file durably: written, flushed, then its folder flushed.
 * `writeFileSync` on a descriptor loops until every byte is written, where one
 * `writeSync` may store only part of it on a nearly full disk and still succeed.
 */
function writeDurably(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncFolder(dirname(path));
}

function isMissing(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

function readJournal(txn: string): Journal | undefined {
  let text: string;
  // Its own line, so the disable comment below covers the encoding only.
  const path = join(txn, "journal.json");
  try {
    // Without the encoding readFileSync gives a Buffer, which JSON.parse turns into text as UTF-8 all the same.
    // Stryker disable next-line StringLiteral: see above
    text = readFileSync(path, "utf8");
  } catch (error: unknown) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  // The journal is renamed into place whole, so it is complete when present.
  return JSON.parse(text) as Journal;
}

/** What recovery found and did. */
export type RecoveryOutcome = "none" | "removed-staging" | "completed" | "rolled-back";

/**
 * Finishes or undoes whatever an earlier run left for `out`: a transaction
 * (see above) and staging folders. Call it holding the lock on `out`, so
 * nothing it finds belongs to a run still going. Throws when a step fails;
 * calling it again continues where it stopped.
 */
export function recoverTransaction(out: string): RecoveryOutcome {
  let outcome: RecoveryOutcome = "none";
  const txn = transactionFolder(out);
  if (existsSync(txn)) {
    const journal = readJournal(txn);
    if (journal === undefined) {
      outcome = "removed-staging";
    } else if (existsSync(join(txn, "committed"))) {
      outcome = "completed";
    } else {
      rollBack(out, txn, journal);
      outcome = "rolled-back";
    }
    faultPoint("remove what the interrupted run left");
    rmSync(txn, {
      recursive: true,
      // Stryker disable next-line BooleanLiteral: txn was just seen to exist, and force only silences a missing path
      force: true,
    });
  }
  const parent = dirname(out);
  const prefix = `.${basename(out)}.gen-repo-${STAGE_PREFIX}`;
  // Kept only when the parent is missing, and no made-up name in it starts with the prefix.
  // Stryker disable next-line ArrayDeclaration: see above
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    // No parent folder: nothing can be left in it.
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    rmSync(join(parent, name), {
      recursive: true,
      // Stryker disable next-line BooleanLiteral: readdir just listed the name, and force only silences a missing path
      force: true,
    });
    if (outcome === "none") outcome = "removed-staging";
  }
  return outcome;
}

/** Whether a directory entry exists, a link counted as itself (existsSync follows it). */
function entryExists(path: string): boolean {
  // `return true` after the try, not inside it: emptied, this catch then answers true for a missing entry, which
  // the commit tests see (inside the try, an emptied catch returned undefined, which every caller read as false).
  try {
    lstatSync(path);
  } catch {
    return false;
  }
  return true;
}

/** rmdir's "folder not empty": ENOTEMPTY, or EEXIST, which POSIX allows too (Solaris, AIX). */
const NOT_EMPTY = new Set([
  "ENOTEMPTY",
  // Stryker disable next-line StringLiteral: Linux and macOS never answer EEXIST here, so no test can tell
  "EEXIST",
]);

function rollBack(out: string, txn: string, journal: Journal): void {
  for (const file of [...journal.files].reverse()) {
    const target = join(out, file.path);
    if (file.replaces) {
      // Set aside and not yet restored: back it goes, over the new file if that was moved in.
      if (entryExists(join(txn, "old", file.path))) {
        faultPoint(`put ${file.path} back`);
        renameSync(join(txn, "old", file.path), target);
      }
    } else if (!existsSync(join(txn, "new", file.path))) {
      // Moved in (it is no longer staged) and there was nothing before it: remove it.
      faultPoint(`remove ${file.path}`);
      try {
        unlinkSync(target);
      } catch (error: unknown) {
        if (!isMissing(error)) throw error;
      }
    }
  }
  for (const folder of [...journal.folders].reverse()) {
    faultPoint(`remove the folder ${folder}`);
    try {
      rmdirSync(join(out, folder));
    } catch (error: unknown) {
      // Not empty: someone put a file there meanwhile, which stays.
      if (!isMissing(error) && !NOT_EMPTY.has(errnoCode(error))) throw error;
    }
  }
  fsyncFolder(out);
}

/** A new staging folder beside `out` (same file system as `out`'s real location). */
export function stagingPrefix(out: string): string {
  return besideOut(out, STAGE_PREFIX);
}

/** Every folder the files and `extraFolders` need inside `out` that does not exist yet, parents first. */
function missingFolders(out: string, files: readonly TransactionFile[], extraFolders: readonly string[]): string[] {
  const wanted: string[] = [];
  const seen = new Set<string>();
  const add = (folder: string) => {
    const parts = folder.split("/");
    for (let i = 1; i <= parts.length; i += 1) {
      const prefix = parts.slice(0, i).join("/");
      // "" and "." (a file at the top of out) name out itself, which exists, so existsSync leaves them out.
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      if (!existsSync(join(out, prefix))) wanted.push(prefix);
    }
  };
  for (const file of files) add(dirname(file.path));
  for (const folder of extraFolders) add(folder);
  return wanted;
}

/** Raised when a commit failed; says whether the old files are back in place. */
export class CommitError extends Error {
  constructor(
    readonly failure: unknown,
    readonly rolledBack: boolean,
    readonly rollbackError?: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = "CommitError";
  }
}

/**
 * Commits the staged tree `staging` into `out`: `files` (each staged at the
 * same relative path) replace or join what is there, `folders` are made if
 * missing. When `out` does not exist, the staged tree becomes `out` in one
 * rename. On failure the old set is restored before this throws
 * `CommitError`; if even that fails, the journal stays for the next run.
 */
export function commitTransaction(
  out: string,
  staging: string,
  files: readonly TransactionFile[],
  folders: readonly string[],
): void {
  if (!existsSync(out)) {
    faultPoint("move the staged tree into place");
    mkdirSync(dirname(out), { recursive: true });
    renameSync(staging, out);
    fsyncFolder(dirname(out));
    return;
  }
  const txn = transactionFolder(out);
  const journal: Journal = {
    version: 1,
    // lstat, not exists: a dangling link that --force replaces must be set aside and restored too.
    files: files.map((f) => ({ path: f.path, replaces: entryExists(join(out, f.path)) })),
    folders: missingFolders(out, files, folders),
  };
  faultPoint("make the transaction folder");
  mkdirSync(txn);
  try {
    faultPoint("move the staged tree into the transaction");
    renameSync(staging, join(txn, "new"));
    faultPoint("write the journal");
    writeDurably(join(txn, "journal.tmp"), JSON.stringify(journal));
    // Stopped here, a journal.tmp without journal.json: nothing in OUT was touched yet.
    faultPoint("put the journal in place");
    renameSync(join(txn, "journal.tmp"), join(txn, "journal.json"));
    fsyncFolder(txn);
    for (const folder of journal.folders) {
      faultPoint(`make ${folder}`);
      mkdirSync(join(out, folder));
    }
    const touched = new Set<string>([out]);
    for (const file of journal.files) {
      if (file.replaces) {
        faultPoint(`set ${file.path} aside`);
        mkdirSync(dirname(join(txn, "old", file.path)), { recursive: true });
        renameSync(join(out, file.path), join(txn, "old", file.path));
      }
      faultPoint(`move ${file.path} in`);
      renameSync(join(txn, "new", file.path), join(out, file.path));
      touched.add(dirname(join(out, file.path)));
    }
    for (const folder of touched) fsyncFolder(folder);
    faultPoint("mark the transaction committed");
    writeDurably(
      join(txn, "committed"),
      // Stryker disable next-line StringLiteral: recovery asks only whether `committed` exists, never reads it
      "",
    );
  } catch (error: unknown) {
    try {
      recoverTransaction(out);
    } catch (rollbackError: unknown) {
      throw new CommitError(error, false, rollbackError);
    }
    throw new CommitError(error, true);
  }
  // Committed: the clean-up may fail or be killed; the next run's recovery then only finishes it.
  try {
    // Inside the try: a fault injected here is a failing clean-up, not a failed commit (the new set is in place).
    faultPoint("remove the transaction folder");
    rmSync(txn, {
      recursive: true,
      // Stryker disable next-line BooleanLiteral: txn exists here, and any error is caught below anyway
      force: true,
    });
  } catch {
    // Left for the next run, which sees `committed` and removes it.
  }
}
