/**
 * generate's commit is one transaction: killed at any step (SIGKILL, as
 * kill -9 or a power cut), or failing at any step (a rename that fails), the
 * output folder holds the whole old set or the whole new set, byte for byte,
 * once the next run has started; nothing is left beside it; files that are
 * not part of the set are never touched.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { faultStepsTaken } from "../../src/fsio/fault.js";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { leftovers, prng, runCli, snapshot, specA, specB, specInvalidOutput, writeSpec } from "./support/harness.js";

let root = "";
let templates = "";
let specs = { a: "", b: "", invalid: "" };
/** The old set (spec A plus a user's files) and the new set (spec B over it), as snapshots. */
let oldSet: Record<string, string> = {};
let newSet: Record<string, string> = {};
/** Spec A generated into a folder that did not exist. */
let freshSet: Record<string, string> = {};
/** Steps of the commit of B over A: every change on disk it makes. */
let commitSteps = 0;

/** The old deployment: A generated, a file of the user's beside it, a generated file the user edited (kept by B). */
function makeOld(out: string): void {
  const result = generateRepository(loadSpecFile(specs.a), { out });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  writeFileSync(join(out, "notes.txt"), "mine\n");
  writeFileSync(join(out, "docker-compose.yml"), "# edited by hand\n", { flag: "a" });
}

beforeAll(() => {
  templates = mkdtempSync(join(tmpdir(), "gen-robust-tpl-"));
  specs = {
    a: writeSpec(join(templates, "a.json"), specA()),
    b: writeSpec(join(templates, "b.json"), specB()),
    invalid: writeSpec(join(templates, "invalid.json"), specInvalidOutput()),
  };
  generateRepository(loadSpecFile(specs.a), { out: join(templates, "fresh") });
  freshSet = snapshot(join(templates, "fresh"));
  const old = join(templates, "old");
  makeOld(old);
  oldSet = snapshot(old);
  const fresh = join(templates, "new");
  cpSync(old, fresh, { recursive: true });
  const before = faultStepsTaken();
  const result = generateRepository(loadSpecFile(specs.b), { out: fresh });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  commitSteps = faultStepsTaken() - before;
  newSet = snapshot(fresh);
  return () => rmSync(templates, { recursive: true, force: true });
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-robust-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Starts the next run on `out` with a spec whose output fails validation: it recovers, then writes nothing. */
function nextRunRecovers(out: string): void {
  const result = generateRepository(loadSpecFile(specs.invalid), { out });
  expect(result.ok).toBe(false);
  expect(result.diagnostics.some((d) => d.severity === "error" && /^(MC|RL|ND|PY)-/.test(d.code))).toBe(true);
}

describe("the sets differ enough to test anything", () => {
  it("B replaces files, creates files and folders, and keeps the user's", () => {
    expect(commitSteps).toBeGreaterThan(10);
    expect(Object.keys(newSet).filter((k) => !(k in oldSet))).toContain("model_repository/gamma/");
    expect(Object.keys(oldSet).filter((k) => oldSet[k] !== newSet[k] && k in newSet).length).toBeGreaterThan(2);
    expect(newSet["notes.txt"]).toBe(oldSet["notes.txt"]);
    expect(newSet["docker-compose.yml"]).toBe(oldSet["docker-compose.yml"]);
  });
});

describe("killed at random steps of the commit (seeded)", () => {
  const SEED = 20261204;
  const KILLS = 6;
  it(`after ${KILLS} kills the folder is the old set or the new set, and nothing is left beside it`, () => {
    const random = prng(SEED);
    const points = new Set<number>([1, commitSteps]);
    while (points.size < KILLS) points.add(1 + Math.floor(random() * commitSteps));
    const seen = { old: 0, new: 0 };
    for (const k of [...points].sort((a, b) => a - b)) {
      const out = join(root, `out-${k}`);
      makeOld(out);
      const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(k) } });
      expect(run.signal, `kill at step ${k}: ${run.stderr}`).toBe("SIGKILL");
      nextRunRecovers(out);
      const after = snapshot(out);
      const which = JSON.stringify(after) === JSON.stringify(newSet) ? "new" : "old";
      expect(after, `kill at step ${k} of ${commitSteps}`).toEqual(which === "new" ? newSet : oldSet);
      seen[which] += 1;
      expect(leftovers(root, `out-${k}`), `kill at step ${k}`).toEqual([]);
    }
    // The first step is before any change, the last after the commit point: both outcomes occur.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 240_000);

  it("killed while creating a new output folder: no folder, or the whole new one", () => {
    // With no output folder yet, the commit is one step: the staged tree renamed into place.
    const killed = join(root, "fresh-killed");
    const run = runCli(["generate", specs.a, "--out", killed], { env: { GEN_REPO_FAULT_KILL_AT: "1" } });
    expect(run.signal).toBe("SIGKILL");
    nextRunRecovers(killed);
    expect(existsSync(killed)).toBe(false);
    expect(leftovers(root, "fresh-killed")).toEqual([]);

    const whole = join(root, "fresh-whole");
    const done = runCli(["generate", specs.a, "--out", whole], { env: { GEN_REPO_FAULT_KILL_AT: "2" } });
    expect(done.status).toBe(0);
    expect(snapshot(whole)).toEqual(freshSet);
    expect(leftovers(root, "fresh-whole")).toEqual([]);
  });
});

describe("the transaction covers whatever set of files the plan writes", () => {
  it("--target kubernetes (kubernetes/ instead of docker-compose.yml): killed mid-commit, the old set or the new set", () => {
    const make = (out: string, spec: string) => {
      const result = generateRepository(loadSpecFile(spec), { out, target: "kubernetes" });
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    };
    const old = join(root, "k8s-old");
    make(old, specs.a);
    const oldK8s = snapshot(old);
    expect(Object.keys(oldK8s).some((k) => k.startsWith("kubernetes/"))).toBe(true);
    const fresh = join(root, "k8s-new");
    cpSync(old, fresh, { recursive: true });
    const before = faultStepsTaken();
    make(fresh, specs.b);
    const steps = faultStepsTaken() - before;
    const newK8s = snapshot(fresh);
    const random = prng(7);
    for (const k of [1 + Math.floor(random() * steps), 1 + Math.floor(random() * steps)]) {
      const out = join(root, `k8s-${k}`);
      cpSync(old, out, { recursive: true });
      const run = runCli(["generate", specs.b, "--out", out, "--target", "kubernetes"], {
        env: { GEN_REPO_FAULT_KILL_AT: String(k) },
      });
      expect(run.signal, run.stderr).toBe("SIGKILL");
      nextRunRecovers(out);
      const after = snapshot(out);
      expect([JSON.stringify(oldK8s), JSON.stringify(newK8s)], `kill at step ${k} of ${steps}`).toContain(
        JSON.stringify(after),
      );
      expect(leftovers(root, `k8s-${k}`)).toEqual([]);
    }
  }, 240_000);
});

describe("killed again while undoing", () => {
  it("a recovery killed at any of its steps is finished by the run after it", () => {
    const midCommit = Math.ceil(commitSteps * 0.7);
    for (const j of [1, 2, 3]) {
      const out = join(root, `again-${j}`);
      makeOld(out);
      expect(
        runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(midCommit) } }).signal,
      ).toBe("SIGKILL");
      // The next run starts by undoing that commit, and is killed at step j of the undo.
      expect(
        runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(j) } }).signal,
        `undo step ${j}`,
      ).toBe("SIGKILL");
      nextRunRecovers(out);
      expect(snapshot(out), `undo killed at step ${j}`).toEqual(oldSet);
      expect(leftovers(root, `again-${j}`)).toEqual([]);
    }
  }, 240_000);
});

