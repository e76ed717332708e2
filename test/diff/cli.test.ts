// `gen-repo diff` in-process: two files, a file against a git revision,
// JSON output and exit codes (0 same, 1 different, 2 cannot read or parse).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { captureIo } from "../support/run-cli.js";

const OLD = 'name: "m"\nmax_batch_size: 8\ninstance_group { count: 1 kind: KIND_GPU }\n';
const NEW = '# reformatted\nname: "m"\nmax_batch_size: 8\ninstance_group {\n  kind: KIND_GPU\n  count: 2\n}\n';

let root: string;

const io = () => captureIo(root);

function git(...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
}

/**
 * `--rev` runs the real git. Missing under CI=true is a failure (CI installs
 * it, so a silent skip would hide that the suite never ran); elsewhere the
 * suite skips with one line saying how to get it.
 */
function gitAvailable(): boolean {
  const ok = spawnSync("git", ["--version"], { stdio: "ignore" }).status === 0;
  if (!ok && process.env.CI === "true") throw new Error("CI=true but git is not installed (apt-get install git)");
  if (!ok) console.warn("skipping gen-repo diff --rev tests: git not found (apt-get install git)");
  return ok;
}

const hasGit = gitAvailable();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-repo-diff-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("gen-repo diff", () => {
  it("prints changes by path and exits 1 when the configs differ", async () => {
    writeFileSync(join(root, "old.pbtxt"), OLD);
    writeFileSync(join(root, "new.pbtxt"), NEW);
    const c = io();
    expect(await runCli(["diff", "old.pbtxt", "new.pbtxt"], c)).toBe(1);
    expect(c.out).toContain("instance_group[0].count: 1 -> 2\n");
    expect(c.out).toContain("reload: update in place, no reload");
    expect(c.out).toContain("interface: unchanged");
  });

  it("exits 0 when only formatting and comments differ", async () => {
    writeFileSync(join(root, "a.pbtxt"), OLD);
    writeFileSync(join(root, "b.pbtxt"), `# just a comment\n${OLD.replace(/ /g, "  ")}`);
    const c = io();
    expect(await runCli(["diff", "a.pbtxt", "b.pbtxt"], c)).toBe(0);
    expect(c.out).toContain("no semantic difference");
  });

  it("--format json prints the whole answer as data", async () => {
    writeFileSync(join(root, "old.pbtxt"), OLD);
    writeFileSync(join(root, "new.pbtxt"), NEW.replace("max_batch_size: 8", "max_batch_size: 4"));
    const c = io();
    expect(await runCli(["diff", "old.pbtxt", "new.pbtxt", "--format", "json"], c)).toBe(1);
    const json = JSON.parse(c.out);
    expect(json).toMatchObject({
      before: "old.pbtxt",
      after: "new.pbtxt",
      identical: false,
      reload: { kind: "reload", fields: ["max_batch_size"] },
      interface: { changed: true, areas: ["batch dimension"], paths: ["max_batch_size"] },
    });
    expect(json.changes).toEqual([
      { path: "max_batch_size", kind: "changed", before: 8, after: 4, beforeText: "8", afterText: "4" },
      { path: "instance_group[0].count", kind: "changed", before: 1, after: 2, beforeText: "1", afterText: "2" },
    ]);
  });

  it("a default spelled out differs (exit 1) but needs no reload: Triton compares its normalised configs", async () => {
    mkdirSync(join(root, "m"));
    const py = 'backend: "python"\nmax_batch_size: 8\ndynamic_batching { }\n';
    writeFileSync(join(root, "m", "old.pbtxt"), py);
    writeFileSync(join(root, "m", "new.pbtxt"), py.replace("{ }", "{ preferred_batch_size: [ 8 ] }"));
    const c = io();
    expect(await runCli(["diff", "m/old.pbtxt", "m/new.pbtxt", "--format", "json"], c)).toBe(1);
    expect(JSON.parse(c.out)).toMatchObject({
      identical: false,
      changes: [{ path: "dynamic_batching.preferred_batch_size", kind: "added" }],
      reload: { kind: "none", fields: [], paths: [] },
      interface: { changed: false, areas: [], paths: [] },
    });
    const t = io();
    expect(await runCli(["diff", "m/old.pbtxt", "m/new.pbtxt"], t)).toBe(1);
    expect(t.out).toContain("reload: nothing to apply, no reload (");
  });

  it("exits 2 with FILE:LINE:COLUMN when a side does not parse", async () => {
    writeFileSync(join(root, "old.pbtxt"), OLD);
    writeFileSync(join(root, "bad.pbtxt"), "name: 'm'\nmax_batch_size: x\n");
    const c = io();
    expect(await runCli(["diff", "old.pbtxt", "bad.pbtxt"], c)).toBe(2);
    expect(c.err).toMatch(/^bad\.pbtxt:2:17: /m);
  });

  it("exits 2 for a missing file", async () => {
    const c = io();
    expect(await runCli(["diff", "nope.pbtxt", "nope2.pbtxt"], c)).toBe(2);
    expect(c.err).toContain("no such file or folder: nope.pbtxt");
  });

  it.each([
    [["diff", "a.pbtxt"], "expected OLD and NEW files"],
    [["diff", "a", "b", "--rev", "HEAD"], "with --rev, give exactly one FILE"],
    [["diff", "a", "b", "--format", "yaml"], "--format must be text or json"],
  ])("usage error %j exits 2", async (argv, message) => {
    const c = io();
    expect(await runCli(argv, c)).toBe(2);
    expect(c.err).toContain(message);
  });

  describe.runIf(hasGit)("--rev", () => {
    it("compares the working file with the committed one, from any working folder", async () => {
      mkdirSync(join(root, "models", "m"), { recursive: true });
      const file = join(root, "models", "m", "config.pbtxt");
      writeFileSync(file, OLD);
      git("init", "-q", ".");
      git("add", ".");
      git("commit", "-qm", "first");
      writeFileSync(file, NEW);
      const c = io();
      expect(await runCli(["diff", "models/m/config.pbtxt", "--rev", "HEAD"], c)).toBe(1);
      expect(c.out).toContain(
        "--- models/m/config.pbtxt@HEAD\n+++ models/m/config.pbtxt\ninstance_group[0].count: 1 -> 2\n",
      );
    });

    it("reports an unknown revision and exits 2", async () => {
      writeFileSync(join(root, "config.pbtxt"), OLD);
      git("init", "-q", ".");
      git("add", ".");
      git("commit", "-qm", "first");
      const c = io();
      expect(await runCli(["diff", "config.pbtxt", "--rev", "no-such-branch"], c)).toBe(2);
      expect(c.err).toContain("cannot read config.pbtxt@no-such-branch");
    });

    it("refuses a revision that looks like an option", async () => {
      writeFileSync(join(root, "config.pbtxt"), OLD);
      const c = io();
      expect(await runCli(["diff", "config.pbtxt", "--rev=--output=x"], c)).toBe(2);
      expect(c.err).toContain("is not a revision");
    });
  });
});
