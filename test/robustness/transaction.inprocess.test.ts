/**
 * The commit transaction (src/fsio/transaction.ts) called in-process, so
 * Stryker's mutants are live: commitTransaction and recoverTransaction with
 * faults thrown at a step (what GEN_REPO_FAULT_FAIL_AT does) and kills
 * simulated by copying the disk as it stands at a step (what
 * GEN_REPO_FAULT_KILL_AT leaves), then recovering the copy. The oracle is the
 * disk: bytes of every file, the folders, the transaction folder's absence,
 * and docs/robustness.md's promise (whole new set or whole old set).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setFaultHook } from "../../src/fsio/fault.js";
import {
  CommitError,
  commitTransaction,
  recoverTransaction,
  stagingPrefix,
  transactionFolder,
} from "../../src/fsio/transaction.js";
import { makeTree, removeTrees } from "../validate/support/tree.js";

let root = "";
let out = "";

beforeEach(() => {
  root = makeTree({});
  out = join(root, "deploy");
});
afterEach(() => {
  setFaultHook(undefined);
  removeTrees();
  rmSync(`${root}-kills`, { recursive: true, force: true });
});

/** Every entry under `dir`: files with their text, folders as "<dir>", links as "-> target". */
function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      const rel = relative(dir, p);
      if (entry.isSymbolicLink()) found[rel] = "-> link";
      else if (entry.isDirectory()) {
        found[rel] = "<dir>";
        walk(p);
      } else found[rel] = readFileSync(p, "utf8");
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

function put(base: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
}

/** A staging folder beside out holding `files`. */
function staged(files: Record<string, string>): string {
  const staging = mkdtempSync(stagingPrefix(out));
  put(staging, files);
  return staging;
}

const OLD = { "a.txt": "old a\n", "keep.txt": "not in the set\n" };
const NEW = { "a.txt": "new a\n", "x/y/b.txt": "new b\n", "c.txt": "new c\n" };
const NEW_FILES = [{ path: "a.txt" }, { path: "x/y/b.txt" }, { path: "c.txt" }];
/** out before the commit, written by hand. */
const BEFORE = { "a.txt": "old a\n", "keep.txt": "not in the set\n" };
/** out after the commit, written by hand: a.txt replaced, b and c joined, x/ and x/y/ made, keep.txt untouched. */
const AFTER = {
  "a.txt": "new a\n",
  "c.txt": "new c\n",
  "keep.txt": "not in the set\n",
  x: "<dir>",
  "x/y": "<dir>",
  "x/y/b.txt": "new b\n",
};
/** The steps of that commit, in order (the labels GEN_REPO_FAULT_TRACE prints). */
const COMMIT_STEPS = [
  "make the transaction folder",
  "move the staged tree into the transaction",
  "write the journal",
  "put the journal in place",
  "make x",
  "make x/y",
  "set a.txt aside",
  "move a.txt in",
  "move x/y/b.txt in",
  "move c.txt in",
  "mark the transaction committed",
  "remove the transaction folder",
];

/** Entries beside out: the transaction and staging folders must be gone after every commit and recovery. */
function leftovers(): string[] {
  return readdirSync(root).filter((n) => n !== "deploy");
}

function commitWithHook(hook: (step: number, label: string) => void): unknown {
  put(out, OLD);
  const staging = staged(NEW);
  let first = -1;
  setFaultHook((step, label) => {
    if (first < 0) first = step;
    hook(step - first, label);
  });
  try {
    commitTransaction(out, staging, NEW_FILES, []);
    return undefined;
  } catch (error: unknown) {
    return error;
  } finally {
    setFaultHook(undefined);
  }
}