describe("a step of the commit fails", () => {
  it.each([
    ["the first", () => 1],
    ["a middle", () => Math.ceil(commitSteps / 2)],
    ["the last before the commit point", () => commitSteps - 1],
  ])("%s step: the old set is back at once, a clear message, nothing left", (_label, step) => {
    const out = join(root, "out");
    makeOld(out);
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_FAIL_AT: String(step()) } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /error GEN-IO: cannot write .*out: EIO \(input\/output error\); the previous files were kept as they were, nothing written/,
    );
    expect(snapshot(out)).toEqual(oldSet);
    expect(leftovers(root, "out")).toEqual([]);
  });

  it("a failing clean-up after the commit point keeps the new set; the next run removes what is left", () => {
    const out = join(root, "out");
    makeOld(out);
    // The last step removes the transaction folder: killed there, everything is committed.
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(commitSteps) } });
    expect(run.signal).toBe("SIGKILL");
    expect(leftovers(root, "out").sort()).toEqual([".out.gen-repo-lock", ".out.gen-repo-txn"]);
    nextRunRecovers(out);
    expect(snapshot(out)).toEqual(newSet);
    expect(leftovers(root, "out")).toEqual([]);
  });
});

/** The steps of one run, from GEN_REPO_FAULT_TRACE: `[step, label]` in order. */
function traced(stderr: string): [number, string][] {
  return [...stderr.matchAll(/^gen-repo fault step (\d+): (.*)$/gm)].map((m) => [Number(m[1]), m[2] as string]);
}

