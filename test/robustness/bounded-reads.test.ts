/**
 * Every command that reads a file returns at once, in bounded memory, whatever
 * the path names: a FIFO nobody writes to, /dev/zero, a folder, a file far
 * over the cap. Each run is the real CLI in its own process with a time limit,
 * so a hang or a runaway read fails the test instead of stalling the suite.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRefusal, readBounded } from "../../src/fsio/bounded-read.js";
import { runCli, specA, writeSpec } from "./support/harness.js";

const CONFIG = 'name: "m"\nbackend: "python"\nmax_batch_size: 1\n';
/** A run that read a FIFO or /dev/zero would block or grow until the harness kills it; these finish in seconds. */
const FAST_MS = 15_000;
/** Peak memory allowed for one refused read: the start-up footprint plus well under the read cap. */
const MEMORY_LIMIT_MIB = 200;
let root = "";

function maxRssMiB(stderr: string): number {
  const match = /max-rss-kib: (\d+)/.exec(stderr);
  if (!match) throw new Error(`no memory report in: ${stderr}`);
  return Number(match[1]) / 1024;
}
let fifo = "";
let zero = "";
let huge = "";
let good = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "gen-reads-"));
  fifo = join(root, "fifo.pbtxt");
  execFileSync("mkfifo", [fifo]);
  zero = join(root, "zero.pbtxt");
  symlinkSync("/dev/zero", zero);
  // Sparse: 65 MiB on paper, nothing on disk.
  huge = join(root, "huge.pbtxt");
  const fd = openSync(huge, "w");
  ftruncateSync(fd, 65 * 1024 * 1024);
  closeSync(fd);
  good = join(root, "good.pbtxt");
  writeFileSync(good, CONFIG);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases = () =>
  [
    ["a FIFO", fifo, "it is a FIFO, not a regular file"],
    ["/dev/zero", zero, "it is a device, not a regular file"],
    ["a file over the cap", huge, "larger than the 64 MiB limit (at least 65 MiB)"],
  ] as const;

describe("the shared reader", () => {
  it("refuses each kind of non-file at once and reads a regular file whole", () => {
    for (const [, path, message] of cases()) {
      const started = Date.now();
      const read = readBounded(path);
      expect(Date.now() - started).toBeLessThan(1000);
      expect("refused" in read && describeRefusal(read.refused)).toBe(message);
    }
    expect(readBounded(root)).toEqual({ refused: { kind: "not-a-file", what: "folder" } });
    expect(readBounded(join(root, "nope"))).toEqual({ refused: { kind: "missing" } });
    const read = readBounded(good);
    expect("bytes" in read && read.bytes.toString()).toBe(CONFIG);
  });

  it("caps what it reads even when the size claimed is smaller (a file growing while read)", () => {
    // /proc files claim size 0 and produce more: the cap, not the claimed size, bounds the read.
    const read = readBounded("/proc/self/maps", 16);
    expect(read).toEqual({ refused: { kind: "too-large", size: 17, maxBytes: 16 } });
  });
});

describe("commands refuse at once, naming the file", () => {
  it.each(["print", "fmt", "fmt --check", "diff"])("%s", (command) => {
    for (const [label, path, message] of cases()) {
      const argv = [...command.split(" "), path, ...(command === "diff" ? [good] : [])];
      const run = runCli(argv, { timeoutMs: FAST_MS, env: { GEN_REPO_TEST_REPORT_RSS: "1" } });
      expect(run.signal, `${command} on ${label} was killed: it hung`).toBeNull();
      expect(run.status, label).not.toBe(0);
      expect(run.stderr, label).toContain(`cannot read ${path}: ${message}`);
      // Node with tsx starts near 100 MiB; one read of /dev/zero up to the 64 MiB cap would add at least that much.
      expect(maxRssMiB(run.stderr), label).toBeLessThan(MEMORY_LIMIT_MIB);
    }
  });

  it("fmt on a folder holding a config.pbtxt that is a FIFO or a link to /dev/zero (as the pre-commit hook runs it)", () => {
    const folder = join(root, "repo");
    mkdirSync(join(folder, "a"), { recursive: true });
    mkdirSync(join(folder, "b"), { recursive: true });
    mkdirSync(join(folder, "c"), { recursive: true });
    execFileSync("mkfifo", [join(folder, "a", "config.pbtxt")]);
    symlinkSync("/dev/zero", join(folder, "b", "config.pbtxt"));
    writeFileSync(join(folder, "c", "config.pbtxt"), 'name:   "m"\n');
    const run = runCli(["fmt", "--check", "repo"], { cwd: root, timeoutMs: FAST_MS });
    expect(run.signal).toBeNull();
    expect(run.stderr).toContain("cannot read repo/a/config.pbtxt: it is a FIFO, not a regular file");
    expect(run.stderr).toContain("cannot read repo/b/config.pbtxt: it is a device, not a regular file");
    expect(run.stdout).toBe("repo/c/config.pbtxt\n");
    expect(run.status).toBe(1);
  });

  it("generate with a spec that is a FIFO or /dev/zero", () => {
    for (const [label, path, message] of cases().slice(0, 2)) {
      const run = runCli(["generate", path, "--out", join(root, "never")], { timeoutMs: FAST_MS });
      expect(run.signal, label).toBeNull();
      expect(run.stderr, label).toContain(`error GEN-IO: cannot read spec: ${message}`);
    }
  });

  it("generate where a generated file is a FIFO: refused, nothing written", () => {
    const out = join(root, "deploy");
    mkdirSync(out);
    execFileSync("mkfifo", [join(out, "docker-compose.yml")]);
    const spec = writeSpec(join(root, "a.json"), specA());
    const run = runCli(["generate", spec, "--out", out], { timeoutMs: FAST_MS });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot read docker-compose.yml: it is a FIFO, not a regular file");
    expect(spawnSync("ls", ["-A", out], { encoding: "utf8" }).stdout).toBe("docker-compose.yml\n");
  });
});

describe("validate: a model.py that cannot be read is a finding", () => {
  // Root reads every file whatever its mode: the check runs as an unprivileged user then.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  it("TR-6 names the file", () => {
    const repo = mkdtempSync(join(tmpdir(), "gen-reads-repo-"));
    try {
      chmodSync(repo, 0o755);
      mkdirSync(join(repo, "m", "1"), { recursive: true });
      writeFileSync(join(repo, "m", "config.pbtxt"), CONFIG);
      writeFileSync(
        join(repo, "m", "1", "model.py"),
        "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
      );
      chmodSync(join(repo, "m", "1", "model.py"), 0o000);
      const run = runCli(["validate", repo], { ...asUser, cwd: tmpdir(), timeoutMs: FAST_MS });
      expect(run.stdout + run.stderr).toContain("TR-6");
      expect(run.stdout + run.stderr).toContain("cannot read 'm/1/model.py': permission denied");
      expect(run.status).toBe(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
