/**
 * The examples in fixtures/ are built with the builder, print to their golden
 * text, and that text (like every config the builder helpers produce) is
 * accepted by protoc, which encodes it to the message we hold.
 * Regenerate goldens only on purpose: UPDATE_GOLDEN=1 npx vitest run test/builder.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { actPickPlaceConfig } from "../../fixtures/act-pick-place/build.js";
import {
  cpuInstances,
  decode,
  dynamicBatching,
  ensemble,
  fromPbtxt,
  pythonModel,
  sequenceBatching,
  tensor,
  toJSON,
  toPbtxt,
  warmupFor,
  type ModelConfig,
} from "../../src/builder/index.js";
import { packageRoot } from "../../src/schema/package-root.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

const ROOT = packageRoot();
const GOLDEN = join(ROOT, "fixtures", "act-pick-place", "config.pbtxt");
const work = mkdtempSync(join(tmpdir(), "triton-fixtures-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("fixtures/act-pick-place (the seed deployment)", () => {
  it("prints to its golden config.pbtxt", () => {
    const text = toPbtxt(actPickPlaceConfig);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("has what the guide asks for, plus the max_batch_size it forgot", () => {
    const { config, ok } = fromPbtxt(readFileSync(GOLDEN, "utf8"));
    expect(ok).toBe(true);
    expect(config).toMatchObject({
      backend: "python",
      max_batch_size: 16,
      instance_group: [{ kind: "KIND_GPU", count: 2, gpus: [0] }],
      dynamic_batching: { preferred_batch_size: [4, 8, 16], max_queue_delay_microseconds: 100 },
    });
    expect(config.model_warmup?.[0]?.inputs).toEqual({
      state__0: { data_type: "TYPE_FP32", dims: [8], zero_data: true },
      image__1: { data_type: "TYPE_FP32", dims: [3, 480, 640], zero_data: true },
    });
  });
});

const EXAMPLE = join(ROOT, "fixtures", "build-script-example.ts");
let exampleOutput: string | undefined;

/** Runs the README example as a user would (node + tsx) and returns the text it wrote. */
function runExample(): string {
  if (exampleOutput === undefined) {
    const out = join(work, "config.pbtxt");
    const run = spawnSync(process.execPath, ["--import", "tsx", EXAMPLE, out], { cwd: ROOT, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the example failed (${String(run.status)}):\n${run.stderr}`);
    exampleOutput = readFileSync(out, "utf8");
  }
  return exampleOutput;
}

describe("fixtures/build-script-example.ts (the README example)", () => {
  it("is at most ten lines", () => {
    expect(readFileSync(EXAMPLE, "utf8").trimEnd().split("\n").length).toBeLessThanOrEqual(10);
  });

  it("writes a Python-backend config when run", () => {
    const { config, ok } = fromPbtxt(runExample());
    expect(ok).toBe(true);
    expect(config).toMatchObject({ name: "classifier", backend: "python", max_batch_size: 16 });
  });
});

/** Every config the examples and helpers produce, by name. */
function builtConfigs(): Array<[string, ModelConfig]> {
  const inputs = [tensor("INPUT0", "TYPE_FP32", [-1, 16]), tensor("CORRID", "TYPE_UINT64", [1])];
  const stateful = pythonModel({
    name: "stateful",
    maxBatchSize: 8,
    inputs,
    outputs: [tensor("OUTPUT0", "TYPE_FP32", [-1, 16])],
    instances: [cpuInstances({ count: 2 })],
    sequenceBatching: sequenceBatching({
      controls: "standard",
      strategy: "oldest",
      maxCandidateSequences: 4,
      preferredBatchSize: [4],
    }),
    parameters: { EXECUTION_ENV_PATH: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" },
  });
  const warmed: ModelConfig = {
    ...stateful,
    model_warmup: warmupFor(stateful, { data: "random", dims: { INPUT0: [4, 16] } }),
  };
  const pipeline = ensemble({
    name: "pipeline",
    maxBatchSize: 8,
    inputs: [tensor("RAW", "TYPE_STRING", [1])],
    outputs: [tensor("SCORES", "TYPE_FP32", [1000])],
    steps: [
      { model: "decode", inputs: { IN: "RAW" }, outputs: { OUT: "PIXELS" } },
      { model: "classify", version: "9223372036854775807", inputs: { image: "PIXELS" }, outputs: { scores: "SCORES" } },
    ],
  });
  const batched = pythonModel({
    name: "priorities",
    maxBatchSize: 4,
    inputs: [tensor("x", "TYPE_BF16", [2])],
    outputs: [tensor("y", "TYPE_BF16", [2])],
    dynamicBatching: dynamicBatching({
      priorityLevels: 2,
      defaultPriorityLevel: 1,
      priorityQueuePolicy: { "2": { max_queue_size: 8, timeout_action: "DELAY" } },
    }),
  });
  return [
    ["act-pick-place", actPickPlaceConfig],
    ["stateful python model with warmup", warmed],
    ["ensemble", pipeline],
    ["priority queues", batched],
  ];
}

describe.runIf(protocAvailable())("protoc accepts every built config", () => {
  it.each(builtConfigs())("%s", (_name, config) => {
    const protoc = protocEncode(toPbtxt(config));
    expect(protoc.stderr).toBe("");
    expect(toJSON(decode(protoc.bytes).config)).toEqual(toJSON(config));
  });

  it("accepts the golden file and the README example's output as written", () => {
    expect(protocEncode(readFileSync(GOLDEN, "utf8")).stderr).toBe("");
    expect(protocEncode(runExample()).stderr).toBe("");
  });
});
