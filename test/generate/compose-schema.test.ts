/**
 * Every docker-compose.yml the generator writes is a valid Compose file: it
 * validates against the Compose Specification's own JSON Schema (what Compose
 * v2 reads; shared conformance data), for every spec of the tests and every
 * deployment option, on both --device values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { specForDevice } from "../../src/generate/device.js";
import { checkSpecValue, loadSpecFile } from "../../src/generate/load-spec.js";
import { planRepository } from "../../src/generate/plan.js";
import type { DeploymentSpec, RepoSpec } from "../../src/generate/spec.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { minimalSpec } from "./support/minimal-spec.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SPEC_FILES = [
  "fixtures/act-pick-place.yaml",
  "test/generate/specs/all-templates.yaml",
  "test/generate/specs/scripts.yaml",
  "test/generate/specs/hostile.yaml",
];

const OPTIONS: [string, DeploymentSpec | undefined][] = [
  ["defaults", undefined],
  ["a GPU count", { gpus: 2 }],
  ["GPU ids", { gpus: [1, 3] }],
  ["no GPU", { gpus: 0 }],
  ["no app", { app: false }],
  [
    "an app with its own command and environment",
    { app: { name: "sim", image: "python:3.11", command: ["python", "run.py"], environment: { LEVEL: "3" } } },
  ],
  [
    "mounts, checkpoints, environment, packages",
    {
      mounts: [{ source: "./src", target: "/workspace/src", read_only: true }],
      checkpoint_dir: { source: "./ckpt", target: "/ckpt" },
      environment: { OMP_NUM_THREADS: "2" },
      python_packages: ["torch==2.4.0"],
      shm_size: "4gb",
      triton_image_tag: "24.12-py3",
    },
  ],
  ["an explicit PYTHONPATH without mounts", { pythonpath: "/opt/code" }],
];

function composeOf(spec: RepoSpec): unknown {
  const checked = checkSpecValue(spec);
  if (!checked.spec) throw new Error(JSON.stringify(checked.diagnostics));
  const file = planRepository(checked.spec, checked.source).files.find((f) => f.path === "docker-compose.yml");
  return parseYaml(file?.content ?? "");
}

const cases: [string, RepoSpec][] = [];
for (const path of SPEC_FILES) {
  const loaded = loadSpecFile(join(ROOT, path), path);
  if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
  for (const device of ["gpu", "cpu"] as const)
    cases.push([`${path} --device ${device}`, specForDevice(loaded.spec, device)]);
}
for (const [label, deployment] of OPTIONS) {
  for (const device of ["gpu", "cpu"] as const)
    cases.push([`${label} --device ${device}`, specForDevice(minimalSpec(deployment), device)]);
}

describe.skipIf(!sharedAvailable())("docker-compose.yml against the Compose Specification schema", () => {
  const schema = JSON.parse(readFileSync(sharedPath("conformance", "compose", "compose-spec.json"), "utf8")) as Record<
    string,
    unknown
  >;
  // The schema names its draft with an https URL that ajv does not know; it is draft-07, ajv's default.
  delete schema.$schema;
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

  it.each(cases)("%s", (_label, spec) => {
    const valid = validate(composeOf(spec));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("refuses what Compose refuses (the oracle is not blind)", () => {
    expect(validate({ services: { triton: { image: "x", environment: null } } })).toBe(false);
    expect(
      validate({
        services: { triton: { image: "x", deploy: { resources: { reservations: { devices: [{ count: "two" }] } } } } },
      }),
    ).toBe(false);
  });
});
