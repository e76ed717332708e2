/**
 * Two generate runs on one --out: they never interleave. The second waits for
 * the first and the result is one whole deployment; a run that waits too long
 * fails with a clear message and writes nothing; a lock left by a killed run
 * is broken.
 */
import { spawnSync } from "node:child_process";
import { hostname, tmpdir } from "node:os";
import { mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { leftovers, runCli, snapshot, specA, specB, startCli, writeSpec } from "./support/harness.js";

let root = "";
let specs = { a: "", b: "" };
let setA: Record<string, string> = {};
let setB: Record<string, string> = {};

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "gen-conc-tpl-"));
  specs = { a: writeSpec(join(dir, "a.json"), specA()), b: writeSpec(join(dir, "b.json"), specB()) };
  generateRepository(loadSpecFile(specs.a), { out: join(dir, "a") });
  setA = snapshot(join(dir, "a"));
  cpSync(join(dir, "a"), join(dir, "b"), { recursive: true });
  generateRepository(loadSpecFile(specs.b), { out: join(dir, "b") });
  setB = snapshot(join(dir, "b"));
  return () => rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-conc-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("concurrent runs on the same --out", () => {
  it("four runs at once (two specs) all succeed one after the other; the result is one whole deployment", async () => {
    const out = join(root, "out");
    generateRepository(loadSpecFile(specs.a), { out });
    const runs = await Promise.all(
      [specs.b, specs.a, specs.b, specs.a].map((spec) => startCli(["generate", spec, "--out", out])),
    );
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const after = JSON.stringify(snapshot(out));
    // A after B leaves gamma's files behind (stale files are never deleted): A's set plus gamma, or B's set.
    const aOverB = JSON.stringify({ ...setB, ...setA });
    expect([JSON.stringify(setB), aOverB]).toContain(after);
    expect(leftovers(root, "out")).toEqual([]);
  }, 180_000);

  it("a lock held by a live process: waits, then fails clearly and writes nothing", () => {
    const out = join(root, "out");
    generateRepository(loadSpecFile(specs.a), { out });
    writeFileSync(join(root, ".out.gen-repo-lock"), `${process.pid} ${hostname()}\n`);
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_LOCK_WAIT_MS: "300" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `error GEN-IO: another gen-repo generate (pid ${process.pid}) is writing ${out}; gave up waiting after 0 s; nothing written`,
    );
    expect(run.stderr).toContain(
      `hint: run again when it has finished; if no such run exists, remove ${join(root, ".out.gen-repo-lock")}`,
    );
    expect(snapshot(out)).toEqual(setA);
    expect(leftovers(root, "out")).toEqual([".out.gen-repo-lock"]);
  });

  it("a lock left by a killed run (its pid is gone) is broken and the run goes ahead", () => {
    const out = join(root, "out");
    generateRepository(loadSpecFile(specs.a), { out });
    writeFileSync(join(root, ".out.gen-repo-lock"), `${deadPid()} ${hostname()}\n`);
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_LOCK_WAIT_MS: "300" } });
    expect(run.status, run.stderr).toBe(0);
    expect(snapshot(out)).toEqual(setB);
    expect(leftovers(root, "out")).toEqual([]);
  });
});
