import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * bin/gen-repo.js picks what to run: the esbuild bundle (dist/cli), the tsc
 * output (dist/src) when the bundle is missing or older, or a clear error.
 * The choice is tested on a copy of the launcher beside stand-in builds that
 * say which one ran; the real bundle is checked against the tsc output.
 * test/cli/code-cache.test.ts checks the bundle's code cache.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "triton-launcher-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(files: { bundle?: number; compiled?: number }): string {
  const dir = mkdtempSync(join(work, "p-"));
  mkdirSync(join(dir, "bin"));
  cpSync(join(ROOT, "bin", "gen-repo.js"), join(dir, "bin", "gen-repo.js"));
  cpSync(join(ROOT, "bin", "package.json"), join(dir, "bin", "package.json"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  if (files.bundle !== undefined) {
    const bundle = join(dir, "dist", "cli", "gen-repo.cjs");
    mkdirSync(join(dir, "dist", "cli"), { recursive: true });
    writeFileSync(bundle, 'process.stdout.write("bundle " + process.argv.slice(2).join(" "));\n');
    utimesSync(bundle, files.bundle, files.bundle);
  }
  if (files.compiled !== undefined) {
    const main = join(dir, "dist", "src", "cli", "main.js");
    mkdirSync(join(dir, "dist", "src", "cli"), { recursive: true });
    writeFileSync(
      main,
      'export async function runCli(argv) { process.stdout.write("tsc " + argv.join(" ")); return 3; }\n',
    );
    utimesSync(main, files.compiled, files.compiled);
  }
  return dir;
}

function launch(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, "bin", "gen-repo.js"), ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bin/gen-repo.js", () => {
  it("runs the bundle when it is as new as the tsc output (npm pack gives every file one time)", () => {
    expect(launch(project({ bundle: 1000, compiled: 1000 }), "validate", "x")).toMatchObject({
      code: 0,
      stdout: "bundle validate x",
    });
    expect(launch(project({ bundle: 2000, compiled: 1000 }), "print").stdout).toBe("bundle print");
  });

  it("runs the tsc output when the bundle is missing or older (tsc run alone), with runCli's exit code", () => {
    expect(launch(project({ compiled: 1000 }), "fmt", "a")).toMatchObject({ code: 3, stdout: "tsc fmt a" });
    expect(launch(project({ bundle: 1000, compiled: 2000 }), "fmt")).toMatchObject({ code: 3, stdout: "tsc fmt" });
  });

  it("fails clearly when nothing is built", () => {
    const r = launch(project({}), "--version");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("gen-repo: the CLI is not built (no dist/cli or dist/src): run `npm run build`\n");
  });
});

describe.runIf(existsSync(join(ROOT, "dist", "cli", "gen-repo.cjs")))("the built bundle (npm run build)", () => {
  const bundle = join(ROOT, "dist", "cli", "gen-repo.cjs");
  const compiled = join(work, "tsc-launcher.mjs");
  writeFileSync(
    compiled,
    `import { runCli } from ${JSON.stringify(join(ROOT, "dist", "src", "cli", "main.js"))};\nprocess.exitCode = await runCli(process.argv.slice(2));\n`,
  );
  const run = (program: string, args: string[], cwd = ROOT) => {
    const r = spawnSync(process.execPath, [program, ...args], { cwd, encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("is a small launcher and the program beside it, and nothing of an earlier layout", () => {
    expect(readdirSync(join(ROOT, "dist", "cli")).sort()).toEqual(["gen-repo-program.cjs", "gen-repo.cjs"]);
    // the launcher holds none of the CLI: the validator, the parser and the templates are in the program only
    const launcher = readFileSync(bundle, "utf8");
    expect(launcher.length).toBeLessThan(10_000);
    expect(launcher).not.toContain("runFamilies");
    expect(readFileSync(join(ROOT, "dist", "cli", "gen-repo-program.cjs"), "utf8")).toContain("runFamilies");
  });

  it.each([["--version"], ["print", "fixtures/act-pick-place/config.pbtxt"], ["validate", "--help"]])(
    "prints what the tsc output prints: %s",
    (...args) => {
      const fromBundle = run(bundle, args);
      expect(fromBundle.code, fromBundle.stderr).toBe(0);
      expect(fromBundle.stdout.length).toBeGreaterThan(4);
      expect(fromBundle).toEqual(run(compiled, args));
    },
  );

  it("generates the same files as the tsc output (templates and schemas found from the program)", () => {
    const a = join(work, "gen-bundle");
    const b = join(work, "gen-tsc");
    const args = (out: string) => ["generate", join(ROOT, "fixtures", "act-pick-place.yaml"), "--out", out];
    const fromBundle = run(bundle, args(a));
    expect(fromBundle.code, fromBundle.stderr).toBe(0);
    expect(run(compiled, args(b)).code).toBe(0);
    const list = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: "utf8" }).sort((x, y) => x.localeCompare(y));
    expect(list(a)).toEqual(list(b));
    expect(list(a).length).toBeGreaterThan(5);
    // and validates what it generated as the tsc output does
    const validate = ["validate", join(a, "model_repository"), "--format", "json"];
    const report = run(bundle, validate);
    expect(report.stdout).toContain('"models":');
    expect(report).toEqual(run(compiled, validate));
  });
});

describe("the committed pre-commit program (hooks/gen-repo.cjs)", () => {
  it("is committed with the program it runs, and nothing of an earlier layout", () => {
    const tracked = spawnSync("git", ["ls-files", "hooks"], { cwd: ROOT, encoding: "utf8" });
    if (tracked.status !== 0) throw new Error(`git ls-files failed (install git): ${tracked.stderr}`);
    const files = tracked.stdout.split("\n").filter(Boolean);
    expect(files).toContain("hooks/gen-repo.cjs");
    expect(files).toContain("hooks/gen-repo-program.cjs");
    expect(files.filter((f) => f.startsWith("hooks/chunks/") || f === "hooks/gen-repo.mjs")).toEqual([]);
    // the launcher names the program it runs
    const launcher = spawnSync("git", ["show", "HEAD:hooks/gen-repo.cjs"], { cwd: ROOT, encoding: "utf8" }).stdout;
    expect(launcher).toContain('"gen-repo-program.cjs"');
  });
});
