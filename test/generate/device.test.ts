/**
 * `generate --device cpu`: the same deployment for hosts without a GPU. Every
 * KIND_GPU group (from `instances` or the `config` escape hatch) is KIND_CPU
 * without GPU ids, compose reserves no GPU, and nothing else changes: warmup,
 * batching, model.py and the scripts are byte for byte those of --device gpu.
 * Unpinned Python packages of the Triton image are warned about at their spec position.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { specForDevice } from "../../src/generate/device.js";
import { checkSpecValue, loadSpecFile } from "../../src/generate/load-spec.js";
import { planRepository } from "../../src/generate/plan.js";
import type { RepoSpec } from "../../src/generate/spec.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "act-pick-place.yaml");
const loaded = loadSpecFile(FIXTURE, "fixtures/act-pick-place.yaml");
if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
const gpu = planRepository(specForDevice(loaded.spec, "gpu"), loaded.source);
const cpu = planRepository(specForDevice(loaded.spec, "cpu"), loaded.source);
const content = (plan: typeof gpu, path: string) => plan.files.find((f) => f.path === path)?.content ?? "";
const CONFIG = "model_repository/act_pick_place/config.pbtxt";

describe("generate --device cpu on the ACT fixture", () => {
  it("writes the instance group as KIND_CPU, without GPU ids", () => {
    expect(content(gpu, CONFIG)).toContain("instance_group {\n  kind: KIND_GPU\n  count: 1\n  gpus: [ 0 ]\n}");
    expect(content(cpu, CONFIG)).toContain("instance_group {\n  kind: KIND_CPU\n  count: 1\n}");
    expect(content(cpu, CONFIG)).not.toContain("KIND_GPU");
  });

  it("changes nothing else in the config (warmup and sequence batching stay)", () => {
    const strip = (text: string) =>
      text
        .split("\n")
        .filter((l) => !/^# Generated|KIND_|gpus:/.test(l))
        .join("\n");
    expect(strip(content(cpu, CONFIG))).toBe(strip(content(gpu, CONFIG)));
    expect(content(cpu, CONFIG)).toContain("model_warmup {");
  });

  it("reserves no GPU in docker-compose.yml", () => {
    const services = (
      parseYaml(content(cpu, "docker-compose.yml")) as { services: Record<string, { deploy?: unknown }> }
    ).services;
    expect(services.triton?.deploy).toBeUndefined();
    expect(
      (parseYaml(content(gpu, "docker-compose.yml")) as { services: Record<string, { deploy?: unknown }> }).services
        .triton?.deploy,
    ).toBeDefined();
  });

  it.each([
    "model_repository/act_pick_place/1/model.py",
    "scripts/test_python_backend.py",
    "scripts/inference_client.py",
    "Dockerfile",
  ])("leaves %s unchanged", (path) => {
    expect(content(cpu, path)).toBe(content(gpu, path));
  });

  it("has pinned python_packages, so no warning", () => {
    expect(cpu.diagnostics).toEqual([]);
  });
});

describe("specForDevice", () => {
  const spec: RepoSpec = {
    version: 1,
    models: [
      {
        name: "m",
        template: "basic",
        inputs: [{ name: "x", data_type: "TYPE_FP32", dims: [1] }],
        outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [1] }],
        config: {
          instance_group: [
            { kind: "KIND_GPU", count: 2, gpus: [0, 1] },
            { kind: "KIND_CPU", count: 1 },
          ],
        },
      },
    ],
    deployment: { gpus: [0, 1], python_packages: ["numpy==1.26.4", "torch[cpu]==2.4.0", "scipy>=1.10", "rich"] },
  };

  it("rewrites a KIND_GPU group of the config escape hatch and keeps a CPU group as it is", () => {
    const cpuSpec = specForDevice(spec, "cpu");
    expect(cpuSpec.models[0]?.config?.instance_group).toEqual([
      { kind: "KIND_CPU", count: 2 },
      { kind: "KIND_CPU", count: 1 },
    ]);
    expect(cpuSpec.deployment?.gpus).toBe(0);
    expect(spec.models[0]?.config?.instance_group).toEqual([
      { kind: "KIND_GPU", count: 2, gpus: [0, 1] },
      { kind: "KIND_CPU", count: 1 },
    ]);
    expect(specForDevice(spec, "gpu")).toBe(spec);
  });

  it("warns only about packages without ==, at their spec position", () => {
    const checked = checkSpecValue(spec);
    if (!checked.spec) throw new Error(JSON.stringify(checked.diagnostics));
    const plan = planRepository(specForDevice(checked.spec, "cpu"), checked.source);
    expect(plan.diagnostics.map((d) => [d.code, d.severity, d.path, d.message])).toEqual([
      [
        "GEN-UNPINNED-PACKAGE",
        "warning",
        "deployment.python_packages[2]",
        'Python package "scipy>=1.10" has no pinned version',
      ],
      [
        "GEN-UNPINNED-PACKAGE",
        "warning",
        "deployment.python_packages[3]",
        'Python package "rich" has no pinned version',
      ],
    ]);
  });
});
