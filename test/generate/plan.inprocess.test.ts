/**
 * planRepository on small specs, compared with plans written by hand: which
 * files (and which are executable), which empty folders, which warnings, for
 * each deployment target and script switch. The file contents are other
 * suites' business (golden, templates); here the oracle is the list.
 */
import { describe, expect, it } from "vitest";
import { planRepository } from "../../src/generate/plan.js";
import type { RepoSpec } from "../../src/generate/spec.js";
import { objectSpecSource } from "../../src/generate/spec-source.js";

const tensor = (name: string) => ({ name, data_type: "TYPE_FP32" as const, dims: [1] });
const model = (name: string, template: "basic" | "decoupled" | "stateful" = "basic") => ({
  name,
  template,
  inputs: [tensor("x")],
  outputs: [tensor("y")],
});
const ensemble = (name: string, step: string) => ({
  name,
  inputs: [tensor("a")],
  outputs: [tensor("b")],
  steps: [{ model: step, input_map: { x: "a" }, output_map: { y: "b" } }],
});

const BASE: RepoSpec = { version: 1, models: [model("m")] };
const source = objectSpecSource("spec.yaml");

/** [path, executable] of each planned file. */
function listed(spec: RepoSpec, target?: "compose" | "kubernetes" | "all") {
  const plan = target === undefined ? planRepository(spec, source) : planRepository(spec, source, target);
  return plan.files.map((f) => [f.path, f.executable] as const);
}

const MODEL_FILES = [
  ["model_repository/m/config.pbtxt", false],
  ["model_repository/m/1/model.py", false],
  ["model_repository/m/1/gen_repo_spec.py", false],
] as const;
const SCRIPTS = [
  ["scripts/test_python_backend.py", true],
  ["scripts/inference_client.py", true],
] as const;

describe("planRepository", () => {
  it("the default target is compose: the model, docker-compose.yml, both scripts executable, nothing else", () => {
    const plan = planRepository(BASE, source);
    expect(plan.files.map((f) => [f.path, f.executable])).toEqual([
      ...MODEL_FILES,
      ["docker-compose.yml", false],
      ...SCRIPTS,
    ]);
    expect(plan.directories).toEqual([]);
    expect(plan.diagnostics).toEqual([]);
    expect(listed(BASE, "compose")).toEqual(listed(BASE));
  });

  it("kubernetes writes manifests instead of docker-compose.yml; all writes both", () => {
    const k8s = listed(BASE, "kubernetes");
    expect(k8s.some(([p]) => p === "docker-compose.yml")).toBe(false);
    const manifests = k8s.filter(([p]) => p.startsWith("kubernetes/"));
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.every(([, x]) => x === false)).toBe(true);
    const all = listed(BASE, "all");
    expect(all).toEqual([...MODEL_FILES, ["docker-compose.yml", false], ...manifests, ...SCRIPTS]);
  });

  it("each script can be switched off", () => {
    expect(listed({ ...BASE, scripts: { test: false } })).toEqual([
      ...MODEL_FILES,
      ["docker-compose.yml", false],
      ["scripts/inference_client.py", true],
    ]);
    expect(listed({ ...BASE, scripts: { client: false } })).toEqual([
      ...MODEL_FILES,
      ["docker-compose.yml", false],
      ["scripts/test_python_backend.py", true],
    ]);
  });

  it("an ensemble: its config and an empty version folder in the spec's repository; decoupled when a step is", () => {
    const spec: RepoSpec = {
      version: 1,
      repository: "repo",
      models: [model("m"), model("d", "decoupled")],
      ensembles: [ensemble("e_plain", "m"), ensemble("e_dec", "d")],
    };
    const plan = planRepository(spec, source);
    expect(plan.directories).toEqual(["repo/e_plain/1", "repo/e_dec/1"]);
    const config = (p: string) => plan.files.find((f) => f.path === p)?.content ?? "";
    expect(config("repo/e_plain/config.pbtxt")).toContain('platform: "ensemble"');
    expect(config("repo/e_plain/config.pbtxt")).not.toContain("model_transaction_policy");
    expect(config("repo/e_dec/config.pbtxt")).toMatch(/model_transaction_policy \{\s+decoupled: true\s+\}/);
    expect(plan.diagnostics).toEqual([]);
  });

  it("Python packages: a warning with a pinning hint for each unpinned one; none without packages", () => {
    const spec: RepoSpec = {
      ...BASE,
      deployment: { python_packages: ["numpy>=1.2", "torch==2.1.0", "scipy", "a~=1"] },
    };
    const plan = planRepository(spec, source);
    expect(plan.files.some((f) => f.path === "Dockerfile")).toBe(true);
    expect(plan.diagnostics.map((d) => [d.severity, d.message, d.hint])).toEqual([
      [
        "warning",
        'Python package "numpy>=1.2" has no pinned version',
        'pin it (for example "numpy==X.Y.Z", the release you tested) so every image build installs the same code',
      ],
      [
        "warning",
        'Python package "scipy" has no pinned version',
        'pin it (for example "scipy==X.Y.Z", the release you tested) so every image build installs the same code',
      ],
      [
        "warning",
        'Python package "a~=1" has no pinned version',
        'pin it (for example "a==X.Y.Z", the release you tested) so every image build installs the same code',
      ],
    ]);
    expect(planRepository({ ...BASE, deployment: {} }, source).diagnostics).toEqual([]);
  });

  it("a model or an ensemble the builder refuses: its diagnostic at its place in the spec, none of its files", () => {
    const spec: RepoSpec = {
      version: 1,
      models: [model("ok"), { ...model("bad"), max_batch_size: 2 ** 31 }],
      ensembles: [{ ...ensemble("e_bad", "ok"), max_batch_size: 2 ** 31 }, ensemble("e_ok", "ok")],
    };
    const plan = planRepository(spec, source);
    expect(plan.files.map((f) => f.path)).toEqual([
      "model_repository/ok/config.pbtxt",
      "model_repository/ok/1/model.py",
      "model_repository/ok/1/gen_repo_spec.py",
      "model_repository/e_ok/config.pbtxt",
      "docker-compose.yml",
      "scripts/test_python_backend.py",
      "scripts/inference_client.py",
    ]);
    expect(plan.directories).toEqual(["model_repository/e_ok/1"]);
    expect(plan.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["PB-RANGE", "models[1] (config max_batch_size)"],
      ["PB-RANGE", "ensembles[0] (config max_batch_size)"],
    ]);
  });
});
