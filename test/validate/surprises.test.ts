import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { effectiveConfig, validateConfig, validateRepository } from "../../src/validate/index.js";
import { PLAIN_MODEL_PY, type TreeSpec, makeTree, pythonModel, removeTrees } from "./support/tree.js";

/**
 * The catalogue's §6: where Triton's code differs from what its docs lead a
 * reader to expect. The validator follows the code; one test per item.
 */

afterAll(removeTrees);

const IO = `input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`;
const py = (extra = "", mbs = 8): string => `name: "m"\nbackend: "python"\nmax_batch_size: ${mbs}\n${IO}\n${extra}\n`;
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);
const errors = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === "error");
const repo = (tree: TreeSpec, options = {}) => validateRepository(makeTree(tree), options);

describe("catalogue §6: code versus documentation", () => {
  it("1. hidden directories at the root are models; inside a model they defeat backend detection", () => {
    expect(codes(repo({ ...pythonModel("m"), ".git/HEAD": "ref" }).diagnostics)).toContain("RL-1");
    const detected = repo({ "m/config.pbtxt": "", "m/1/model.onnx": "" });
    expect(errors(detected.diagnostics)).toEqual([]);
    const defeated = repo({ "m/config.pbtxt": "", "m/1/model.onnx": "", "m/.cache/": null });
    expect(codes(defeated.diagnostics)).toContain("RL-11");
  });

  it("2. version 0 and numeric-prefixed names are versions; leading zeros are ignored", () => {
    expect(errors(repo({ ...pythonModel("m"), "m/0/model.py": PLAIN_MODEL_PY }).diagnostics)).toEqual([]);
    const prefixed = repo({ ...pythonModel("m"), "m/2abc/model.py": PLAIN_MODEL_PY });
    expect(prefixed.diagnostics.find((d) => d.code === "RL-8")?.message).toContain("read by Triton as version 2");
    const zeros = repo({ ...pythonModel("m"), "m/01/": null });
    expect(zeros.diagnostics.find((d) => d.code === "RL-8")).toMatchObject({
      severity: "info",
      message: "ignore version directory '01' which contains leading zeros in its directory name",
    });
    // RL-8's library rule: `-1` is read as version -1 but is not a canonical name, so it is an error.
    expect(
      errors(repo({ "m/config.pbtxt": py(), "m/-1/model.py": PLAIN_MODEL_PY }).diagnostics).map((d) => d.code),
    ).toEqual(["RL-8"]);
  });

  it("3. latest {} and specific {} never load, an empty version_policy {} means all", () => {
    expect(codes(validateConfig(py("version_policy { latest {} }")))).toContain("MC-15");
    expect(codes(validateConfig(py("version_policy { specific {} }")))).toContain("MC-15");
    const all = repo({ ...pythonModel("m", "version_policy {}"), "m/2/model.py": PLAIN_MODEL_PY });
    expect(errors(all.diagnostics)).toEqual([]);
  });

  it("4. an omitted ensemble model_version is version 0, not the latest", () => {
    const result = repo({
      ...pythonModel("a"),
      "e/config.pbtxt": `name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\n${IO}\nensemble_scheduling { step [{ model_name: "a" input_map { key: "IN" value: "IN" } output_map { key: "OUT" value: "OUT" } }] }`,
      "e/1/": null,
    });
    const d = result.diagnostics.find((x) => x.code === "MC-84");
    expect(d?.message).toBe("ensemble 'e' depends on 'a' whose required version 0 is not loaded.");
    expect(d?.hint).toContain("model_version: -1");
  });

  it("5. a group without kind whose GPU is missing becomes KIND_CPU and fails", () => {
    const ds = validateConfig(py("instance_group [{ gpus: [2] }]"), { gpus: [0] });
    expect(ds.find((d) => d.code === "MC-39")?.message).toBe(
      "instance group m_0 of model m has kind KIND_CPU but specifies one or more GPUs",
    );
    expect(errors(validateConfig(py("instance_group [{ gpus: [0] }]"), { gpus: [0] }))).toEqual([]);
  });

  it("6. CPU groups of ONNX Runtime and TensorFlow default to 2 instances; default group names", () => {
    const groups = (text: string) => toProtoJSON(effectiveConfig(parseConfig(text).value, { gpus: [] })).instance_group;
    expect(groups(`name: "m"\nbackend: "onnxruntime"`)).toEqual([{ name: "m", count: 2, kind: "KIND_CPU" }]);
    expect(groups(`name: "m"\nplatform: "tensorflow_savedmodel"`)).toEqual([{ name: "m", count: 2, kind: "KIND_CPU" }]);
    expect(groups(`name: "m"\nbackend: "python"\ninstance_group [{ kind: KIND_CPU }, { kind: KIND_CPU }]`)).toEqual([
      { name: "m_0", count: 1, kind: "KIND_CPU" },
      { name: "m_1", count: 1, kind: "KIND_CPU" },
    ]);
  });

  it("7. minimum_slot_utilization 0.0 is accepted despite the message's (0.0, 1.0]", () => {
    expect(errors(validateConfig(py("sequence_batching { direct { minimum_slot_utilization: 0.0 } }")))).toEqual([]);
    expect(validateConfig(py("sequence_batching { direct { minimum_slot_utilization: -0.5 } }"))[0]?.message).toBe(
      "sequence batching minimum slot utilization must be in range (0.0, 1.0] for m",
    );
  });

  it("8. one control entry may carry several kinds; CORRID accepts TYPE_STRING", () => {
    const config = py(`sequence_batching { control_input [{ name: "C" control [
      { kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }, { kind: CONTROL_SEQUENCE_READY int32_false_true: [0, 1] }] },
      { name: "ID" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_STRING }] }] }`);
    expect(errors(validateConfig(config))).toEqual([]);
  });

  it("9. duplicate tensor names load in Triton: a warning, not an error", () => {
    const ds = validateConfig(py(`input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]`));
    expect(ds.map((d) => [d.code, d.severity])).toEqual([["TR-3", "warning"]]);
  });

  it("10. priority settings without priority_levels are ignored: a warning", () => {
    const ds = validateConfig(py("dynamic_batching { default_priority_level: 7 }"));
    expect(ds.map((d) => [d.code, d.severity])).toEqual([["MC-53", "warning"]]);
  });

  it("11. warmup batch_size 0 is skipped silently; core never compares batch_size with max_batch_size, the Python backend does", () => {
    const sample = (n: number) =>
      py(
        `model_warmup [{ name: "w" batch_size: ${n} inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
      );
    expect(validateConfig(sample(0)).map((d) => [d.code, d.severity])).toEqual([["MC-92", "warning"]]);
    // Seen on the real Triton 2.51 (test/triton/differential-generated): the Python backend fails the sample, so the load.
    expect(validateConfig(sample(64)).map((d) => [d.code, d.severity])).toEqual([["MC-92", "error"]]);
  });

  it("12. platform libtorch is recognised by autofill, then refused; model.pt2 without platform means LibTorch", () => {
    expect(validateConfig(`name: "m"\nplatform: "libtorch"\n${IO}`).find((d) => d.code === "MC-12")?.message).toBe(
      "unexpected 'platform' and 'backend' pair, got:libtorch, pytorch",
    );
    expect(
      toProtoJSON(effectiveConfig(parseConfig(`name: "m"\ndefault_model_filename: "model.pt2"`).value)),
    ).toMatchObject({ platform: "pytorch_libtorch", backend: "pytorch" });
  });

  it("13. non-framework backends accept any platform, and then shape tensors too", () => {
    expect(
      errors(
        validateConfig(
          py(`platform: "tensorrt_plan"\ninput [{ name: "S" data_type: TYPE_INT32 dims: [1] is_shape_tensor: true }]`),
        ),
      ),
    ).toEqual([]);
  });

  it("14. a Python model without config.pbtxt loads", () => {
    expect(errors(repo({ "m/1/model.py": PLAIN_MODEL_PY }).diagnostics)).toEqual([]);
    expect(codes(repo({ "m/1/model.py": PLAIN_MODEL_PY }, { autoComplete: false }).diagnostics)).toContain("RL-6");
  });

  it("15. auto_complete_config may raise a smaller configured max_batch_size: no error", () => {
    const model = `${PLAIN_MODEL_PY}\n    @staticmethod\n    def auto_complete_config(auto_complete_model_config):\n        auto_complete_model_config.set_max_batch_size(16)\n        return auto_complete_model_config\n`;
    expect(errors(repo(pythonModel("m", "", model)).diagnostics)).toEqual([]);
  });

  it("16. unreachable checks are never reported; duplicate map keys: the last wins", () => {
    const ds = validateConfig(`backend: "python"\n${IO}`, { modelName: "m" });
    for (const text of [
      "must specify 'name'",
      "must specify 'version policy'",
      "must specify 'platform' or 'backend'",
      "is mapped to multiple ensemble tensors",
    ]) {
      expect(ds.some((d) => d.message.includes(text))).toBe(false);
    }
    const overmapped =
      validateConfig(`name: "e"\nplatform: "ensemble"\n${IO}\ninput [{ name: "IN2" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [{ model_name: "a" model_version: -1 input_map [{ key: "X" value: "IN" }, { key: "X" value: "IN2" }] output_map { key: "Y" value: "OUT" } }] }`);
    expect(overmapped.find((d) => d.code === "MC-78")?.message).toBe("ensemble input 'IN' for ensemble e' is not used");
  });

  it("17. misleading messages get a hint: a forgotten platform ensemble, a fatal 'using default batching strategy'", () => {
    const rl11 = validateConfig(`name: "e"\n${IO}\nensemble_scheduling { step [] }`, { modelName: "e" }).find(
      (d) => d.code === "RL-11",
    );
    expect(rl11?.hint).toContain('platform: "ensemble"');
    const rl19 = validateConfig(
      py(`sequence_batching {}\nparameters { key: "TRITON_BATCH_STRATEGY_PATH" value { string_value: "/x.so" } }`),
    ).find((d) => d.code === "RL-19");
    expect(rl19?.severity).toBe("error");
    expect(rl19?.hint).toContain("fails to load");
  });

  it("18. Triton's message typos are reproduced verbatim", () => {
    const messages = [
      ...validateConfig(
        `name: "e"\nplatform: "ensemble"\n${IO}\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [{ model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }] }`,
      ),
      ...validateConfig(py(`instance_group [{ kind: KIND_CPU profile: ["0"] }]`)),
      ...validateConfig(
        `name: "m"\nbackend: "onnxruntime"\n${IO}\nsequence_batching { state [{ input_name: "S" data_type: TYPE_FP32 dims: [1] initial_state [{ name: "i" data_type: TYPE_FP32 dims: [1] }] }] }`,
      ),
      ...validateConfig(py(`parameters { key: "FORCE_CPU_ONLY_INPUT_TENSORS" value { string_value: "on" } }`)),
    ].map((d) => d.message);
    expect(messages).toContain("ensemble input 'X' for ensemble e' is not used");
    expect(messages).toContain(
      "instance group m_0 of model m and platform specifies profile field which is only supported for TensorRT models",
    );
    expect(messages).toContain("initial_state setting expects state'S' to have state_data set");
    expect(messages).toContain("Incorrect value for FORCE_CPU_ONLY_INPUT_TENSORS: on'");
    const tree = {
      ...pythonModel(
        "m",
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in" } } }]`,
      ),
      "m/warmup/in": "ab",
    };
    expect(repo(tree).diagnostics.map((d) => d.message)).toContain(
      "warmup setting expects 16 bytes, but the data provided from inonly has 2 bytes",
    );
  });

  it("19. numeric enum values without a member are accepted; a repeated default scalar too", () => {
    expect(codes(validateConfig(py(`input [{ name: "B" data_type: 99 dims: [1] }]`)))).not.toContain("MC-17");
    expect(errors(validateConfig(`name: "m"\nbackend: "python"\nmax_batch_size: 0\nmax_batch_size: 4\n${IO}`))).toEqual(
      [],
    );
  });

  it("20. an unknown metric family and unsorted buckets are warnings only", () => {
    const ds = validateConfig(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_x" } histogram_options { buckets: [8, 1] } }] }`,
      ),
    );
    expect(ds.map((d) => [d.code, d.severity])).toEqual([
      ["MC-105", "warning"],
      ["MC-105", "warning"],
    ]);
  });

  it("21. rate-limiter resource clashes only matter with --rate-limit=execution_count: a warning", () => {
    const ds = validateConfig(
      py(`instance_group [{ kind: KIND_CPU rate_limiter { resources [{ name: "R" global: true }, { name: "R" }] } }]`),
    );
    expect(ds.map((d) => [d.code, d.severity])).toEqual([["MC-50", "warning"]]);
  });

  it("22. the retired 'only supported for custom platform and TensorRT platform' message is not emitted", () => {
    const ds = validateConfig(
      `name: "m"\nplatform: "onnxruntime_onnx"\n${IO}\nmax_batch_size: 4\nbatch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 source_input: "IN" }]`,
    );
    expect(ds.some((d) => d.message.includes("only supported for custom platform"))).toBe(false);
    expect(errors(ds)).toEqual([]);
  });

  it("23. Python file names Triton's loose check lets through are errors here", () => {
    const bad = repo({ ...pythonModel("m", `default_model_filename: "model.pyy"`), "m/1/model.pyy": PLAIN_MODEL_PY });
    expect(codes(bad.diagnostics)).toContain("RL-15");
    const dotted = repo({
      ...pythonModel("m", `default_model_filename: "my.model.py"`),
      "m/1/my.model.py": PLAIN_MODEL_PY,
    });
    expect(codes(dotted.diagnostics)).toContain("RL-15");
  });
});
