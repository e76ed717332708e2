/**
 * What the commit flushes (src/fsio/transaction.ts): a rename is durable only
 * once the folder holding the new entry is fsynced, so after a power cut the
 * journal, the moved files and the folders made are there. No crash test can
 * see a missing fsync on a healthy disk, so node:fs is wrapped here to record
 * which paths were fsynced, and to make a folder refuse fsync or open as some
 * file systems do (the commit must go on then).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const spy = vi.hoisted(() => ({
  synced: [] as string[],
  opened: new Map<number, string>(),
  /** Paths whose open (for reading) throws, as on a file system that cannot open folders. */
  refuseOpen: new Set<string>(),
  /** Paths whose fsync throws EINVAL. */
  refuseSync: new Set<string>(),
  /** Paths whose rmdir throws EIO (a failing disk). */
  refuseRmdir: new Set<string>(),
}));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const openSync = (path: string, flags: string = "r", mode?: number) => {
    if (spy.refuseOpen.has(String(path))) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    const fd = fs.openSync(path, flags, mode);
    spy.opened.set(fd, String(path));
    return fd;
  };
  const fsyncSync = (fd: number) => {
    const path = spy.opened.get(fd) ?? `fd ${fd}`;
    if (spy.refuseSync.has(path)) throw Object.assign(new Error("EINVAL"), { code: "EINVAL" });
    fs.fsyncSync(fd);
    spy.synced.push(path);
  };
  const closeSync = (fd: number) => {
    fs.closeSync(fd);
    spy.opened.delete(fd);
  };
  const rmdirSync = (path: string) => {
    if (spy.refuseRmdir.has(String(path))) throw Object.assign(new Error("EIO"), { code: "EIO" });
    fs.rmdirSync(path);
  };
  const wrapped = { ...fs, openSync, fsyncSync, closeSync, rmdirSync };
  return { ...wrapped, default: wrapped };
});

const { setFaultHook } = await import("../../src/fsio/fault.js");
const { commitTransaction, stagingPrefix, transactionFolder } = await import("../../src/fsio/transaction.js");

let root = "";
let out = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "durable-"));
  out = join(root, "deploy");
  spy.synced.length = 0;
  spy.refuseOpen.clear();
  spy.refuseSync.clear();
  spy.refuseRmdir.clear();
});
afterEach(() => {
  setFaultHook(undefined);
  rmSync(root, { recursive: true, force: true });
});

function staged(files: Record<string, string>): string {
  const staging = mkdtempSync(stagingPrefix(out));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), text);
  }
  return staging;
}

describe("the commit flushes every folder it changes", () => {
  it("into an existing out: the journal and its folder, out (a folder made in it), each folder a file moved into", () => {
    mkdirSync(out);
    const staging = staged({ "x/y/b.txt": "b" });
    const txn = transactionFolder(out);
    commitTransaction(out, staging, [{ path: "x/y/b.txt" }], []);
    expect(spy.synced).toEqual([
      join(txn, "journal.tmp"),
      txn,
      // after the journal's rename
      txn,
      out,
      join(out, "x/y"),
      join(txn, "committed"),
      txn,
    ]);
    expect(spy.opened.size).toBe(0);
  });

  it("into a missing out: the parent that now holds out", () => {
    mkdirSync(root, { recursive: true });
    const staging = staged({ "a.txt": "a" });
    commitTransaction(out, staging, [{ path: "a.txt" }], []);
    expect(spy.synced).toEqual([root]);
  });

  it("the undo flushes out after putting the old files back", () => {
    mkdirSync(out);
    writeFileSync(join(out, "a.txt"), "old");
    const staging = staged({ "a.txt": "new" });
    let mark = -1;
    setFaultHook((_s, label) => {
      if (label !== "mark the transaction committed") return;
      mark = spy.synced.length;
      throw new Error("EIO");
    });
    expect(() => commitTransaction(out, staging, [{ path: "a.txt" }], [])).toThrow("EIO");
    // what the undo flushed, after the failure
    expect(spy.synced.slice(mark)).toEqual([out]);
  });

  it("a folder that cannot be opened or fsynced does not stop the commit, and no descriptor is left open", () => {
    mkdirSync(out);
    const staging = staged({ "x/b.txt": "b", "a.txt": "a" });
    spy.refuseOpen.add(out);
    spy.refuseSync.add(join(out, "x"));
    commitTransaction(out, staging, [{ path: "x/b.txt" }, { path: "a.txt" }], []);
    expect(readdirSync(out).sort()).toEqual(["a.txt", "x"]);
    expect(spy.synced).not.toContain(out);
    expect(spy.opened.size).toBe(0);
  });

  it("an undo that cannot remove a folder it made stops there: CommitError, journal kept for the next run", () => {
    mkdirSync(out);
    writeFileSync(join(out, "a.txt"), "old");
    const staging = staged({ "a.txt": "new", "x/b.txt": "b" });
    spy.refuseRmdir.add(join(out, "x"));
    setFaultHook((_s, label) => {
      if (label === "mark the transaction committed") throw new Error("EIO first");
    });
    let caught: unknown;
    try {
      commitTransaction(out, staging, [{ path: "a.txt" }, { path: "x/b.txt" }], []);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: "CommitError", rolledBack: false, rollbackError: { code: "EIO" } });
    expect(readdirSync(transactionFolder(out))).toContain("journal.json");
  });
});