describe("a commit that runs through", () => {
  it("takes the steps the trace documents, in order, and leaves the new set and nothing beside out", () => {
    const labels: string[] = [];
    expect(commitWithHook((_i, label) => labels.push(label))).toBeUndefined();
    expect(labels).toEqual(COMMIT_STEPS);
    expect(tree(out)).toEqual(AFTER);
    expect(leftovers()).toEqual([]);
  });

  it("into a missing out: the staged tree becomes out in one step, its parent there", () => {
    out = join(root, "deep", "er", "deploy");
    mkdirSync(dirname(out), { recursive: true });
    const staging = staged(NEW);
    const labels: string[] = [];
    setFaultHook((_s, label) => labels.push(label));
    commitTransaction(out, staging, NEW_FILES, []);
    expect(labels).toEqual(["move the staged tree into place"]);
    expect(tree(out)).toEqual({ ...AFTER, "keep.txt": undefined, "a.txt": "new a\n" });
    expect(existsSync(staging)).toBe(false);
  });

  it("makes extra folders (an ensemble's empty version folder) and removes them again on failure", () => {
    put(out, OLD);
    const staging = staged({ "r/e/config.pbtxt": "e\n", "r/e/1/.keep": "" });
    rmSync(join(staging, "r/e/1/.keep"));
    commitTransaction(out, staging, [{ path: "r/e/config.pbtxt" }], ["r/e/1"]);
    expect(tree(out)).toEqual({ ...BEFORE, r: "<dir>", "r/e": "<dir>", "r/e/config.pbtxt": "e\n", "r/e/1": "<dir>" });
  });

  it("many files in one new folder: the folder is made once", () => {
    put(out, OLD);
    const staging = staged({ "n/1.txt": "1", "n/2.txt": "2", "n/3.txt": "3" });
    commitTransaction(out, staging, [{ path: "n/1.txt" }, { path: "n/2.txt" }, { path: "n/3.txt" }], ["n"]);
    expect(tree(join(out, "n"))).toEqual({ "1.txt": "1", "2.txt": "2", "3.txt": "3" });
  });

  it("a file into a folder out already has: the folder is not made again, and stays after an undo", () => {
    put(out, { ...OLD, "sub/old.txt": "o" });
    const staging = staged({ "sub/new.txt": "n" });
    commitTransaction(out, staging, [{ path: "sub/new.txt" }], ["sub"]);
    expect(tree(join(out, "sub"))).toEqual({ "new.txt": "n", "old.txt": "o" });
    const again = staged({ "sub/newer.txt": "n2" });
    setFaultHook((_s, label) => {
      if (label === "mark the transaction committed") throw new Error("EIO");
    });
    expect(() => commitTransaction(out, again, [{ path: "sub/newer.txt" }], ["sub"])).toThrow(CommitError);
    expect(tree(join(out, "sub"))).toEqual({ "new.txt": "n", "old.txt": "o" });
  });

  it("a dangling link where a file goes is set aside and comes back on failure", () => {
    put(out, OLD);
    symlinkSync("nowhere", join(out, "c.txt"));
    const staging = staged(NEW);
    setFaultHook((_s, label) => {
      if (label === "mark the transaction committed") throw Object.assign(new Error("EIO: injected"), { code: "EIO" });
    });
    expect(() => commitTransaction(out, staging, NEW_FILES, [])).toThrow(CommitError);
    expect(tree(out)).toEqual({ ...BEFORE, "c.txt": "-> link" });
  });

  it("closes every descriptor it opens", () => {
    const fds = () => readdirSync("/proc/self/fd").length;
    put(out, OLD);
    const staging = staged(NEW);
    const before = fds();
    commitTransaction(out, staging, NEW_FILES, []);
    expect(fds()).toBe(before);
  });
});

