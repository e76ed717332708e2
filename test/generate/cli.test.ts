/**
 * `gen-repo generate` and `gen-repo init` in-process, with injected argv and
 * streams: output lines, stderr diagnostics and exit codes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "act-pick-place.yaml");
let cwd = "";

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "gen-cli-"));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const run = (...argv: string[]) => runInProcess(argv, { cwd });

describe("gen-repo generate", () => {
  it("writes the ACT deployment and lists every file; a second run changes nothing", async () => {
    const first = await run("generate", FIXTURE, "--out", "deploy");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n").filter(Boolean)).toEqual([
      "create           deploy/model_repository/act_pick_place/config.pbtxt",
      "create           deploy/model_repository/act_pick_place/1/model.py",
      "create           deploy/model_repository/act_pick_place/1/gen_repo_spec.py",
      "create           deploy/docker-compose.yml",
      "create           deploy/Dockerfile",
      "create           deploy/scripts/test_python_backend.py",
      "create           deploy/scripts/inference_client.py",
      "7 created, 0 updated, 0 unchanged, 0 kept",
    ]);
    expect(existsSync(join(cwd, "deploy", "model_repository", "act_pick_place", "1", "model.py"))).toBe(true);
    const second = await run("generate", FIXTURE, "--out", "deploy");
    expect(second.stdout.split("\n").filter(Boolean).at(-1)).toBe("0 created, 0 updated, 7 unchanged, 0 kept");
  });

  it("--dry-run writes nothing and says so", async () => {
    const r = await run("generate", FIXTURE, "--out", "deploy", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dry run, nothing written: would be 7 created, 0 updated, 0 unchanged, 0 kept");
    expect(existsSync(join(cwd, "deploy"))).toBe(false);
  });

  it("a spec error prints file:line:column, code, path and hint, and exits 1", async () => {
    writeFileSync(
      join(cwd, "bad.yaml"),
      readFileSync(FIXTURE, "utf8").replace("template: stateful", "template: stateful\n    dynamic_batching: true"),
    );
    const r = await run("generate", "bad.yaml", "--out", "deploy");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'bad.yaml:19:23: error GEN-TEMPLATE-MISMATCH: model "act_pick_place" uses the stateful template, which cannot use dynamic batching (at models[0].dynamic_batching)',
    );
    expect(r.stderr).toContain("  hint: the action queue is kept per sequence");
    expect(r.stderr).toContain("gen-repo generate: nothing written");
    expect(existsSync(join(cwd, "deploy"))).toBe(false);
  });

  it("a validation finding names the spec line it comes from, and the generated file inside --out", async () => {
    writeFileSync(join(cwd, "gpu.yaml"), readFileSync(FIXTURE, "utf8").replace("gpus: [0]", "gpus: [5]"));
    const r = await run("generate", "gpu.yaml", "--out", "deploy");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gpu\.yaml:35:14: error MC-42: /m);
    expect(r.stderr).toMatch(
      /^ {2}deploy\/model_repository\/act_pick_place\/config\.pbtxt:\d+:3: instance_group\[0\]\.gpus\[0\] in the generated config$/m,
    );
  });

  it("--format json prints the result", async () => {
    const r = await run("generate", FIXTURE, "--out", "deploy", "--format", "json");
    const json = JSON.parse(r.stdout) as { ok: boolean; files: { action: string }[] };
    expect(json.ok).toBe(true);
    expect(json.files).toHaveLength(7);
  });

  it.each([
    [["generate", "--out", "x"], "expected exactly one SPEC file"],
    [["generate", "spec.yaml"], "--out DIR is required"],
    [["generate", "spec.yaml", "--out", "x", "--format", "xml"], '--format must be text or json, got "xml"'],
    [["generate", "spec.yaml", "--out", "x", "--bogus"], 'unknown option "--bogus"'],
  ])("usage error %j exits 2", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("gen-repo init", () => {
  it("writes a starter spec that generates a valid repository", async () => {
    const init = await run("init", "--name", "policy");
    expect(init.code).toBe(0);
    expect(init.stdout).toBe("wrote triton-repo.yaml\nnext: gen-repo generate triton-repo.yaml --out deploy\n");
    const text = readFileSync(join(cwd, "triton-repo.yaml"), "utf8");
    expect(text).toContain('  - name: "policy"');
    const gen = await run("generate", "triton-repo.yaml", "--out", "deploy");
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
  });

  it("does not replace an existing file without --force", async () => {
    writeFileSync(join(cwd, "triton-repo.yaml"), "mine\n");
    const r = await run("init");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("gen-repo init: triton-repo.yaml exists; use --force to replace it\n");
    expect(readFileSync(join(cwd, "triton-repo.yaml"), "utf8")).toBe("mine\n");
    expect((await run("init", "--force")).code).toBe(0);
  });

  it("refuses a model name that cannot be a folder", async () => {
    const r = await run("init", "spec.yaml", "--name", "../up");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gen-repo init: --name: "../up" is not allowed at models[0].name');
    expect(existsSync(join(cwd, "spec.yaml"))).toBe(false);
  });
});
