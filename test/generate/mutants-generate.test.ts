/**
 * Tests written for the mutants the `generate` module's mutation run
 * (npm run mutate -- generate: src/generate/plan.ts, src/generate/write.ts,
 * src/fsio/transaction.ts) left alive, each named after what it pins. The
 * oracle is the disk (files, folders, the transaction folder) and literal
 * expected diagnostics, never the code under test.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setFaultHook } from "../../src/fsio/fault.js";
import {
  CommitError,
  commitTransaction,
  recoverTransaction,
  stagingPrefix,
  transactionFolder,
} from "../../src/fsio/transaction.js";
import { addMarker } from "../../src/generate/marker.js";
import type { RepositoryPlan } from "../../src/generate/plan.js";
import { findStale } from "../../src/generate/write.js";
import { makeTree, removeTrees, writeTree } from "../validate/support/tree.js";

let root = "";
let out = "";
beforeEach(() => {
  root = makeTree({ "deploy/": null });
  out = join(root, "deploy");
});
afterEach(() => {
  setFaultHook(undefined);
  removeTrees();
});

/** Every entry under `dir`: files with their text, folders as "<dir>". */
function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        found[relative(dir, p)] = "<dir>";
        walk(p);
      } else found[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return found;
}

const EMPTY_PLAN: RepositoryPlan = { files: [], directories: [], diagnostics: [] };

describe("findStale", () => {
  it("an inference client an earlier run generated, which this plan no longer has, is reported", () => {
    // `scripts.client: false` after a run that wrote it; every other candidate is missing from out.
    writeTree(out, { "scripts/inference_client.py": addMarker("client\n") });
    expect(findStale(EMPTY_PLAN, out, "model_repository")).toEqual([
      {
        code: "GEN-STALE",
        severity: "warning",
        message:
          "scripts/inference_client.py was generated from an earlier spec and is no longer part of it; left in place",
        file: "scripts/inference_client.py",
        hint: "delete it if you no longer need it",
      },
    ]);
  });

  it("a file named like the scripts folder: its candidates are missing, not an error", () => {
    writeFileSync(join(out, "scripts"), addMarker("not a folder\n"));
    expect(findStale(EMPTY_PLAN, out, "model_repository")).toEqual([]);
  });
});

describe("the commit's undo", () => {
  const OLD = { "a.txt": "old a\n" };

  /** Commits a.txt (replacing) and c.txt (new), failing at the last step so the undo runs. */
  function failingCommit(duringUndo: (label: string) => void): unknown {
    writeTree(out, OLD);
    const staging = mkdtempSync(stagingPrefix(out));
    writeTree(staging, { "a.txt": "new a\n", "c.txt": "new c\n" });
    let undoing = false;
    setFaultHook((_step, label) => {
      if (label === "mark the transaction committed") {
        undoing = true;
        throw Object.assign(new Error("EIO: injected"), { code: "EIO" });
      }
      if (undoing) duringUndo(label);
    });
    try {
      commitTransaction(out, staging, [{ path: "a.txt" }, { path: "c.txt" }], []);
      return undefined;
    } catch (error: unknown) {
      return error;
    } finally {
      setFaultHook(undefined);
    }
  }

  it("a new file that cannot be removed (a folder now stands there) stops the undo: journal kept, then finished", () => {
    const error = failingCommit((label) => {
      if (label !== "remove c.txt") return;
      // unlink refuses a folder (EISDIR on Linux, EPERM elsewhere): an error that is not "missing"
      rmSync(join(out, "c.txt"));
      mkdirSync(join(out, "c.txt"));
    });
    expect(error).toBeInstanceOf(CommitError);
    expect(error).toMatchObject({ rolledBack: false, failure: { code: "EIO" } });
    const undoError = (error as CommitError).rollbackError as NodeJS.ErrnoException;
    expect(["EISDIR", "EPERM"]).toContain(undoError.code);
    // The journal stays, so the next run knows what to undo (a.txt, undone after c.txt, still set aside).
    expect(readdirSync(transactionFolder(out)).sort()).toEqual(["journal.json", "new", "old"]);
    // What the user put there is theirs now; once it is gone, the next recovery finishes the undo.
    rmSync(join(out, "c.txt"), { recursive: true });
    expect(recoverTransaction(out)).toBe("rolled-back");
    expect(tree(out)).toEqual(OLD);
    expect(readdirSync(root)).toEqual(["deploy"]);
  });

  it("a new file already gone when the undo removes it is no obstacle", () => {
    const error = failingCommit((label) => {
      if (label === "remove c.txt") rmSync(join(out, "c.txt"));
    });
    expect(error).toMatchObject({ name: "CommitError", rolledBack: true });
    expect(tree(out)).toEqual(OLD);
    expect(existsSync(transactionFolder(out))).toBe(false);
  });
});

describe("the commit's journal", () => {
  it("a file out lacks is not set aside: the commit adds it, no old copy to put back", () => {
    writeTree(out, { "a.txt": "old a\n" });
    const staging = mkdtempSync(stagingPrefix(out));
    writeTree(staging, { "b.txt": "new b\n" });
    const labels: string[] = [];
    let journal = "";
    setFaultHook((_step, label) => {
      labels.push(label);
      if (label === "make the transaction folder") return;
      const path = join(transactionFolder(out), "journal.json");
      if (journal === "" && existsSync(path)) journal = readFileSync(path, "utf8");
    });
    commitTransaction(out, staging, [{ path: "b.txt" }], []);
    expect(JSON.parse(journal)).toEqual({ version: 1, files: [{ path: "b.txt", replaces: false }], folders: [] });
    expect(labels).not.toContain("set b.txt aside");
    expect(tree(out)).toEqual({ "a.txt": "old a\n", "b.txt": "new b\n" });
  });
});
