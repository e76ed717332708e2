import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The file-system calls an atomic write makes, injectable so that tests can
 * make any one of them fail and check that the original file survives.
 */
export interface AtomicWriteFs {
  realpathSync(path: string): string;
  statSync(path: string): { mode: number };
  openSync(path: string, flags: string, mode: number): number;
  writeSync(fd: number, text: string): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  chmodSync(path: string, mode: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

const nodeFs: AtomicWriteFs = {
  realpathSync: (path) => fs.realpathSync(path),
  statSync: (path) => fs.statSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, text) => fs.writeSync(fd, text),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  chmodSync: (path, mode) => fs.chmodSync(path, mode),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

/**
 * Replaces an existing file's content so that readers see either the old
 * text or the new, never a mix: the new text goes to a temporary file in the
 * same folder (same file system, so the rename is atomic), is flushed to
 * disk, gets the original's permission bits, and is renamed over the
 * original. A symbolic link is followed, so the link stays a link. On any
 * failure the temporary file is removed, the original is untouched, and the
 * error is thrown.
 */
export function writeFileAtomic(path: string, text: string, io: AtomicWriteFs = nodeFs): void {
  const target = io.realpathSync(path);
  const mode = io.statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let created = false;
  try {
    const fd = io.openSync(temp, "wx", mode);
    created = true;
    try {
      io.writeSync(fd, text);
      io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    // The umask may have narrowed the mode given to open.
    io.chmodSync(temp, mode);
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