describe("a commit that fails at a step is undone in process", () => {
  it("failure at making the transaction folder: that error, out untouched, no transaction folder", () => {
    const error = commitWithHook((i) => {
      if (i === 0) throw Object.assign(new Error("EIO: injected"), { code: "EIO" });
    });
    expect(error).not.toBeInstanceOf(CommitError);
    expect((error as Error).message).toBe("EIO: injected");
    expect(tree(out)).toEqual(BEFORE);
    expect(existsSync(transactionFolder(out))).toBe(false);
  });

  // Steps 1..10 are inside the commit; step 11 is the clean-up after it is committed.
  it.each(COMMIT_STEPS.slice(1, 11).map((label, i) => [i + 1, label] as const))(
    "failure at step %i (%s): the old set, byte for byte, and CommitError(rolledBack)",
    (at, label) => {
      const error = commitWithHook((i) => {
        if (i === at) throw Object.assign(new Error(`EIO: injected at ${label}`), { code: "EIO" });
      });
      expect(error).toBeInstanceOf(CommitError);
      const commitError = error as CommitError;
      expect(commitError.name).toBe("CommitError");
      expect(commitError.message).toBe(`EIO: injected at ${label}`);
      expect(commitError.rolledBack).toBe(true);
      expect(commitError.rollbackError).toBeUndefined();
      expect(tree(out)).toEqual(BEFORE);
      expect(leftovers()).toEqual([]);
    },
  );

  it("a failure that is not an Error still gives a CommitError with its text", () => {
    const error = commitWithHook((_i, label) => {
      if (label === "move a.txt in") throw "plain string";
    }) as CommitError;
    expect(error.message).toBe("plain string");
    expect(tree(out)).toEqual(BEFORE);
  });

  it("failure at the clean-up after the commit: the new set stays", () => {
    const error = commitWithHook((_i, label) => {
      if (label === "remove the transaction folder") throw new Error("EIO");
    });
    // Committed: a failing clean-up is no failure of the commit, it only leaves the transaction folder.
    expect(error).toBeUndefined();
    expect(existsSync(join(transactionFolder(out), "committed"))).toBe(true);
    expect(tree(out)).toEqual(AFTER);
    // The next run's recovery only finishes the clean-up.
    expect(recoverTransaction(out)).toBe("completed");
    expect(tree(out)).toEqual(AFTER);
    expect(leftovers()).toEqual([]);
  });

  it("when the undo fails too, the journal stays and the next recovery finishes it", () => {
    const error = commitWithHook((_i, label) => {
      if (label === "move c.txt in") throw new Error("EIO first");
      if (label === "put a.txt back") throw new Error("EIO undo");
    }) as CommitError;
    expect(error).toBeInstanceOf(CommitError);
    expect(error.rolledBack).toBe(false);
    expect((error.rollbackError as Error).message).toBe("EIO undo");
    expect(existsSync(join(transactionFolder(out), "journal.json"))).toBe(true);
    expect(recoverTransaction(out)).toBe("rolled-back");
    expect(tree(out)).toEqual(BEFORE);
    expect(leftovers()).toEqual([]);
  });
});

/** Runs the commit, copying root as a kill at step `at` would leave it; returns the copy's out. */
function killedAt(at: number, labelsAfter?: string[]): string {
  const copy = join(`${root}-kills`, `kill-${at}`);
  const error = commitWithHook((i, label) => {
    if (i === at) cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
    if (i >= at) labelsAfter?.push(label);
  });
  expect(error).toBeUndefined();
  return join(copy, "deploy");
}

describe("a commit killed at a step is finished or undone by the next run's recovery", () => {
  it.each(COMMIT_STEPS.map((label, i) => [i, label] as const))("killed at step %i (%s)", (at) => {
    const copyOut = killedAt(at);
    const copyRoot = dirname(copyOut);
    const outcome = recoverTransaction(copyOut);
    // Before the journal is in place nothing in out was touched: the transaction folder is just removed.
    const expected = at <= 3 ? "removed-staging" : at <= 10 ? "rolled-back" : "completed";
    expect(outcome).toBe(expected);
    expect(tree(copyOut)).toEqual(at <= 10 ? BEFORE : AFTER);
    expect(readdirSync(copyRoot)).toEqual(["deploy"]);
    // Recovery again finds nothing.
    expect(recoverTransaction(copyOut)).toBe("none");
  });

  it("killed before the staged tree moved: only the staging folder is left, and removed", () => {
    const copyOut = killedAt(0);
    expect(readdirSync(dirname(copyOut)).filter((n) => n.includes("stage-"))).toHaveLength(1);
    expect(recoverTransaction(copyOut)).toBe("removed-staging");
    expect(tree(copyOut)).toEqual(BEFORE);
  });

  it("a file the user made where a new file was not yet moved in stays", () => {
    const copyOut = killedAt(COMMIT_STEPS.indexOf("move c.txt in"));
    writeFileSync(join(copyOut, "c.txt"), "the user's c\n");
    expect(recoverTransaction(copyOut)).toBe("rolled-back");
    expect(tree(copyOut)).toEqual({ ...BEFORE, "c.txt": "the user's c\n" });
  });

  it("a file the user put in a folder the commit made stays, and so does the folder", () => {
    const copyOut = killedAt(COMMIT_STEPS.indexOf("move c.txt in"));
    writeFileSync(join(copyOut, "x/y/user.txt"), "mine\n");
    expect(recoverTransaction(copyOut)).toBe("rolled-back");
    expect(tree(copyOut)).toEqual({ ...BEFORE, x: "<dir>", "x/y": "<dir>", "x/y/user.txt": "mine\n" });
  });

  it("a moved-in file the user deleted since is no obstacle", () => {
    const copyOut = killedAt(COMMIT_STEPS.indexOf("mark the transaction committed"));
    rmSync(join(copyOut, "c.txt"));
    expect(recoverTransaction(copyOut)).toBe("rolled-back");
    expect(tree(copyOut)).toEqual(BEFORE);
  });

  it("a recovery killed at each of its own steps is finished by the next one", () => {
    const copyOut = killedAt(COMMIT_STEPS.indexOf("mark the transaction committed"));
    const undo: string[] = [];
    const probe = join(`${root}-kills`, "probe");
    cpSync(dirname(copyOut), probe, { recursive: true, verbatimSymlinks: true });
    setFaultHook((_s, label) => undo.push(label));
    recoverTransaction(join(probe, "deploy"));
    setFaultHook(undefined);
    // The undo goes backwards through the commit: files last first, folders children first.
    expect(undo).toEqual([
      "remove c.txt",
      "remove x/y/b.txt",
      "put a.txt back",
      "remove the folder x/y",
      "remove the folder x",
      "remove what the interrupted run left",
    ]);
    for (let k = 0; k < undo.length; k += 1) {
      const again = join(`${root}-kills`, `again-${k}`);
      cpSync(dirname(copyOut), again, { recursive: true, verbatimSymlinks: true });
      let n = 0;
      setFaultHook(() => {
        if (n === k) {
          n += 1;
          throw new Error("killed");
        }
        n += 1;
      });
      expect(() => recoverTransaction(join(again, "deploy"))).toThrow("killed");
      setFaultHook(undefined);
      expect(recoverTransaction(join(again, "deploy"))).toBe("rolled-back");
      expect(tree(join(again, "deploy"))).toEqual(BEFORE);
      expect(readdirSync(again)).toEqual(["deploy"]);
    }
  });
});

