import { type Dirent, closeSync, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { displayName, errnoCode, isUtf8Name } from "../fsio/errors.js";
import type { EntryKind, FsEntry, Listing } from "./types.js";
import { decodeUtf8Bytes } from "../pbtxt/utf8.js";

/**
 * The only file-system primitives of triton-repo's validator. Each is
 * synchronous (a repository scan is thousands of tiny calls, for which sync
 * calls are the fastest in Node) and none throws: a failure is data.
 */

/**
 * Name order of Triton's `std::set<std::string>`: byte-wise. UTF-16 code-unit
 * order is the same for every character outside the surrogate range, and
 * comparing JS strings directly avoids encoding two buffers per comparison.
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The kind of whatever `path` points at, following links. */
export function statKind(path: string): { kind: EntryKind; size?: number; error?: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { kind: "directory" };
    if (st.isFile()) return { kind: "file", size: st.size };
    return { kind: "other" };
  } catch (error: unknown) {
    return { kind: "broken", error: errnoCode(error) };
  }
}

function entryOf(dir: string, dirent: Dirent<string> | Dirent<Buffer>, name: string): FsEntry {
  if (dirent.isSymbolicLink()) {
    const target = statKind(join(dir, name));
    const entry: FsEntry = { name, kind: target.kind, symlink: true };
    if (target.error !== undefined) entry.error = target.error;
    return entry;
  }
  if (dirent.isDirectory()) return { name, kind: "directory", symlink: false };
  if (dirent.isFile()) return { name, kind: "file", symlink: false };
  // Some file systems report no type in readdir: ask stat.
  const st = statKind(join(dir, name));
  const entry: FsEntry = { name, kind: st.kind, symlink: false };
  if (st.error !== undefined) entry.error = st.error;
  return entry;
}

/**
 * An entry whose name is not valid UTF-8: a JS string cannot name it (Node
 * would decode every bad byte as the same U+FFFD and the path would not be
 * found again), so it is listed under its bytes shown as `\xNN`, its kind
 * from the bytes' own path, and the error `not-utf8` for the caller to report.
 */
function nonUtf8Entry(dir: string, name: Buffer): FsEntry {
  let kind: EntryKind = "other";
  try {
    const st = statSync(Buffer.concat([Buffer.from(`${dir}/`), name]));
    kind = st.isDirectory() ? "directory" : st.isFile() ? "file" : "other";
  } catch {
    kind = "broken";
  }
  return { name: displayName(name), kind, symlink: false, error: "not-utf8" };
}

/** Listings kept while withRememberedListings runs; undefined otherwise. */
let remembered: Map<string, Listing> | undefined;

/**
 * Runs `work` with each folder's listing kept, so a folder listed twice in it
 * is read from disk once: `gen-repo validate` lists the repository root to
 * tell what a path names, then scans it (1,000 entries for a 1,000-model
 * repository). Only for work that ends with one answer, like a CLI command:
 * outside it every call lists afresh, so a long-lived caller never sees a
 * folder as it was. Listings are shared, so no caller may change one.
 */
export function withRememberedListings<T>(work: () => T): T {
  const outer = remembered;
  remembered = outer ?? new Map();
  try {
    return work();
  } finally {
    remembered = outer;
  }
}

/** The entries of a directory, sorted byte-wise; never throws. */
export function listDirectory(path: string): Listing {
  const known = remembered?.get(path);
  if (known !== undefined) return known;
  const listing = readListing(path);
  remembered?.set(path, listing);
  return listing;
}

function readListing(path: string): Listing {
  try {
    // Names as strings first: a folder of thousands of models pays for a Buffer and a UTF-8 check per name
    // otherwise. Node decodes bytes that are not UTF-8 as U+FFFD, so only a folder with a name holding U+FFFD
    // (bad bytes, or a real U+FFFD) is listed again as bytes to tell the two apart.
    const named = readdirSync(path, { withFileTypes: true });
    const entries = named.some((d) => d.name.includes("\uFFFD"))
      ? (readdirSync(path, { withFileTypes: true, encoding: "buffer" }) as Dirent<Buffer>[]).map((d) =>
          isUtf8Name(d.name) ? entryOf(path, d, d.name.toString("utf8")) : nonUtf8Entry(path, d.name),
        )
      : named.map((d) => entryOf(path, d, d.name));
    entries.sort((a, b) => compareNames(a.name, b.name));
    return { path, entries };
  } catch (error: unknown) {
    return { path, entries: [], error: errnoCode(error) };
  }
}

/**
 * Reads at most `maxBytes` of a file through one descriptor: no stat (which
 * also builds four Date objects per call in Node 20) unless the file turns
 * out too large. `size` is set only then.
 */
/** One read buffer for every file: most files are a few kilobytes, copied out at their size. */
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

function readCapped(path: string, maxBytes: number): { buffer?: Buffer; tooLarge?: number; error?: string } {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error: unknown) {
    return { error: errnoCode(error) };
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, SCRATCH, 0, Math.min(SCRATCH.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(SCRATCH.subarray(0, n)));
      total += n;
      if (total > maxBytes) return { tooLarge: fstatSync(fd).size };
    }
    return { buffer: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) };
  } catch (error: unknown) {
    return { error: errnoCode(error) };
  } finally {
    closeSync(fd);
  }
}

function textOf(read: { buffer?: Buffer; tooLarge?: number; error?: string }): {
  text?: string;
  size?: number;
  error?: string;
} {
  if (read.tooLarge !== undefined) return { size: read.tooLarge, error: "too-large" };
  if (read.error !== undefined) {
    if (read.error === "ENOENT") return { error: "missing" };
    if (read.error === "EISDIR") return { error: "not-a-file" };
    return { error: read.error };
  }
  const buffer = read.buffer as Buffer;
  // Bytes that are not UTF-8 stay in the text (pbtxt/utf8.ts), as protoc keeps them in strings.
  return { text: decodeUtf8Bytes(buffer), size: buffer.length };
}

/**
 * Reads a whole text file of at most `maxBytes`; never throws. Anything but
 * a regular file (a FIFO would block the open) is refused as `not-a-file`.
 */
export function readTextFile(path: string, maxBytes: number): { text?: string; size?: number; error?: string } {
  const st = statKind(path);
  if (st.kind === "broken") return { error: st.error === "ENOENT" ? "missing" : (st.error ?? "missing") };
  if (st.kind !== "file") return { error: "not-a-file" };
  return textOf(readCapped(path, maxBytes));
}

/**
 * Reads a file a directory listing showed to be a regular file, skipping the
 * stat readTextFile makes. Same result shape.
 */
export function readListedTextFile(path: string, maxBytes: number): { text?: string; size?: number; error?: string } {
  return textOf(readCapped(path, maxBytes));
}

/** The canonical path of `path` (links and `..` resolved, as realpath(3) gives it), or undefined when it does not resolve. */
export function canonicalPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
