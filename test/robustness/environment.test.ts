/**
 * generate on hostile ground: a folder it cannot write, a full disk, links
 * inside the output folder, an output folder that is a link to another file
 * system. Each case: a clear message, the old set byte for byte (or the new
 * one when the run succeeds), nothing written outside --out, nothing left.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  openSync,
  closeSync,
  readFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import {
  bindReadOnly,
  mountTmpfs,
  mountsAvailable,
  requireMounts,
  skipWithoutMounts,
  unmount,
} from "./support/mounts.js";
import { leftovers, runCli, snapshot, specA, specB, writeSpec } from "./support/harness.js";

let root = "";
let specs = { a: "", b: "" };
let setA: Record<string, string> = {};
let setB: Record<string, string> = {};
const mounted: string[] = [];
const canMount = mountsAvailable();
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "gen-env-tpl-"));
  chmodSync(dir, 0o755); // the specs are read by nobody too (see the read-only test)
  specs = { a: writeSpec(join(dir, "a.json"), specA()), b: writeSpec(join(dir, "b.json"), specB()) };
  generateRepository(loadSpecFile(specs.a), { out: join(dir, "a") });
  setA = snapshot(join(dir, "a"));
  cpSync(join(dir, "a"), join(dir, "b"), { recursive: true });
  generateRepository(loadSpecFile(specs.b), { out: join(dir, "b") });
  setB = snapshot(join(dir, "b"));
  return () => rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-env-"));
});
afterEach(() => {
  for (const dir of mounted.splice(0).reverse()) unmount(dir);
  rmSync(root, { recursive: true, force: true });
});

function generateA(out: string): void {
  const result = generateRepository(loadSpecFile(specs.a), { out });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
}

describe("a folder of the output that cannot be written", () => {
  it("scripts/ read-only: the old set stays, with a clear message", () => {
    const out = join(root, "out");
    generateA(out);
    // Root writes through any mode: a read-only mount stops it; without mounts, the run is nobody's
    // (65534), who owns the folders, so only the read-only scripts/ is in its way.
    const asNobody = !canMount && isRoot;
    if (canMount) {
      bindReadOnly(join(out, "scripts"));
      mounted.push(join(out, "scripts"));
    } else chmodSync(join(out, "scripts"), 0o555);
    if (asNobody) {
      chmodSync(root, 0o755);
      execFileSync("chown", ["-R", "65534:65534", root]);
    }
    const run = runCli(["generate", specs.b, "--out", out], asNobody ? { uid: 65534, gid: 65534, cwd: tmpdir() } : {});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /error GEN-IO: cannot write .*: E(ROFS|XDEV|ACCES)[^;]*; the previous files were kept as they were, nothing written/,
    );
    expect(snapshot(out)).toEqual(setA);
    expect(leftovers(root, "out")).toEqual([]);
  });
});

describe("a full disk", () => {
  const fullDisk = "the full-disk test on a small tmpfs";
  it.skipIf(skipWithoutMounts(fullDisk))(
    "on a small tmpfs: fails with ENOSPC, the old set stays, the space taken is given back",
    () => {
      requireMounts(fullDisk);
      const disk = join(root, "disk");
      mkdirSync(disk);
      mountTmpfs(disk, 512 * 1024);
      mounted.push(disk);
      const out = join(disk, "out");
      generateA(out);
      // Fill the disk but for 3 pages: staging starts, then runs out of space.
      const page = Buffer.alloc(4096, 1);
      const fd = openSync(join(disk, "filler"), "w");
      try {
        for (let i = statfsSync(disk).bfree; i > 3; i -= 1) writeSync(fd, page);
      } finally {
        closeSync(fd);
      }
      const before = statfsSync(disk).bfree;
      expect(before).toBeLessThanOrEqual(3);

      const run = runCli(["generate", specs.b, "--out", out]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /error GEN-IO: cannot stage the files for .*out: ENOSPC \(no space left on the device\); nothing written, the staging folder was removed/,
      );
      expect(snapshot(out)).toEqual(setA);
      expect(leftovers(disk, "out")).toEqual([]);
      expect(statfsSync(disk).bfree).toBe(before);
    },
  );

  it("an injected ENOSPC in the commit (everywhere): the old set stays, the message names it", () => {
    const out = join(root, "out");
    generateA(out);
    const run = runCli(["generate", specs.b, "--out", out], { env: { GEN_REPO_FAULT_FAIL_AT: "4:ENOSPC" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "ENOSPC (no space left on the device); the previous files were kept as they were, nothing written",
    );
    expect(snapshot(out)).toEqual(setA);
    expect(leftovers(root, "out")).toEqual([]);
  });
});

describe("links inside the output folder are refused", () => {
  it.each(["scripts", "model_repository"])(
    "%s committed as a link to a folder elsewhere: nothing written there or in --out",
    (folder) => {
      const out = join(root, "out");
      generateA(out);
      const elsewhere = join(root, "elsewhere");
      cpSync(join(out, folder), elsewhere, { recursive: true });
      rmSync(join(out, folder), { recursive: true });
      symlinkSync(elsewhere, join(out, folder));
      const outBefore = snapshot(out);
      const elsewhereBefore = snapshot(elsewhere);
      const run = runCli(["generate", specs.b, "--out", out]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `${folder} is a symbolic link inside ${out}; gen-repo writes only inside the output folder and does not follow links in it`,
      );
      expect(snapshot(out)).toEqual(outBefore);
      expect(snapshot(elsewhere)).toEqual(elsewhereBefore);
      expect(leftovers(root, "out")).toEqual([]);
    },
  );

  it("a generated file that is a link is not read through and not followed: kept, or with --force the link itself is replaced", () => {
    const out = join(root, "out");
    generateA(out);
    const secret = join(root, "secret.txt");
    writeFileSync(secret, "outside\n");
    rmSync(join(out, "docker-compose.yml"));
    symlinkSync(secret, join(out, "docker-compose.yml"));
    const kept = runCli(["generate", specs.b, "--out", out]);
    expect(kept.status).toBe(0);
    expect(kept.stderr).toContain("docker-compose.yml exists and was not written by triton-repo; kept as it is");
    expect(readlinkSync(join(out, "docker-compose.yml"))).toBe(secret);
    const forced = runCli(["generate", specs.b, "--out", out, "--force"]);
    expect(forced.status).toBe(0);
    expect(lstatSync(join(out, "docker-compose.yml")).isSymbolicLink()).toBe(false);
    expect(snapshot(out)).toEqual(setB);
    expect(readFileSync(secret, "utf8")).toBe("outside\n");
  });
});

describe("--out that is itself a link", () => {
  it(`works, also to another file system${canMount ? "" : " (same file system here: mounting is not allowed)"}`, () => {
    // Outside CI the same-file-system half still runs; CI must run the other half too.
    if (process.env.CI === "true") requireMounts("--out linked to another file system");
    const target = join(root, "target");
    mkdirSync(target);
    if (canMount) {
      mountTmpfs(target, 4 * 1024 * 1024);
      mounted.push(target);
    }
    const real = join(target, "deploy");
    mkdirSync(real);
    const link = join(root, "deploy-link");
    symlinkSync(real, link);
    expect(runCli(["generate", specs.a, "--out", link]).status).toBe(0);
    expect(snapshot(real)).toEqual(setA);
    const update = runCli(["generate", specs.b, "--out", link]);
    expect(update.status, update.stderr).toBe(0);
    expect(snapshot(real)).toEqual(setB);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(leftovers(root, "deploy-link")).toEqual([]);
    expect(leftovers(target, "deploy")).toEqual([]);
  });
});