/** A step's kind: its label without the path it names (`move scripts/run.sh in` → `move … in`). */
function kind(label: string): string {
  return label.replace(/^(make|set|move|put|remove|remove the folder) (?!the |what )\S+/, "$1 …");
}

/** The first step of each kind, in order. */
function firstOfEachKind(steps: [number, string][]): [number, string][] {
  const seen = new Map<string, [number, string]>();
  for (const [k, label] of steps) if (!seen.has(kind(label))) seen.set(kind(label), [k, kind(label)]);
  return [...seen.values()];
}

describe("every kind of step of the commit and of its undo has a fault point, and each is survived", () => {
  // Every kind the commit and the recovery have (transaction.ts); a step without a fault point is missing here.
  const COMMIT_KINDS = [
    "make the transaction folder",
    "move the staged tree into the transaction",
    "write the journal",
    "put the journal in place",
    "make …",
    "set … aside",
    "move … in",
    "mark the transaction committed",
    "remove the transaction folder",
  ];
  const UNDO_KINDS = ["put … back", "remove …", "remove the folder …", "remove what the interrupted run left"];
  let commit: [number, string][] = [];

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "gen-robust-trace-"));
    const out = join(dir, "out");
    makeOld(out);
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_TRACE: "1" } });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    commit = traced(run.stderr);
  });

  it("the commit of B over A goes through every kind", () => {
    expect(commit.length).toBe(commitSteps);
    expect(firstOfEachKind(commit).map(([, k]) => k)).toEqual(COMMIT_KINDS);
  });

  it("killed at the first step of each kind: the old set or the new set after the next run, nothing left", () => {
    for (const [k, what] of firstOfEachKind(commit)) {
      const out = join(root, `kind-kill-${k}`);
      makeOld(out);
      const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(k) } });
      expect(run.signal, `kill at ${what}: ${run.stderr}`).toBe("SIGKILL");
      nextRunRecovers(out);
      // Before the commit point the old set, from it on the new one.
      const want = what === "remove the transaction folder" ? newSet : oldSet;
      expect(snapshot(out), `killed at step ${k} (${what})`).toEqual(want);
      expect(leftovers(root, `kind-kill-${k}`), what).toEqual([]);
    }
  }, 240_000);

  it("failing at the first step of each kind before the commit point: the old set at once, nothing left", () => {
    for (const [k, what] of firstOfEachKind(commit)) {
      if (what === "remove the transaction folder") continue; // after the commit point: covered above
      const out = join(root, `kind-fail-${k}`);
      makeOld(out);
      const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_FAIL_AT: String(k) } });
      expect(run.status, `fail at ${what}: ${run.stderr}`).toBe(1);
      expect(run.stderr, what).toContain("the previous files were kept as they were, nothing written");
      expect(snapshot(out), `failed at step ${k} (${what})`).toEqual(oldSet);
      expect(leftovers(root, `kind-fail-${k}`), what).toEqual([]);
    }
  }, 240_000);

  it("the undo of a commit killed before its commit point goes through every kind, and survives a kill at each", () => {
    // Killed at the last step before `committed`: every file is in, every folder made, all of it to undo.
    const lastMove = commit.filter(([, label]) => kind(label) === "move … in").at(-1)?.[0] ?? 0;
    const killedCommit = (out: string) => {
      makeOld(out);
      const run = runCli(["generate", specs.b, "--out", out], {
        env: { GEN_REPO_FAULT_KILL_AT: String(lastMove + 1) },
      });
      expect(run.signal, run.stderr).toBe("SIGKILL");
    };
    const probe = join(root, "undo-trace");
    killedCommit(probe);
    const undo = traced(
      runCli(["generate", specs.invalid, "--out", probe], { env: { GEN_REPO_FAULT_TRACE: "1" } }).stderr,
    );
    expect(snapshot(probe)).toEqual(oldSet);
    expect(firstOfEachKind(undo).map(([, k]) => k)).toEqual(UNDO_KINDS);
    for (const [j, what] of firstOfEachKind(undo)) {
      const out = join(root, `undo-kill-${j}`);
      killedCommit(out);
      const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_KILL_AT: String(j) } });
      expect(run.signal, `undo killed at ${what}: ${run.stderr}`).toBe("SIGKILL");
      nextRunRecovers(out);
      expect(snapshot(out), `undo killed at step ${j} (${what})`).toEqual(oldSet);
      expect(leftovers(root, `undo-kill-${j}`), what).toEqual([]);
    }
  }, 240_000);
});
