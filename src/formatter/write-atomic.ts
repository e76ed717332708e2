import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { readBounded } from "../fsio/bounded-read.js";
import { displayName } from "../fsio/errors.js";
import { faultPoint } from "../fsio/fault.js";
import { isProcessAlive } from "../fsio/process-alive.js";

/**
 * The file-system calls an atomic write makes, injectable so that tests can
 * make any one of them fail and check that the original file survives.
 */
/** A path as text, or as bytes when a name on the way is not UTF-8. */
type FsPath = string | Buffer;

export interface AtomicWriteFs {
  realpathSync(path: FsPath): FsPath;
  statSync(path: FsPath): { mode: number; uid?: number; gid?: number };
  openSync(path: FsPath, flags: string, mode: number): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  chmodSync(path: FsPath, mode: number): void;
  renameSync(from: FsPath, to: FsPath): void;
  unlinkSync(path: FsPath): void;
  /** Optional so that older injected doubles keep working; the default uses fs.chownSync. */
  chownSync?(path: FsPath, uid: number, gid: number): void;
}

const nodeFs: AtomicWriteFs = {
  // A path given as bytes stays bytes: decoding it would change the name.
  realpathSync: (path) =>
    typeof path === "string" ? fs.realpathSync(path) : fs.realpathSync.native(path, { encoding: "buffer" }),
  statSync: (path) => fs.statSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  chmodSync: (path, mode) => fs.chmodSync(path, mode),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  chownSync: (path, uid, gid) => fs.chownSync(path, uid, gid),
};

const BRAND = Symbol.for("triton-repo.ChangedWhileWriting");

/** Thrown when the file changed on disk after it was read: the write is skipped, the edit kept. */
export class ChangedWhileWritingError extends Error {
  readonly [BRAND] = true;
  constructor(path: string) {
    super(
      `${path} changed on disk while it was being formatted; left as it is now (run again to format the new version)`,
    );
    this.name = "ChangedWhileWritingError";
  }
}

export function isChangedWhileWriting(error: unknown): error is ChangedWhileWritingError {
  return typeof error === "object" && error !== null && BRAND in error;
}

/**
 * Temporary files are named `.<file>.gen-repo-<pid>-<random>.tmp`: hidden,
 * recognisable, and carrying the pid of the writer, so that a later run can
 * tell a leftover of a killed run (pid gone) from a write in progress.
 * `s`: a file name may hold \n or \r, where `.` stops.
 */
const TEMP_PATTERN = /^\.(.+)\.gen-repo-(\d+)-[0-9a-f]{8}\.tmp$/s;

function tempName(target: FsPath): FsPath {
  const suffix = `.gen-repo-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  if (typeof target === "string") return join(dirname(target), `.${basename(target)}${suffix}`);
  const slash = target.lastIndexOf(0x2f);
  return Buffer.concat([
    target.subarray(0, slash + 1),
    Buffer.from("."),
    target.subarray(slash + 1),
    Buffer.from(suffix),
  ]);
}

/**
 * Removes the temporary files of killed writers in `folder` (their pid no
 * longer runs); returns the names removed. Never throws.
 */
export function removeStaleTemporaries(folder: FsPath): string[] {
  const removed: string[] = [];
  let names: Buffer[];
  try {
    names = fs.readdirSync(folder, { encoding: "buffer" });
  } catch {
    return removed;
  }
  const base = typeof folder === "string" ? Buffer.from(folder) : folder;
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name.toString("latin1"));
    if (!match || isProcessAlive(Number(match[2]))) continue;
    try {
      fs.unlinkSync(Buffer.concat([base, Buffer.from("/"), name]));
      removed.push(displayName(name));
    } catch {
      // Gone already, or not ours to remove: nothing to report.
    }
  }
  return removed;
}

export interface AtomicWriteOptions {
  /**
   * The bytes the new text was computed from. When given, the file is read
   * again just before the final rename, and if it no longer holds exactly
   * these bytes (an editor saved it meanwhile) the write is abandoned with
   * `ChangedWhileWritingError`: the user's edit wins.
   */
  expected?: Buffer;
}

/**
 * Replaces an existing file's content so that readers see either the old
 * text or the new, never a mix: the new text goes to a temporary file in the
 * same folder (same file system, so the rename is atomic), is flushed to
 * disk, gets the original's owner, group and permission bits, and is renamed
 * over the original. A symbolic link is followed, so the link stays a link.
 * On any failure the temporary file is removed, the original is untouched,
 * and the error is thrown. A temporary file left by a killed run is removed
 * by the next `removeStaleTemporaries` of its folder.
 */
export function writeFileAtomic(
  path: FsPath,
  text: string | Uint8Array,
  io: AtomicWriteFs = nodeFs,
  options: AtomicWriteOptions = {},
): void {
  const target = io.realpathSync(path);
  const st = io.statSync(target);
  const mode = st.mode & 0o7777;
  const temp = tempName(target);
  let created = false;
  try {
    faultPoint("write the temporary file");
    const fd = io.openSync(temp, "wx", mode & 0o777);
    created = true;
    try {
      io.writeSync(fd, typeof text === "string" ? Buffer.from(text, "utf8") : text);
      io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    // Owner and group first: chown clears set-user-id bits, which chmod then restores.
    if (st.uid !== undefined && st.gid !== undefined) {
      const mine = fs.statSync(temp);
      if (mine.uid !== st.uid || mine.gid !== st.gid) (io.chownSync ?? fs.chownSync)(temp, st.uid, st.gid);
    }
    // The umask may have narrowed the mode given to open.
    io.chmodSync(temp, mode);
    if (options.expected !== undefined) {
      const now = readBounded(target, options.expected.length);
      if (!("bytes" in now) || !now.bytes.equals(options.expected))
        throw new ChangedWhileWritingError(displayName(path));
    }
    faultPoint("replace the file");
    io.renameSync(temp, target);
  } catch (error: unknown) {
    if (created) {
      try {
        io.unlinkSync(temp);
      } catch {
        // The temporary file is already gone; the original error is the one to report.
      }
    }
    throw error;
  }
}
