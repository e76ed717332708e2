/**
 * String correlation ids (TYPE_STRING CORRID) on the real Triton. The local
 * Triton (2.51.0 from nvidia-pytriton 0.7.0) refuses every request to a model
 * with a TYPE_STRING CORRID control, whatever id is sent — a string or a
 * number, batching or not, direct or oldest — with "unexpected number of
 * string elements 2 for inference input 'CORRID', expecting 1" (seen from the
 * Python backend's input collection). So this suite is a canary: it pins that
 * behaviour, and fails the day the local Triton serves string ids, when the
 * scripts' string ids (checked against the fake client in
 * test/generate/scripts.test.ts) can be checked here end to end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { RunningTriton } from "../../src/serve/launch.js";
import { runBinary } from "../support/run-cli.js";
import { realTriton, runClientPython, startTriton } from "../support/triton.js";
import { ROOT } from "./seed-support.js";

const triton = realTriton();

describe.skipIf(!triton)("string correlation ids (TYPE_STRING CORRID) on the real Triton", () => {
  const work = mkdtempSync(join(tmpdir(), "seed-string-ids-"));
  const deploy = join(work, "deploy");
  let server: RunningTriton | undefined;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    const spec = parseYaml(readFileSync(join(ROOT, "fixtures", "act-pick-place.yaml"), "utf8")) as {
      models: { sequence: Record<string, unknown> }[];
    };
    const model = spec.models[0];
    if (!model) throw new Error("the seed has no model");
    model.sequence.controls = { corrid_data_type: "TYPE_STRING" };
    writeFileSync(join(work, "spec.json"), JSON.stringify(spec));
    const generated = runBinary(["generate", join(work, "spec.json"), "--out", deploy, "--device", "cpu"]);
    if (generated.code !== 0) throw new Error(generated.stderr);
    expect(readFileSync(join(deploy, "model_repository", "act_pick_place", "config.pbtxt"), "utf8")).toContain(
      "data_type: TYPE_STRING",
    );
    server = await startTriton({ repositories: [join(deploy, "model_repository")] });
  }, 120_000);

  const address = (protocol: string) => (protocol === "grpc" ? server?.grpcAddress : server?.httpAddress) ?? "";
  const REFUSAL = "unexpected number of string elements 2 for inference input 'CORRID', expecting 1";

  it.each(["grpc", "http"])(
    "the scripts send string ids over %s, and this Triton still refuses every TYPE_STRING CORRID request",
    async (protocol) => {
      const script = join(deploy, "scripts", "test_python_backend.py");
      expect(readFileSync(script, "utf8")).toContain('"correlation_id": "string"');
      const run = await runClientPython([script, "--url", address(protocol), "--protocol", protocol], {
        timeoutMs: 60_000,
      });
      expect(run.stdout).toContain("✓ Model act_pick_place is ready");
      // When this fails because the inference passed: the local Triton serves string ids now; assert success here instead.
      expect(run.stdout).toContain(REFUSAL);
      expect(run.code).toBe(1);
    },
    90_000,
  );
});
