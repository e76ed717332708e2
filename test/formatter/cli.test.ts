// `gen-repo fmt` in-process: what it prints, what it writes, and its exit codes.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { captureIo } from "../support/run-cli.js";
import { type AtomicWriteFs, writeFileAtomic } from "../../src/formatter/write-atomic.js";
import * as fs from "node:fs";

const MESSY = "name:'m' # keep me\nmax_batch_size:8\n";
const TIDY = 'name: "m"  # keep me\nmax_batch_size: 8\n';
const BROKEN = "name: 'm'\ninput { dims: [ 1 }\n";

let root: string;

const io = () => captureIo(root);

function put(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, text);
  return full;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-repo-fmt-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("gen-repo fmt", () => {
  it("prints the formatted file without flags", async () => {
    put("a/config.pbtxt", MESSY);
    const c = io();
    expect(await runCli(["fmt", "a/config.pbtxt"], c)).toBe(0);
    expect(c.out).toBe(TIDY);
    expect(readFileSync(join(root, "a/config.pbtxt"), "utf8")).toBe(MESSY);
  });

  it("--check lists the files that would change and exits 1", async () => {
    put("repo/m1/config.pbtxt", MESSY);
    put("repo/m2/config.pbtxt", TIDY);
    put("repo/.git/config.pbtxt", MESSY);
    const c = io();
    expect(await runCli(["fmt", "repo", "--check"], c)).toBe(1);
    expect(c.out).toBe(`${join("repo", "m1", "config.pbtxt")}\n`);
    expect(readFileSync(join(root, "repo/m1/config.pbtxt"), "utf8")).toBe(MESSY);
  });

  it("--check exits 0 when every file is formatted", async () => {
    put("repo/m2/config.pbtxt", TIDY);
    const c = io();
    expect(await runCli(["fmt", "repo", "--check"], c)).toBe(0);
    expect(c.out).toBe("");
  });

  it("--write rewrites in place, keeps the mode, and a second --check is clean", async () => {
    const file = put("repo/m1/config.pbtxt", MESSY);
    chmodSync(file, 0o640);
    const c = io();
    expect(await runCli(["fmt", "repo", "--write"], c)).toBe(0);
    expect(c.out).toBe(`${join("repo", "m1", "config.pbtxt")}\n`);
    expect(readFileSync(file, "utf8")).toBe(TIDY);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, "repo/m1"))).toEqual(["config.pbtxt"]);
    expect(await runCli(["fmt", "repo", "--check"], io())).toBe(0);
  });

  it("--write follows a symbolic link and leaves the link in place", async () => {
    const target = put("real/config.pbtxt", MESSY);
    mkdirSync(join(root, "model"));
    symlinkSync(target, join(root, "model/config.pbtxt"));
    expect(await runCli(["fmt", "model/config.pbtxt", "--write"], io())).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(TIDY);
    expect(fs.lstatSync(join(root, "model/config.pbtxt")).isSymbolicLink()).toBe(true);
  });

  it("reports a file that does not parse as FILE:LINE:COLUMN and never rewrites it", async () => {
    const file = put("bad/config.pbtxt", BROKEN);
    put("good/config.pbtxt", MESSY);
    const c = io();
    expect(await runCli(["fmt", ".", "--write"], c)).toBe(1);
    expect(c.err).toMatch(/^bad\/config\.pbtxt:2:19: /m);
    expect(readFileSync(file, "utf8")).toBe(BROKEN);
    expect(readFileSync(join(root, "good/config.pbtxt"), "utf8")).toBe(TIDY);
  });

  it("--check also exits 1 on a file that does not parse", async () => {
    put("bad/config.pbtxt", BROKEN);
    const c = io();
    expect(await runCli(["fmt", "bad", "--check"], c)).toBe(1);
    expect(c.out).toBe("");
    expect(c.err).toContain("bad/config.pbtxt:2:19");
  });

  it("exits 2 for a missing path, as every command does", async () => {
    const c = io();
    expect(await runCli(["fmt", "nowhere", "--check"], c)).toBe(2);
    expect(c.err).toContain("no such file or folder: nowhere");
  });

  it("applies --messages", async () => {
    put("config.pbtxt", "input { name: 'a' }\ninput { name: 'b' }\n");
    const c = io();
    expect(await runCli(["fmt", "config.pbtxt", "--messages", "lists"], c)).toBe(0);
    expect(c.out).toBe('input [\n  {\n    name: "a"\n  },\n  {\n    name: "b"\n  }\n]\n');
  });

  it.each([
    [["fmt", "x", "--check", "--write"], "cannot be combined"],
    [["fmt", "x", "--messages", "rows"], "--messages must be one of: keep, blocks, lists"],
    [["fmt", "--write"], "--write needs at least one PATH"],
  ])("usage error %j exits 2", async (argv, message) => {
    const c = io();
    expect(await runCli(argv, c)).toBe(2);
    expect(c.err).toContain(message);
  });
});