describe("recoverTransaction on what other runs left", () => {
  it("nothing left: none, and out untouched", () => {
    put(out, OLD);
    expect(recoverTransaction(out)).toBe("none");
    expect(tree(out)).toEqual(BEFORE);
  });

  it("no parent folder at all: none", () => {
    expect(recoverTransaction(join(root, "missing", "deploy"))).toBe("none");
  });

  it("staging folders of out are removed; those of other folders stay", () => {
    put(out, OLD);
    mkdirSync(join(root, ".deploy.gen-repo-stage-abc123"));
    put(join(root, ".deploy.gen-repo-stage-def456"), { "f.txt": "x" });
    mkdirSync(join(root, ".deploy2.gen-repo-stage-abc123"));
    mkdirSync(join(root, "x.deploy.gen-repo-stage-abc123"));
    expect(recoverTransaction(out)).toBe("removed-staging");
    expect(readdirSync(root).sort()).toEqual([
      ".deploy2.gen-repo-stage-abc123",
      "deploy",
      "x.deploy.gen-repo-stage-abc123",
    ]);
  });

  it("a committed transaction and a staging folder: completed", () => {
    put(out, AFTER_FILES());
    put(transactionFolder(out), {
      "journal.json": JSON.stringify({ version: 1, files: [], folders: [] }),
      committed: "",
    });
    mkdirSync(join(root, ".deploy.gen-repo-stage-abc123"));
    expect(recoverTransaction(out)).toBe("completed");
    expect(readdirSync(root)).toEqual(["deploy"]);
  });

  it("the transaction folder is named .OUT.gen-repo-txn beside out", () => {
    expect(transactionFolder(out)).toBe(join(root, ".deploy.gen-repo-txn"));
    put(out, OLD);
    mkdirSync(join(root, ".deploy.gen-repo-txn"));
    expect(recoverTransaction(out)).toBe("removed-staging");
    expect(readdirSync(root)).toEqual(["deploy"]);
  });

  it("a transaction path that is a file (not a folder) is removed", () => {
    put(out, OLD);
    writeFileSync(transactionFolder(out), "junk");
    expect(recoverTransaction(out)).toBe("removed-staging");
    expect(readdirSync(root)).toEqual(["deploy"]);
  });

  it("an unreadable journal is an error, and nothing is removed", () => {
    put(out, OLD);
    mkdirSync(join(transactionFolder(out), "journal.json"), { recursive: true });
    expect(() => recoverTransaction(out)).toThrow(/EISDIR/);
    expect(existsSync(transactionFolder(out))).toBe(true);
  });
});

function AFTER_FILES(): Record<string, string> {
  return Object.fromEntries(Object.entries(AFTER).filter(([, v]) => v !== "<dir>"));
}
