/**
 * The builder helpers: each writes the fields Triton expects and nothing
 * else, normalises to the core's in-memory shape, and refuses with a
 * diagnostic what Triton would refuse at load.
 */
import { describe, expect, it } from "vitest";
import {
  cpuInstances,
  decode,
  dynamicBatching,
  encode,
  fromJSON,
  fromPbtxt,
  toJSON,
  ensemble,
  gpuInstances,
  modelConfig,
  parameters,
  pythonModel,
  sequenceBatching,
  tensor,
  toPbtxt,
  warmupFor,
  type ModelConfig,
} from "../../src/builder/index.js";
import { type Diagnostic, isDiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { validateConfig } from "../../src/validate/index.js";

/** The diagnostics of the DiagnosticError `run` throws; fails when it throws nothing or something else. */
function thrownDiagnostics(run: () => unknown): readonly Diagnostic[] {
  try {
    run();
  } catch (error: unknown) {
    if (isDiagnosticError(error)) return error.diagnostics;
    throw error;
  }
  throw new Error("expected a DiagnosticError, nothing was thrown");
}

describe("modelConfig", () => {
  it("normalises 64-bit values: exact strings become numbers while safe, bigints beyond", () => {
    const config = modelConfig({ input: [{ name: "x", dims: ["3", -1, "9007199254740993", 12n] }] });
    expect(config.input?.[0]?.dims).toEqual([3, -1, 9007199254740993n, 12]);
  });

  it("takes bigints anywhere an integer goes (YAML's intAsBigInt), exact past 2^53", () => {
    const spec = { max_batch_size: 8n, input: [{ dims: [2n ** 63n - 1n] }] } as unknown as ModelConfig;
    expect(modelConfig(spec)).toEqual({ max_batch_size: 8, input: [{ dims: [2n ** 63n - 1n] }] });
  });

  it("keeps explicit zeros and puts fields in schema order", () => {
    const config = modelConfig({ dynamic_batching: {}, max_batch_size: 0, name: "m" });
    expect(Object.keys(config)).toEqual(["name", "max_batch_size", "dynamic_batching"]);
    expect(toPbtxt(config)).toBe('name: "m"\nmax_batch_size: 0\ndynamic_batching {\n}\n');
  });

  it("rounds float fields to float32 and reads the JSON spellings of non-finite values", () => {
    const config = modelConfig({
      sequence_batching: { direct: { minimum_slot_utilization: 0.1 } },
      model_metrics: { metric_control: [{ histogram_options: { buckets: [0.1, "Infinity" as unknown as number] } }] },
    });
    expect(config.sequence_batching?.direct?.minimum_slot_utilization).toBe(Math.fround(0.1));
    expect(config.model_metrics?.metric_control?.[0]?.histogram_options?.buckets).toEqual([
      0.1,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("refuses, from JavaScript, what the compiler would have refused", () => {
    const fromJs = JSON.parse(
      '{"instance_group":[{"kind":"KIND_GPUU","count":"2"}],"dynamic_batching":{},"sequence_batching":{}}',
    ) as ModelConfig;
    const codes = thrownDiagnostics(() => modelConfig(fromJs)).map((d) => `${d.code} ${d.path}`);
    expect(codes.sort()).toEqual([
      "PB-ONEOF sequence_batching",
      "PB-TYPE instance_group[0].count",
      "PB-UNKNOWN-ENUM instance_group[0].kind",
    ]);
  });
});

describe("conversions over the core", () => {
  const config = pythonModel({
    name: "m",
    maxBatchSize: 2,
    inputs: [tensor("x", "TYPE_INT64", [-1])],
    outputs: [tensor("y", "TYPE_INT64", ["9007199254740993"])],
  });

  it("encode and decode keep the message, 64-bit values exact", () => {
    const { config: back, ok } = decode(encode(config));
    expect(ok).toBe(true);
    expect(back.output?.[0]?.dims).toEqual([9007199254740993n]);
    expect(toJSON(back)).toEqual(toJSON(config));
  });

  it("decode returns bytes that are not a ModelConfig as a PB-WIRE diagnostic, without throwing", () => {
    const result = decode(Uint8Array.from([0x0a, 0x05, 0x61]));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PB-WIRE"]);
  });

  it("toJSON and fromJSON are inverse, and toPbtxt and fromPbtxt too", () => {
    expect(toJSON(config)).toMatchObject({ max_batch_size: 2, output: [{ dims: ["9007199254740993"] }] });
    expect(toJSON(fromJSON(toJSON(config)).config)).toEqual(toJSON(config));
    const read = fromPbtxt(toPbtxt(config));
    expect(read.ok).toBe(true);
    expect(toJSON(read.config)).toEqual(toJSON(config));
  });

  it("readers report bad input as diagnostics, never by throwing", () => {
    const text = fromPbtxt("max_batch_size: 1\nname: 3\n", { file: "m/config.pbtxt" });
    expect(text.ok).toBe(false);
    expect(text.diagnostics[0]).toMatchObject({ code: "PB-TYPE", file: "m/config.pbtxt", line: 2 });
    const json = fromJSON({ max_batch_size: "many" });
    expect(json.ok).toBe(false);
    expect(json.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("small helpers", () => {
  it("tensor() fits both input and output", () => {
    expect(tensor("image__1", "TYPE_FP32", [3, 480, 640])).toEqual({
      name: "image__1",
      data_type: "TYPE_FP32",
      dims: [3, 480, 640],
    });
  });

  it("gpuInstances() and cpuInstances() write kind and count", () => {
    expect(gpuInstances({ count: 2, gpus: [0] })).toEqual({ kind: "KIND_GPU", count: 2, gpus: [0] });
    expect(gpuInstances()).toEqual({ kind: "KIND_GPU", count: 1 });
    expect(cpuInstances({ count: 4, name: "cpu", extra: { host_policy: "numa0" } })).toEqual({
      name: "cpu",
      kind: "KIND_CPU",
      count: 4,
      host_policy: "numa0",
    });
  });

  it("parameters() wraps each value as string_value", () => {
    expect(parameters({ EXECUTION_ENV_PATH: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" })).toEqual({
      EXECUTION_ENV_PATH: { string_value: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" },
    });
  });

  it("dynamicBatching() writes only the options given", () => {
    expect(dynamicBatching({ preferredBatchSize: [4, 8, 16], maxQueueDelayMicroseconds: 100 })).toEqual({
      preferred_batch_size: [4, 8, 16],
      max_queue_delay_microseconds: 100,
    });
    expect(dynamicBatching()).toEqual({});
  });
});

describe("sequenceBatching presets", () => {
  it("standard controls with the direct strategy", () => {
    expect(sequenceBatching({ controls: "standard", maxSequenceIdleMicroseconds: 5_000_000 })).toEqual({
      max_sequence_idle_microseconds: 5_000_000,
      control_input: [
        { name: "START", control: [{ kind: "CONTROL_SEQUENCE_START", int32_false_true: [0, 1] }] },
        { name: "END", control: [{ kind: "CONTROL_SEQUENCE_END", int32_false_true: [0, 1] }] },
        { name: "READY", control: [{ kind: "CONTROL_SEQUENCE_READY", int32_false_true: [0, 1] }] },
        { name: "CORRID", control: [{ kind: "CONTROL_SEQUENCE_CORRID", data_type: "TYPE_UINT64" }] },
      ],
      direct: {},
    });
  });

  it("oldest strategy, boolean flags and a string correlation id", () => {
    const batching = sequenceBatching({
      strategy: "oldest",
      maxCandidateSequences: 4,
      preferredBatchSize: [2, 4],
      maxQueueDelayMicroseconds: 500,
      controls: { start: "S", correlationId: { name: "ID", dataType: "TYPE_STRING" }, flagType: "TYPE_BOOL" },
    });
    expect(batching).toEqual({
      control_input: [
        { name: "S", control: [{ kind: "CONTROL_SEQUENCE_START", bool_false_true: [false, true] }] },
        { name: "ID", control: [{ kind: "CONTROL_SEQUENCE_CORRID", data_type: "TYPE_STRING" }] },
      ],
      oldest: { max_candidate_sequences: 4, preferred_batch_size: [2, 4], max_queue_delay_microseconds: 500 },
    });
  });
});

describe("warmupFor", () => {
  const config = modelConfig({
    max_batch_size: 8,
    input: [tensor("state__0", "TYPE_FP32", [8]), tensor("tokens", "TYPE_INT64", [-1, 16])],
  });

  it("derives one sample from the inputs once variable dims are given", () => {
    expect(warmupFor(config, { data: "random", dims: { tokens: [32, 16] } })).toEqual([
      {
        name: "warmup_sample",
        batch_size: 1,
        inputs: {
          state__0: { data_type: "TYPE_FP32", dims: [8], random_data: true },
          tokens: { data_type: "TYPE_INT64", dims: [32, 16], random_data: true },
        },
      },
    ]);
  });

  it("asks for concrete sizes when a dim is -1, with Triton's wording", () => {
    const [d, ...rest] = thrownDiagnostics(() => warmupFor(config, { data: "zero" }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: "MC-93",
      severity: "error",
      path: "input[1].dims[0]",
      message: "warmup setting expects all variable-size dimensions are specified for input 'tokens'",
    });
    expect(d?.hint).toContain('dims: { "tokens": [<size>, 16] }');
  });

  it("refuses sizes that do not fit, and names that are not inputs", () => {
    const diagnostics = thrownDiagnostics(() =>
      warmupFor(config, { data: "zero", dims: { tokens: [32, 15], token: [1] } }),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["MC-93", "TR-2"]);
    expect(diagnostics[0]?.message).toContain("[32, 15]");
    expect(diagnostics[1]?.message).toContain("'token'");
  });
});

describe("pythonModel", () => {
  const io = { inputs: [tensor("x", "TYPE_FP32", [4])], outputs: [tensor("y", "TYPE_FP32", [4])] };

  it("writes backend, max_batch_size (zero included), parameters and the decoupled policy", () => {
    const config = pythonModel({
      name: "m",
      maxBatchSize: 0,
      ...io,
      executionEnvPath: "$$TRITON_MODEL_DIRECTORY/env.tar.gz",
      decoupled: true,
    });
    expect(config).toEqual({
      name: "m",
      backend: "python",
      max_batch_size: 0,
      input: io.inputs,
      output: io.outputs,
      parameters: { EXECUTION_ENV_PATH: { string_value: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" } },
      model_transaction_policy: { decoupled: true },
    });
  });

  it("builds what Triton would refuse, and validateConfig reports it with Triton's words (MC-51)", () => {
    const config = pythonModel({
      name: "m",
      maxBatchSize: 8,
      ...io,
      dynamicBatching: dynamicBatching({ preferredBatchSize: [0, 4, 16] }),
    });
    expect(config.dynamic_batching?.preferred_batch_size).toEqual([0, 4, 16]);
    const diagnostics = validateConfig(config).filter((d) => d.code === "MC-51");
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([
      ["dynamic_batching.preferred_batch_size[0]", "dynamic batching preferred size must be positive for m"],
      ["dynamic_batching.preferred_batch_size[2]", "dynamic batching preferred size must be <= max batch size for m"],
    ]);
  });

  it("takes the results of parameters() and warmupFor() as they are", () => {
    const base = pythonModel({ name: "p", maxBatchSize: 2, ...io });
    const config = pythonModel({
      name: "p",
      maxBatchSize: 2,
      ...io,
      parameters: parameters({ A: "1", B: { string_value: "2" } }),
      warmup: warmupFor(base, { data: "random" }),
    });
    expect(config.parameters).toEqual({ A: { string_value: "1" }, B: { string_value: "2" } });
    expect(config.model_warmup).toEqual([
      { name: "warmup_sample", batch_size: 1, inputs: { x: { data_type: "TYPE_FP32", dims: [4], random_data: true } } },
    ]);
  });

  it("derives warmup from its own inputs and takes a sequence batcher", () => {
    const config = pythonModel({
      name: "s",
      maxBatchSize: 4,
      ...io,
      sequenceBatching: sequenceBatching({ controls: { start: "START" } }),
      warmup: { data: "zero" },
    });
    expect(config.sequence_batching?.control_input?.[0]?.name).toBe("START");
    expect(config.model_warmup).toEqual([
      { name: "warmup_sample", batch_size: 1, inputs: { x: { data_type: "TYPE_FP32", dims: [4], zero_data: true } } },
    ]);
  });
});

describe("ensemble", () => {
  it("wires steps with input and output maps, newest version by default", () => {
    const config = ensemble({
      name: "pipeline",
      maxBatchSize: 8,
      inputs: [tensor("RAW", "TYPE_UINT8", [-1])],
      outputs: [tensor("SCORES", "TYPE_FP32", [1000])],
      steps: [
        { model: "preprocess", inputs: { INPUT: "RAW" }, outputs: { OUTPUT: "PIXELS" } },
        { model: "classifier", version: 2, inputs: { image: "PIXELS" }, outputs: { scores: "SCORES" } },
      ],
    });
    expect(config.platform).toBe("ensemble");
    expect(config.ensemble_scheduling).toEqual({
      step: [
        { model_name: "preprocess", model_version: -1, input_map: { INPUT: "RAW" }, output_map: { OUTPUT: "PIXELS" } },
        {
          model_name: "classifier",
          model_version: 2,
          input_map: { image: "PIXELS" },
          output_map: { scores: "SCORES" },
        },
      ],
    });
  });
});
