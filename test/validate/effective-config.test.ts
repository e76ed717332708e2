import { afterAll, describe, expect, it } from "vitest";
import { scanRepository } from "../../src/repository/index.js";
import { toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { effectiveConfig, effectiveConfigOfFile, effectiveConfigsOfRepository } from "../../src/validate/index.js";
import { makeTree, removeTrees } from "./support/tree.js";

/** ND-1…ND-10: the config Triton reports after its defaults, computed offline. */

afterAll(removeTrees);

const parse = (text: string) => parseConfig(text).value;
const json = (text: string, options: Parameters<typeof effectiveConfig>[1] = {}) =>
  toProtoJSON(effectiveConfig(parse(text), options));

describe("effectiveConfig", () => {
  it("fills name, version policy and pinned memory (ND-1, ND-3, ND-6)", () => {
    expect(json(`backend: "python"`, { modelName: "m" })).toEqual({
      name: "m",
      backend: "python",
      default_model_filename: "model.py",
      version_policy: { latest: { num_versions: 1 } },
      instance_group: [{ name: "m", count: 1, kind: "KIND_CPU" }],
      optimization: { input_pinned_memory: { enable: true }, output_pinned_memory: { enable: true } },
    });
  });

  it("derives backend and platform from each other (ND-2)", () => {
    expect(json(`platform: "tensorrt_plan"`, { modelName: "t" })).toMatchObject({
      backend: "tensorrt",
      default_model_filename: "model.plan",
    });
    expect(json(`backend: "pytorch"`, { modelName: "t" })).toMatchObject({
      platform: "pytorch_libtorch",
      default_model_filename: "model.pt",
    });
    expect(json(`platform: "torch_aoti"`, { modelName: "t" })).toMatchObject({
      backend: "pytorch",
      default_model_filename: "model.pt2",
    });
    expect(json(`default_model_filename: "model.savedmodel"`, { modelName: "t" })).toMatchObject({
      backend: "tensorflow",
      platform: "tensorflow_savedmodel",
    });
    expect(json("", { modelName: "x.identity" })).toMatchObject({
      backend: "identity",
      default_model_filename: "model.identity",
    });
  });

  it("detects the backend from the first subdirectory's files (RL-10)", () => {
    const root = makeTree({ "m/config.pbtxt": "", "m/1/model.onnx": "" });
    const folder = scanRepository(root).models[0];
    expect(json("", folder ? { modelName: "m", folder } : {})).toMatchObject({
      backend: "onnxruntime",
      platform: "onnxruntime_onnx",
    });
  });

  it("fills preferred batch size and sequence idle time (ND-4, ND-5)", () => {
    expect(json(`backend: "python"\nmax_batch_size: 8\ndynamic_batching {}`, { modelName: "m" })).toMatchObject({
      dynamic_batching: { preferred_batch_size: [8] },
    });
    expect(
      json(`backend: "python"\nmax_batch_size: 0\ndynamic_batching {}`, { modelName: "m" }).dynamic_batching,
    ).toEqual({});
    expect(
      json(`backend: "python"\nmax_batch_size: 4\nsequence_batching { oldest {} }`, { modelName: "m" }),
    ).toMatchObject({
      sequence_batching: { max_sequence_idle_microseconds: "1000000", oldest: { preferred_batch_size: [4] } },
    });
  });

  it("names and counts instance groups for the host's GPUs (ND-7, ND-8)", () => {
    const groups = (text: string, gpus: number[]) => json(`name: "m"\n${text}`, { gpus }).instance_group;
    expect(groups(`backend: "python"`, [0, 1])).toEqual([{ name: "m", count: 1, gpus: [0, 1], kind: "KIND_GPU" }]);
    expect(groups(`backend: "onnxruntime"\ninstance_group [{ kind: KIND_CPU }, { count: 3 }]`, [])).toEqual([
      { name: "m_0", count: 2, kind: "KIND_CPU" },
      { name: "m_1", count: 3, kind: "KIND_CPU" },
    ]);
    expect(
      groups(`backend: "tensorflow"\nplatform: "tensorflow_graphdef"\ninstance_group [{ kind: KIND_CPU }]`, []),
    ).toEqual([{ name: "m_0", count: 2, kind: "KIND_CPU" }]);
    expect(groups(`backend: "pytorch"\ninstance_group [{ kind: KIND_CPU }]`, [])).toEqual([
      { name: "m_0", count: 1, kind: "KIND_CPU" },
    ]);
  });

  it("adds no instance group or optimization to an ensemble and rewrites decoupled from the steps (ND-10)", () => {
    const root = makeTree({
      "a/config.pbtxt": `name: "a"\nbackend: "identity"\nmax_batch_size: 8\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\nmodel_transaction_policy { decoupled: true }`,
      "a/1/": null,
      "e/config.pbtxt": `name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [{ model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }] }`,
      "e/1/": null,
    });
    const e = toProtoJSON(effectiveConfigsOfRepository(root).get("e") ?? {});
    expect(e.model_transaction_policy).toEqual({ decoupled: true });
    expect(e.instance_group).toBeUndefined();
    expect(e.optimization).toBeUndefined();
  });
});

describe("effectiveConfigOfFile", () => {
  it("reads the model's folder for detection and its siblings for ensembles", () => {
    const root = makeTree({
      "m/config.pbtxt": "max_batch_size: 4\n",
      "m/1/model.py": "",
      "a/config.pbtxt": `name: "a"\nbackend: "identity"\nmax_batch_size: 8\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\nmodel_transaction_policy { decoupled: true }`,
      "a/1/": null,
      "e/config.pbtxt": `name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [{ model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }] }`,
      "e/1/": null,
    });
    const m = effectiveConfigOfFile(`${root}/m/config.pbtxt`, { gpus: [0] });
    expect(toProtoJSON(m.config ?? {})).toMatchObject({
      name: "m",
      backend: "python",
      instance_group: [{ name: "m", kind: "KIND_GPU", gpus: [0], count: 1 }],
    });
    expect(toProtoJSON(effectiveConfigOfFile(`${root}/e/config.pbtxt`).config ?? {}).model_transaction_policy).toEqual({
      decoupled: true,
    });
    const missing = effectiveConfigOfFile(`${root}/nope/config.pbtxt`);
    expect(missing.config).toBeUndefined();
    expect(missing.diagnostics[0]?.code).toBe("TR-6");
  });
});

/**
 * A Python model whose auto_complete_config adds an output and makes it decoupled, and an ensemble of it. What
 * Triton 2.51 reported for this repository (GET /v2/models/<m>/config, the local install, 2026-12-05), written
 * here as literals: the model has output Y and `decoupled: true`, and so has the ensemble (ND-10). The repository
 * API and the one-file API must both say so.
 */
describe("effective configs with Python auto-complete, both entry points", () => {
  const tree = () =>
    makeTree({
      "py/config.pbtxt": `name: "py"\nbackend: "python"\nmax_batch_size: 4\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\n`,
      "py/1/model.py": [
        "class TritonPythonModel:",
        "    @staticmethod",
        "    def auto_complete_config(auto_complete_model_config):",
        '        auto_complete_model_config.add_output({"name": "Y", "data_type": "TYPE_FP32", "dims": [4]})',
        "        auto_complete_model_config.set_model_transaction_policy(dict(decoupled=True))",
        "        return auto_complete_model_config",
        "",
      ].join("\n"),
      "e/config.pbtxt": `name: "e"\nplatform: "ensemble"\nmax_batch_size: 4\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [{ model_name: "py" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }] }\n`,
      "e/1/": null,
    });
  const tritonPy = {
    output: [{ name: "Y", data_type: "TYPE_FP32", dims: ["4"] }],
    model_transaction_policy: { decoupled: true },
  };

  it("effectiveConfigsOfRepository: the model as auto-complete leaves it, the ensemble decoupled", () => {
    const configs = effectiveConfigsOfRepository(tree());
    expect(toProtoJSON(configs.get("py") ?? {})).toMatchObject(tritonPy);
    expect(toProtoJSON(configs.get("e") ?? {}).model_transaction_policy).toEqual({ decoupled: true });
  });

  it("effectiveConfigOfFile: the same, for the model's file and for the ensemble's", () => {
    const root = tree();
    expect(toProtoJSON(effectiveConfigOfFile(`${root}/py/config.pbtxt`).config ?? {})).toMatchObject(tritonPy);
    const e = toProtoJSON(effectiveConfigOfFile(`${root}/e/config.pbtxt`).config ?? {});
    expect(e.model_transaction_policy).toEqual({ decoupled: true });
  });

  it("with auto-complete off, neither adds what model.py would", () => {
    const root = tree();
    const py = toProtoJSON(effectiveConfigsOfRepository(root, { autoComplete: false }).get("py") ?? {});
    expect(py.output).toBeUndefined();
    expect(py.model_transaction_policy).toBeUndefined();
    const file = toProtoJSON(effectiveConfigOfFile(`${root}/py/config.pbtxt`, { autoComplete: false }).config ?? {});
    expect(file.output).toBeUndefined();
  });
});
