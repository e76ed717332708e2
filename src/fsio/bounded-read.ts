import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { describeFsError, errnoCode } from "./errors.js";
import { sleepSync } from "./sleep.js";

/**
 * The one way triton-repo reads a user's file (print, fmt, diff, a spec,
 * model.py): whatever the path names, the read ends quickly and in bounded
 * memory.
 *
 * - The file is opened with O_NONBLOCK, so opening a FIFO with no writer
 *   returns at once instead of waiting forever; the open descriptor is then
 *   checked with fstat, so what is read is what was checked (no stat-then-open
 *   race), and anything but a regular file (FIFO, socket, character or block
 *   device such as /dev/zero, folder) is refused before a byte is read.
 * - At most `maxBytes + 1` bytes are read, in chunks, whatever size fstat
 *   claimed: a file growing while it is read, or a /proc file that reports
 *   size 0, still cannot take more memory than the cap.
 */

/** Why a file was not read. `errno` carries the system's code for `io`. */
export type ReadRefusal =
  | { kind: "missing" }
  | { kind: "not-a-file"; what: "folder" | "FIFO" | "socket" | "device" | "special file" }
  | { kind: "too-large"; size: number; maxBytes: number }
  | { kind: "permission" }
  | { kind: "io"; errno: string };

export type BoundedRead = { bytes: Buffer } | { refused: ReadRefusal };

/** Default cap for the text files the CLI reads (configs, specs): far above any real one. */
export const DEFAULT_MAX_TEXT_BYTES = 64 * 1024 * 1024;

const CHUNK = 64 * 1024;
/**
 * The buffer every read fills first (reads are synchronous, one at a time);
 * what was read is copied out at its size. A fresh 64 KiB buffer per file
 * cost validate of 1,000 models 12 ms of allocation alone.
 */
const SCRATCH = Buffer.allocUnsafe(CHUNK);

function refusalOf(error: unknown): ReadRefusal {
  const code = errnoCode(error);
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
  if (code === "EISDIR") return { kind: "not-a-file", what: "folder" };
  if (code === "EACCES" || code === "EPERM") return { kind: "permission" };
  return { kind: "io", errno: code };
}

function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): ReadRefusal {
  if (st.isDirectory()) return { kind: "not-a-file", what: "folder" };
  if (st.isFIFO()) return { kind: "not-a-file", what: "FIFO" };
  if (st.isSocket()) return { kind: "not-a-file", what: "socket" };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { kind: "not-a-file", what: "device" };
  return { kind: "not-a-file", what: "special file" };
}

/** Reads a whole regular file of at most `maxBytes` bytes; never throws, never blocks on a FIFO. */
export function readBounded(path: string | Buffer, maxBytes: number = DEFAULT_MAX_TEXT_BYTES): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error: unknown) {
    return { refused: refusalOf(error) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: kindOf(st) };
    if (st.size > maxBytes) return { refused: { kind: "too-large", size: st.size, maxBytes } };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, SCRATCH, 0, Math.min(CHUNK, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(SCRATCH.subarray(0, n)));
      total += n;
      if (total > maxBytes) return { refused: { kind: "too-large", size: Math.max(total, st.size), maxBytes } };
    }
    return { bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) };
  } catch (error: unknown) {
    return { refused: refusalOf(error) };
  } finally {
    closeSync(fd);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}

/** A refusal as the end of a sentence: `cannot read FILE: <this>`. */
export function describeRefusal(refusal: ReadRefusal): string {
  switch (refusal.kind) {
    case "missing":
      return "no such file";
    case "not-a-file":
      return refusal.what === "folder" ? "it is a folder, not a file" : `it is a ${refusal.what}, not a regular file`;
    case "too-large":
      return `larger than the ${formatBytes(refusal.maxBytes)} limit (at least ${formatBytes(refusal.size)})`;
    case "permission":
      return "permission denied";
    case "io":
      return describeFsError({ code: refusal.errno });
  }
}

/** Reads a bounded file as UTF-8 text (invalid bytes become U+FFFD, for the tokenizer to locate). */
export function readBoundedText(
  path: string | Buffer,
  maxBytes: number = DEFAULT_MAX_TEXT_BYTES,
): { text: string } | { refused: ReadRefusal } {
  const read = readBounded(path, maxBytes);
  return "bytes" in read ? { text: read.bytes.toString("utf8") } : read;
}

/**
 * Reads standard input up to `maxBytes` (a pipe or a file; a terminal until
 * end of input). Returns the refusal as a sentence when input is too large.
 */
export function readStdinBounded(maxBytes: number = DEFAULT_MAX_TEXT_BYTES): { text: string } | { refused: string } {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error: unknown) {
      const code = errnoCode(error);
      // A non-blocking stdin with nothing yet: wait briefly instead of spinning.
      if (code === "EAGAIN") {
        sleepSync(10);
        continue;
      }
      if (code === "EOF") break;
      return { refused: describeFsError(error) };
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) return { refused: `larger than the ${formatBytes(maxBytes)} limit` };
  }
  return { text: Buffer.concat(chunks, total).toString("utf8") };
}