describe("gen-repo fmt on standard input", () => {
  const PROJECT = join(import.meta.dirname, "..", "..");
  function run(args: string[], input: string) {
    const script = `import(${JSON.stringify(join(PROJECT, "src/cli/main.ts"))}).then(async (m) => { process.exitCode = await m.runCli(${JSON.stringify(["fmt", ...args])}); })`;
    return spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: PROJECT, input, encoding: "utf8" });
  }

  it("formats standard input to standard output", () => {
    const r = run([], MESSY);
    expect(r.stdout).toBe(TIDY);
    expect(r.status).toBe(0);
  });

  it("--check exits 1 when standard input would change", () => {
    const r = run(["--check"], MESSY);
    expect(r.stdout).toBe("<stdin>\n");
    expect(r.status).toBe(1);
  });

  it("reports a parse error as <stdin>:LINE:COLUMN and exits 1", () => {
    const r = run([], BROKEN);
    expect(r.stderr).toMatch(/^<stdin>:2:19: /m);
    expect(r.stdout).toBe("");
    expect(r.status).toBe(1);
  });
});

describe("writeFileAtomic", () => {
  function failing(step: keyof AtomicWriteFs): AtomicWriteFs {
    const real: AtomicWriteFs = {
      realpathSync: (p) => fs.realpathSync(p),
      statSync: (p) => fs.statSync(p),
      openSync: (p, f, m) => fs.openSync(p, f, m),
      writeSync: (fd, t) => fs.writeSync(fd, t),
      fsyncSync: (fd) => fs.fsyncSync(fd),
      closeSync: (fd) => fs.closeSync(fd),
      chmodSync: (p, m) => fs.chmodSync(p, m),
      renameSync: (a, b) => fs.renameSync(a, b),
      unlinkSync: (p) => fs.unlinkSync(p),
    };
    return {
      ...real,
      [step]: () => {
        throw new Error(`simulated ${step} failure`);
      },
    };
  }

  it.each(["writeSync", "fsyncSync", "chmodSync", "renameSync"] as const)(
    "leaves the original intact when %s fails",
    (step) => {
      const file = put("m/config.pbtxt", MESSY);
      expect(() => writeFileAtomic(file, TIDY, failing(step))).toThrow(`simulated ${step} failure`);
      expect(readFileSync(file, "utf8")).toBe(MESSY);
      expect(readdirSync(join(root, "m"))).toEqual(["config.pbtxt"]);
    },
  );

  it("leaves the original intact when the temporary file cannot be created", () => {
    const file = put("m/config.pbtxt", MESSY);
    expect(() => writeFileAtomic(file, TIDY, failing("openSync"))).toThrow("simulated openSync failure");
    expect(readFileSync(file, "utf8")).toBe(MESSY);
  });

  it("replaces the content when nothing fails", () => {
    const file = put("m/config.pbtxt", MESSY);
    writeFileAtomic(file, TIDY);
    expect(readFileSync(file, "utf8")).toBe(TIDY);
    expect(readdirSync(join(root, "m"))).toEqual(["config.pbtxt"]);
  });
});
