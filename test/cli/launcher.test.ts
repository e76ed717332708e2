import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * bin/gen-repo.js picks what to run: the esbuild bundle (dist/cli), the tsc
 * output (dist/src) when the bundle is missing or older, or a clear error.
 * The choice is tested on a copy of the launcher beside stand-in builds that
 * say which one ran; the real bundle is checked against the tsc output.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "triton-launcher-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(files: { bundle?: number; compiled?: number }): string {
  const dir = mkdtempSync(join(work, "p-"));
  mkdirSync(join(dir, "bin"));
  cpSync(join(ROOT, "bin", "gen-repo.js"), join(dir, "bin", "gen-repo.js"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  if (files.bundle !== undefined) {
    const bundle = join(dir, "dist", "cli", "gen-repo.mjs");
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

describe.runIf(existsSync(join(ROOT, "dist", "cli", "gen-repo.mjs")))("the built bundle (npm run build)", () => {
  const bundle = join(ROOT, "dist", "cli", "gen-repo.mjs");
  const compiled = join(work, "tsc-launcher.mjs");
  writeFileSync(
    compiled,
    `import { runCli } from ${JSON.stringify(join(ROOT, "dist", "src", "cli", "main.js"))};\nprocess.exitCode = await runCli(process.argv.slice(2));\n`,
  );
  const run = (program: string, args: string[], cwd = ROOT) => {
    const r = spawnSync(process.execPath, [program, ...args], { cwd, encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("keeps a chunk per command: the entry file holds none of the validator", () => {
    const chunks = readdirSync(join(ROOT, "dist", "cli", "chunks"));
    for (const command of ["validate", "print", "generate", "fmt", "diff", "serve", "init"])
      expect(chunks.some((f) => f.startsWith(`${command}-`))).toBe(true);
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

  it("generates the same files as the tsc output (templates and schemas found from the chunks)", () => {
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

describe("the committed pre-commit program (hooks/gen-repo.mjs)", () => {
  it("has every chunk it imports committed beside it", () => {
    const tracked = spawnSync("git", ["ls-files", "hooks"], { cwd: ROOT, encoding: "utf8" });
    if (tracked.status !== 0) throw new Error(`git ls-files failed (install git): ${tracked.stderr}`);
    const files = new Set(tracked.stdout.split("\n").filter(Boolean));
    expect(files.has("hooks/gen-repo.mjs")).toBe(true);
    // Static and dynamic imports of the entry and of each chunk, followed from the entry.
    const missing: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!files.has(file)) {
        missing.push(file);
        return;
      }
      const text = spawnSync("git", ["show", `HEAD:${file}`], { cwd: ROOT, encoding: "utf8" }).stdout;
      for (const m of text.matchAll(/(?:from|import\()\s*"\.\/([^"]+\.mjs)"/g)) {
        const dir = file.slice(0, file.lastIndexOf("/"));
        visit(`${dir}/${m[1]}`);
      }
    };
    visit("hooks/gen-repo.mjs");
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });
});
