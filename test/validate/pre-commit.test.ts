import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { makeTree, pythonModel, removeTrees } from "./support/tree.js";

/**
 * The pre-commit hook as pre-commit runs it: the staged files of a real git
 * repository, filtered by the hook's `files` pattern, appended to its
 * `entry`. A broken staged config must fail the commit, a good one pass.
 */

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(join(import.meta.dirname, "..", "..", ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const hook = hooks.find((h) => h.id === "triton-validate") as Hook;

afterAll(removeTrees);

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_SYSTEM: "/dev/null" },
  });
}

/** Runs the hook's entry on the staged files, in process, from the repository's top folder. */
async function runHook(cwd: string): Promise<{ code: number; out: string; files: string[] }> {
  const staged = git(cwd, "diff", "--cached", "--name-only").split("\n").filter(Boolean);
  const files = staged.filter((f) => new RegExp(hook.files).test(f));
  const [program, ...args] = hook.entry.split(/\s+/);
  expect(program).toBe("hooks/gen-repo.cjs");
  let out = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), cwd, env: { NO_COLOR: "1" }, isTTY: false };
  const code = files.length === 0 ? 0 : await runCli([...args, ...(hook.pass_filenames === false ? [] : files)], io);
  return { code, out, files };
}

function initRepo(): string {
  const dir = makeTree({
    "README.md": "demo\n",
    ...Object.fromEntries(Object.entries(pythonModel("m")).map(([k, v]) => [`model_repository/${k}`, v])),
  });
  git(dir, "init", "-q");
  git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
  git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init");
  return dir;
}

describe("pre-commit hook triton-validate", () => {
  it("is declared as a script with a files pattern for configs and model.py", () => {
    expect(hook.language).toBe("script");
    const re = new RegExp(hook.files);
    expect(re.test("model_repository/m/config.pbtxt")).toBe(true);
    expect(re.test("model_repository/m/1/model.py")).toBe(true);
    expect(re.test("model_repository/m/configs/h100.pbtxt")).toBe(true);
    expect(re.test("README.md")).toBe(false);
  });

  it("fails a commit that stages a config Triton would refuse", async () => {
    const dir = initRepo();
    const config = join(dir, "model_repository/m/config.pbtxt");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        "max_batch_size: 8",
        "max_batch_size: 8\ndynamic_batching { preferred_batch_size: [16] }",
      ),
    );
    git(dir, "add", "model_repository/m/config.pbtxt");
    const result = await runHook(dir);
    expect(result.files).toEqual(["model_repository/m/config.pbtxt"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("model_repository/m/config.pbtxt:4:");
    expect(result.out).toContain("MC-51");
    expect(result.out).toContain("dynamic batching preferred size must be <= max batch size for m");
  });

  it("validates the whole repository of a staged model.py and passes a good change", async () => {
    const dir = initRepo();
    writeFileSync(
      join(dir, "model_repository/m/1/model.py"),
      `${readFileSync(join(dir, "model_repository/m/1/model.py"), "utf8")}\n# tweak\n`,
    );
    git(dir, "add", "model_repository/m/1/model.py");
    const result = await runHook(dir);
    expect(result.files).toEqual(["model_repository/m/1/model.py"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("1 model checked: 0 errors");
  });

  it("skips when no staged file matches", async () => {
    const dir = initRepo();
    writeFileSync(join(dir, "README.md"), "changed\n");
    git(dir, "add", "README.md");
    const result = await runHook(dir);
    expect(result.files).toEqual([]);
    expect(result.code).toBe(0);
  });
});
