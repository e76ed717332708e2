import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type PreCommit, GIT_ENV, git, hookRepository, preCommits, tempDir } from "./support.js";

/**
 * The hooks of `.pre-commit-hooks.yaml` installed and run by the real
 * pre-commit, from a git repository (`repo:` a local clone, `rev:` its
 * commit), with an empty PRE_COMMIT_HOME, in every pre-commit version we
 * support: a valid repository passes, a commit of a config Triton would refuse
 * is blocked with our diagnostic, and a commit of an unformatted config is
 * stopped after triton-fmt rewrote the file.
 */

const VALID_CONFIG = `name: "m"
backend: "python"
max_batch_size: 8
input [
  {
    name: "IN"
    data_type: TYPE_FP32
    dims: [ 4 ]
  }
]
output [
  {
    name: "OUT"
    data_type: TYPE_FP32
    dims: [ 4 ]
  }
]
`;

const MODEL_PY = `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`;

const versions = preCommits();
const work = tempDir("triton-precommit-");
afterAll(() => rmSync(work, { recursive: true, force: true }));
const hooks = versions.length > 0 ? hookRepository(work) : undefined;

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

function run(cwd: string, command: string, args: string[], home: string): Run {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: home, NO_COLOR: "1", PRE_COMMIT_COLOR: "never", CI: "" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { code: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`, seconds };
}

/** A user's repository with one valid model and the hooks configured. */
function userRepository(name: string): string {
  const dir = join(work, name);
  git(work, "init", "--quiet", dir);
  const files: Record<string, string> = {
    ".pre-commit-config.yaml": `repos:\n  - repo: ${hooks?.path}\n    rev: ${hooks?.rev}\n    hooks:\n      - id: triton-validate\n      - id: triton-fmt\n`,
    "model_repository/m/config.pbtxt": VALID_CONFIG,
    "model_repository/m/1/model.py": MODEL_PY,
  };
  for (const [path, text] of Object.entries(files)) {
    writeText(join(dir, path), text);
  }
  git(dir, "add", "--all");
  return dir;
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe.skipIf(versions.length === 0).each(versions)("pre-commit $version ($label)", (pc: PreCommit) => {
  const home = join(work, `home-${pc.label}`);
  const repo = userRepository(`user-${pc.label}`);
  const config = join(repo, "model_repository/m/config.pbtxt");

  it("installs the hooks from git and passes a valid repository (first install, then warm)", () => {
    const first = run(repo, pc.bin, ["run", "--all-files"], home);
    expect(first.output).toMatch(/validate Triton model repositories\.+Passed/);
    expect(first.output).toMatch(/format Triton config\.pbtxt files\.+Passed/);
    expect(first.code).toBe(0);
    const warm = run(repo, pc.bin, ["run", "--all-files"], home);
    expect(warm.code).toBe(0);
    console.info(
      `pre-commit ${pc.version}: first install and run ${first.seconds.toFixed(2)} s, warm run ${warm.seconds.toFixed(2)} s`,
    );
    git(repo, "commit", "--quiet", "--no-verify", "-m", "valid model");
    expect(run(repo, pc.bin, ["install"], home).code).toBe(0);
  });

  it("blocks the commit of a config Triton would refuse, with our diagnostic", () => {
    writeFileSync(
      config,
      VALID_CONFIG.replace(
        "max_batch_size: 8\n",
        "max_batch_size: 8\ndynamic_batching {\n  preferred_batch_size: [ 16 ]\n}\n",
      ),
    );
    git(repo, "add", "model_repository/m/config.pbtxt");
    const commit = run(repo, "git", ["commit", "-m", "bigger preferred batch"], home);
    expect(commit.code).not.toBe(0);
    expect(commit.output).toMatch(/validate Triton model repositories\.+Failed/);
    expect(commit.output).toContain("model_repository/m/config.pbtxt:5:");
    expect(commit.output).toContain("MC-51");
    expect(git(repo, "log", "--format=%s")).not.toContain("bigger preferred batch");
    writeFileSync(config, VALID_CONFIG);
    git(repo, "add", "model_repository/m/config.pbtxt");
  });

  it("stops the commit of an unformatted config after triton-fmt rewrote it", () => {
    const unformatted = VALID_CONFIG.replace(
      'name: "m"\nbackend: "python"',
      'name:"m"  backend : "python"  # the python backend',
    );
    writeFileSync(config, unformatted);
    git(repo, "add", "model_repository/m/config.pbtxt");
    const commit = run(repo, "git", ["commit", "-m", "squeezed"], home);
    expect(commit.code).not.toBe(0);
    expect(commit.output).toMatch(/format Triton config\.pbtxt files\.+Failed/);
    expect(commit.output).toContain("files were modified by this hook");
    expect(readFileSync(config, "utf8")).toBe(
      VALID_CONFIG.replace('backend: "python"', 'backend: "python"  # the python backend'),
    );
    expect(git(repo, "log", "--format=%s")).not.toContain("squeezed");
    // The rewritten file, staged, commits.
    git(repo, "add", "model_repository/m/config.pbtxt");
    const again = run(repo, "git", ["commit", "-m", "formatted"], home);
    expect(again.output).toMatch(/format Triton config\.pbtxt files\.+Passed/);
    expect(again.code).toBe(0);
  });
});

describe.skipIf(hooks === undefined)("the hook bundle in the clone", () => {
  it("runs on its own and knows its version", () => {
    const pkg = JSON.parse(readFileSync(join(hooks?.path as string, "package.json"), "utf8")) as { version: string };
    const r = spawnSync(join(hooks?.path as string, "hooks", "gen-repo.cjs"), ["--version"], { encoding: "utf8" });
    expect([r.status, r.stdout]).toEqual([0, `${pkg.version}\n`]);
  });
});
