import { afterAll, describe, expect, it } from "vitest";
import { effectiveConfigsOfRepository, validateConfig, validateRepository } from "../../src/validate/index.js";
import type { ValidateOptions } from "../../src/validate/index.js";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { PLAIN_MODEL_PY, type TreeSpec, makeTree, removeTrees } from "./support/tree.js";

/**
 * Tests for the rules' surviving mutants (batch IO, IO shapes, instance
 * groups, policies, identity, ensembles). Every expectation is literal: the
 * messages are Triton's (model_config_utils.cc, as quoted in
 * /work/shared/design/triton-rules.md), the hints are our promise to the user,
 * the line and column are where the field sits in the text written here.
 */

afterAll(removeTrees);

interface Seen {
  code: string;
  severity: string;
  message: string;
  line: number | undefined;
  column: number | undefined;
  hint: string | undefined;
}

function seen(d: {
  code: string;
  severity: string;
  message: string;
  line?: number;
  column?: number;
  hint?: string;
}): Seen {
  return { code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column, hint: d.hint };
}

/** Diagnostics of one config, restricted to the given codes (other rules are not under test here). */
function check(text: string, codes: readonly string[], options: ValidateOptions = {}): Seen[] {
  return validateConfig(text, options)
    .filter((d) => codes.includes(d.code))
    .map(seen);
}

const err = (code: string, message: string, line: number, column: number, hint: string): Seen => ({
  code,
  severity: "error",
  message,
  line,
  column,
  hint,
});
const warn = (code: string, message: string, line: number, column: number, hint: string): Seen => ({
  ...err(code, message, line, column, hint),
  severity: "warning",
});

const ONNX = 'name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 8\n';
const NO_AC = { autoComplete: false } as const;
const BATCH_CODES = ["MC-31", "MC-32", "MC-33", "MC-34", "MC-35", "MC-36"];
const KINDS =
  "BATCH_ELEMENT_COUNT, BATCH_ACCUMULATED_ELEMENT_COUNT, BATCH_ACCUMULATED_ELEMENT_COUNT_WITH_ZERO, " +
  "BATCH_MAX_ELEMENT_COUNT_AS_SHAPE, BATCH_ITEM_SHAPE, BATCH_ITEM_SHAPE_FLATTEN";

describe("batch inputs and outputs (MC-31…MC-36)", () => {
  const io =
    'input { name: "I1" data_type: TYPE_FP32 dims: [2] }\ninput { name: "I2" data_type: TYPE_FP32 dims: [2] }\n' +
    'output { name: "O1" data_type: TYPE_FP32 dims: [2] }\noutput { name: "O2" data_type: TYPE_FP32 dims: [2] }\n';

  it("a batch input kind number with no name is refused with an empty name; an omitted kind is BATCH_ELEMENT_COUNT", () => {
    const text =
      ONNX +
      io +
      'batch_input {\n  kind: 99\n  target_name: "B" data_type: TYPE_INT32 source_input: "I1"\n}\n' +
      'batch_input {\n  target_name: "B" data_type: TYPE_INT32\n  source_input: "X"\n}\n' +
      'batch_input {\n  target_name: "B" source_input: "I1"\n}\n';
    expect(check(text, BATCH_CODES, NO_AC)).toEqual([
      err("MC-31", "unknown batch input kind '' for m", 9, 3, `use one of ${KINDS}`),
      err(
        "MC-33",
        "unknown source input name 'X' for m",
        14,
        3,
        "source_input must name one of the model inputs: I1, I2",
      ),
      err(
        "MC-32",
        "batch input data type must be TYPE_INT32 or TYPE_FP32 for m",
        16,
        1,
        "set data_type: TYPE_INT32 or TYPE_FP32",
      ),
    ]);
  });

  it("batch outputs: an unnamed kind number, an unknown source (no target check after it), targets unknown and repeated", () => {
    const text =
      ONNX +
      io +
      'batch_output {\n  kind: 7\n  target_name: "O1" source_input: "I1"\n}\n' +
      'batch_output {\n  target_name: "Z"\n  source_input: "X"\n}\n' +
      'batch_output {\n  source_input: "I2"\n  target_name: "O1"\n  target_name: "Z"\n  target_name: "O1"\n}\n';
    expect(check(text, BATCH_CODES, NO_AC)).toEqual([
      err("MC-34", "unknown batch output kind '' for m", 9, 3, "use BATCH_SCATTER_WITH_INPUT_SHAPE"),
      err(
        "MC-35",
        "unknown source input name 'X' for m",
        14,
        3,
        "source_input must name one of the model inputs: I1, I2",
      ),
      err(
        "MC-36",
        "unknown target output name 'Z' for m",
        19,
        3,
        "target_name must name one of the model outputs: O1, O2",
      ),
      err("MC-36", "target output name 'O1' can only be specified once for m", 20, 3, "remove the repeated name"),
    ]);
  });

  it("a model without inputs or outputs says (none) in the hints", () => {
    const text =
      ONNX +
      'batch_input {\n  target_name: "B" data_type: TYPE_FP32\n  source_input: "X"\n}\n' +
      'batch_output {\n  target_name: "Z"\n  source_input: "Y"\n}\n';
    expect(check(text, BATCH_CODES, NO_AC)).toEqual([
      err(
        "MC-33",
        "unknown source input name 'X' for m",
        6,
        3,
        "source_input must name one of the model inputs: (none)",
      ),
      err(
        "MC-35",
        "unknown source input name 'Y' for m",
        10,
        3,
        "source_input must name one of the model inputs: (none)",
      ),
    ]);
    const noOutputs = `${ONNX}input { name: "I1" data_type: TYPE_FP32 dims: [2] }\nbatch_output {\n  source_input: "I1"\n  target_name: "Z"\n}\n`;
    expect(check(noOutputs, BATCH_CODES, NO_AC)).toEqual([
      err(
        "MC-36",
        "unknown target output name 'Z' for m",
        7,
        3,
        "target_name must name one of the model outputs: (none)",
      ),
    ]);
  });
});

const TRT = 'name: "m"\nplatform: "tensorrt_plan"\nmax_batch_size: 8\n';
const IO_CODES = ["MC-16", "MC-17", "MC-18", "MC-19", "MC-20", "MC-21", "MC-22", "MC-23", "MC-24", "MC-25", "MC-26"];
const tensor = (field: string, name: string, rest: string): string =>
  `${field} {\n  name: "${name}" data_type: TYPE_FP32 ${rest}\n}\n`;

describe("dims and reshape (MC-22, MC-23)", () => {
  it("reshape sizes: [1] may become a scalar, [2] may not, [1] may not become [2,3]", () => {
    const text =
      TRT +
      tensor("input", "A", "dims: [1]\n  reshape: { shape: [] }") +
      tensor("input", "B", "dims: [2]\n  reshape: { shape: [] }") +
      tensor("input", "C", "dims: [1]\n  reshape: { shape: [2, 3] }") +
      tensor("input", "D", "dims: [2, 3]\n  reshape: { shape: [3, 2] }") +
      tensor("input", "E", "dims: [2, 3]\n  reshape: { shape: [5] }") +
      tensor("input", "F", "dims: [1]\n  reshape: { }");
    expect(check(text, IO_CODES)).toEqual([
      err(
        "MC-23",
        "model input 'B' has different size for dims and reshape for m",
        10,
        3,
        "dims [2] and reshape [] must hold the same number of elements",
      ),
      err(
        "MC-23",
        "model input 'C' has different size for dims and reshape for m",
        14,
        3,
        "dims [1] and reshape [2,3] must hold the same number of elements",
      ),
      err(
        "MC-23",
        "model input 'E' has different size for dims and reshape for m",
        22,
        3,
        "dims [2,3] and reshape [5] must hold the same number of elements",
      ),
    ]);
  });

  it("an element count of exactly INT64_MAX is allowed, one more is refused (dims with a reshape)", () => {
    const text =
      TRT +
      tensor("input", "D", "dims: [9223372036854775807]\n  reshape: { shape: [9223372036854775807] }") +
      tensor("input", "E", "dims: [4611686018427387904, 2]\n  reshape: { shape: [4] }");
    expect(check(text, IO_CODES)).toEqual([
      err(
        "MC-22",
        "element count for tensor 'E dims' exceeds maximum size of 9223372036854775807 for m",
        9,
        34,
        "the product of the dims does not fit in 64 bits",
      ),
    ]);
  });

  it("without a reshape only inputs that are not shape tensors are counted (at scheduler creation, no suffix)", () => {
    const text =
      TRT +
      tensor("output", "O", "dims: [4611686018427387904, 2]") +
      tensor("input", "S", "dims: [4611686018427387904, 2]\n  is_shape_tensor: true") +
      tensor("input", "X", "dims: [4611686018427387904, 2]");
    expect(check(text, IO_CODES)).toEqual([
      err(
        "MC-22",
        "element count for tensor 'X' exceeds maximum size of 9223372036854775807",
        12,
        34,
        "the product of the dims does not fit in 64 bits",
      ),
    ]);
  });

  it("variable dims: segments between -1 entries must match in number and in size, exactly like int64", () => {
    const text =
      TRT +
      tensor("input", "F", "dims: [2, -1]\n  reshape: { shape: [3, -1] }") +
      tensor("input", "G", "dims: [-1, 2]\n  reshape: { shape: [-1, -1, 2] }") +
      // 3 × 3002399751580331 = 9007199254740993 = 2^53 + 1: equal in int64, not in doubles.
      tensor("input", "H", "dims: [-1, 3, 3002399751580331]\n  reshape: { shape: [-1, 9007199254740993] }") +
      tensor("input", "K", "dims: [2, 4, -1, 6]\n  reshape: { shape: [8, -1, 1, 6] }");
    expect(check(text, IO_CODES)).toEqual([
      err(
        "MC-23",
        "model input 'F' has different size for dims and reshape for m",
        6,
        3,
        "between two -1 entries, dims and reshape must hold the same number of elements",
      ),
      err(
        "MC-23",
        "model input 'G' has different number of variable-size dimensions for dims and reshape for m",
        10,
        3,
        "dims and reshape must have the same number of -1 entries",
      ),
    ]);
  });

  it("fixed dims equal in int64 but not in doubles are one size", () => {
    const text = TRT + tensor("input", "H", "dims: [3, 3002399751580331]\n  reshape: { shape: [9007199254740993] }");
    expect(check(text, IO_CODES)).toEqual([]);
  });
});

describe("non-linear IO formats and duplicate names (MC-26, TR-3)", () => {
  it("TensorRT: 3 dims are needed, for inputs and for outputs", () => {
    const text =
      TRT +
      tensor("input", "N", "dims: [2]\n  is_non_linear_format_io: true") +
      tensor("output", "P", "dims: [2, 3, 4]\n  is_non_linear_format_io: true") +
      tensor("output", "Q", "dims: [2, 3]\n  is_non_linear_format_io: true");
    expect(check(text, IO_CODES)).toEqual([
      err("MC-26", "Non-linear IO format input requires 3 dims for m", 6, 3, "non-linear formats describe 3 dims"),
      err("MC-26", "Non-linear IO format output requires 3 dims for m", 14, 3, "non-linear formats describe 3 dims"),
    ]);
  });

  it("duplicate inputs and outputs get their own hints; unnamed tensors are not duplicates of each other", () => {
    const text =
      `${ONNX}input { data_type: TYPE_FP32 dims: [2] }\ninput { data_type: TYPE_FP32 dims: [2] }\n` +
      tensor("input", "I", "dims: [2]") +
      tensor("input", "I", "dims: [2]") +
      tensor("output", "O", "dims: [2]") +
      tensor("output", "O", "dims: [2]");
    expect(check(text, ["TR-3", "MC-16"], NO_AC)).toEqual([
      err("MC-16", "model input must specify 'name' for m", 4, 1, "give every input a name"),
      err("MC-16", "model input must specify 'name' for m", 5, 1, "give every input a name"),
      warn(
        "TR-3",
        "input 'I' of model 'm' is declared twice (input[2] and input[3])",
        10,
        3,
        'Triton loads it, then every request fails with "expected N inputs but got N-1": remove or rename one',
      ),
      warn(
        "TR-3",
        "output 'O' of model 'm' is declared twice (output[0] and output[1])",
        16,
        3,
        "Triton loads it, but clients see one output of that name: remove or rename one",
      ),
    ]);
  });
});

describe("auto-completable models get warnings for missing name, data_type, dims (MC-30)", () => {
  const incomplete = (backend: string): string =>
    `name: "m"\nbackend: "${backend}"\nmax_batch_size: 8\n` +
    'input { data_type: TYPE_FP32 dims: [2] }\ninput { name: "T" dims: [2] }\noutput { name: "U" data_type: TYPE_FP32 }\n';
  const found = (severity: "error" | "warning"): Seen[] =>
    [
      err("MC-16", "model input must specify 'name' for m", 4, 1, "give every input a name"),
      err(
        "MC-17",
        "model input 'T' must specify 'data_type' for m",
        5,
        1,
        "add data_type: TYPE_FP32 (or the type the model uses)",
      ),
      err(
        "MC-18",
        "model output 'U' must specify 'dims' for m",
        6,
        1,
        "a scalar is written dims: [1] with reshape: { shape: [] }",
      ),
    ].map((d) => ({ ...d, severity }));

  for (const backend of ["onnxruntime", "tensorrt", "openvino"]) {
    it(`${backend}: warnings (its backend fills them in), errors with auto-complete off`, () => {
      expect(check(incomplete(backend), IO_CODES)).toEqual(found("warning"));
      expect(check(incomplete(backend), IO_CODES, NO_AC)).toEqual(found("error"));
    });
  }
  it("pytorch: errors (libtorch auto-completes nothing)", () => {
    expect(check(incomplete("pytorch"), IO_CODES)).toEqual(found("error"));
  });

  const PY_AC = "import triton_python_backend_utils as pb_utils\n\n\nclass TritonPythonModel:\n    @staticmethod\n";
  const pyCases: [string, string, "error" | "warning"][] = [
    [
      "auto_complete_config defined",
      `${PY_AC}    def auto_complete_config(auto_complete_model_config):\n        return auto_complete_model_config\n`,
      "warning",
    ],
    [
      "two blanks after def",
      `${PY_AC}    def  auto_complete_config(auto_complete_model_config):\n        return auto_complete_model_config\n`,
      "warning",
    ],
    [
      "no auto_complete_config",
      "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
      "error",
    ],
    ["an empty model.py (a stand-in)", "", "warning"],
  ];
  for (const [what, code, severity] of pyCases) {
    it(`python, ${what}: ${severity}s`, () => {
      const root = makeTree({ "m/config.pbtxt": incomplete("python"), "m/1/model.py": code });
      const got = validateRepository(root)
        .diagnostics.filter((d) => IO_CODES.includes(d.code))
        .map(seen);
      expect(got).toEqual(found(severity));
    });
  }
});

describe("instance groups (MC-37…MC-44, MC-50)", () => {
  const head =
    'name: "m"\nplatform: "tensorrt_plan"\nmax_batch_size: 8\n' +
    'input { name: "I" data_type: TYPE_FP32 dims: [2] }\noutput { name: "O" data_type: TYPE_FP32 dims: [2] }\n';
  const IG = ["MC-37", "MC-38", "MC-39", "MC-41", "MC-42", "MC-43", "MC-44", "MC-48", "MC-50"];
  const CC = "GPUs with at least the minimum required CUDA compute compatibility of 6.000000";
  const FALLBACK =
    "a group without kind falls back to KIND_CPU when a listed GPU is missing, keeping its gpus, and then fails: ";
  const PROFILE_HINT = 'profiles are indexes: "0", "1", …';

  it("without --gpus: only negative ids are wrong; a kindless group with one becomes KIND_CPU; names; profiles; resources", () => {
    const text =
      head +
      "instance_group {\n  gpus: [0, -1]\n}\n" +
      "instance_group {\n  gpus: [0]\n}\n" +
      "instance_group {\n  kind: KIND_GPU\n  gpus: [0, -1]\n}\n" +
      'instance_group {\n  name: "grp"\n  kind: KIND_MODEL\n  gpus: [0]\n}\n' +
      'instance_group {\n  kind: KIND_CPU\n  profile: ["", "x1", "+1", "  7abc", "-1"]\n' +
      '  rate_limiter { resources [{ name: "R" global: true count: 1 }, { name: "R" count: 2 }] }\n}\n';
    expect(check(text, IG)).toEqual([
      err(
        "MC-39",
        "instance group m_0 of model m has kind KIND_CPU but specifies one or more GPUs",
        7,
        3,
        `${FALLBACK}list only GPUs that exist`,
      ),
      err(
        "MC-42",
        `instance group m_2 of model m specifies invalid or unsupported gpu id -1. ${CC}`,
        14,
        13,
        "GPU ids are 0 or more",
      ),
      err(
        "MC-37",
        "instance group grp of model m has kind KIND_MODEL but specifies one or more GPUs",
        19,
        3,
        "remove gpus: KIND_MODEL instances place themselves",
      ),
      err("MC-44", "profile name must not be empty", 23, 13, PROFILE_HINT),
      err("MC-44", "unable to parse 'x1': stoi", 23, 17, PROFILE_HINT),
      err(
        "MC-44",
        "instance group m_4 of model m and platform tensorrt_plan specifies invalid profile -1. The field should contain the string representation of a non-negative integer.",
        23,
        39,
        PROFILE_HINT,
      ),
      warn(
        "MC-50",
        'Resource "R" is present as both global and device-specific resource in the model configuration.',
        24,
        3,
        "a failure when the server runs with --rate-limit=execution_count: make the resource either global or per device",
      ),
    ]);
  });

  it("--gpus none: KIND_GPU has no GPU, a kindless group with gpus falls back to CPU, any id is invalid", () => {
    const text =
      head +
      "instance_group {\n  kind: KIND_GPU\n}\n" +
      "instance_group {\n  gpus: [1]\n}\n" +
      "instance_group {\n  kind: KIND_GPU\n  gpus: [1]\n}\n";
    expect(check(text, IG, { gpus: [] })).toEqual([
      err(
        "MC-41",
        "instance group m_0 of model m has kind KIND_GPU but no GPUs are available",
        6,
        1,
        "the host has no GPU (--gpus none): use KIND_CPU",
      ),
      err(
        "MC-39",
        "instance group m_1 of model m has kind KIND_CPU but specifies one or more GPUs",
        10,
        3,
        `${FALLBACK}usable GPUs are none`,
      ),
      err(
        "MC-42",
        `instance group m_2 of model m specifies invalid or unsupported gpu id 1. ${CC} are: `,
        14,
        3,
        "usable GPU ids on this host: none",
      ),
    ]);
  });

  it("--gpus 3,1,2,1: usable ids are listed once, in order", () => {
    const text = `${head}instance_group {\n  kind: KIND_GPU\n  gpus: [1, 4]\n}\ninstance_group {\n  gpus: [4]\n}\n`;
    expect(check(text, IG, { gpus: [3, 1, 2, 1] })).toEqual([
      err(
        "MC-42",
        `instance group m_0 of model m specifies invalid or unsupported gpu id 4. ${CC} are: 1, 2, 3`,
        8,
        13,
        "usable GPU ids on this host: 1, 2, 3",
      ),
      err(
        "MC-39",
        "instance group m_1 of model m has kind KIND_CPU but specifies one or more GPUs",
        11,
        3,
        `${FALLBACK}usable GPUs are 1, 2, 3`,
      ),
    ]);
  });

  it("an ensemble's instance groups are not checked, whether it says platform or ensemble_scheduling", () => {
    const groups = "instance_group {\n  kind: KIND_MODEL\n  gpus: [0]\n}\n";
    expect(check(`name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\n${groups}`, IG)).toEqual([]);
  });
});

describe("CUDA graph batch sizes, metric buckets, Python parameters (MC-100, MC-105, PY-11, RL-16)", () => {
  const GRAPH_HINT = "TensorRT refuses graph specs outside the model's batch range";
  it("a non-batching model takes batch_size 0 only; a batching one 1…max_batch_size", () => {
    const nonBatching =
      'name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 0\noptimization { cuda {\n' +
      "graph_spec { batch_size: 0 }\ngraph_spec { batch_size: 1 }\n} }\n";
    expect(check(nonBatching, ["MC-100"])).toEqual([
      warn("MC-100", "CUDA graph batch_size 1 of model 'm' must be 0 for a non-batching model", 6, 14, GRAPH_HINT),
    ]);
    const batching =
      'name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 8\noptimization { cuda {\n' +
      "graph_spec { batch_size: 0 }\ngraph_spec { batch_size: 1 }\ngraph_spec { batch_size: 8 }\ngraph_spec { batch_size: 9 }\n} }\n";
    expect(check(batching, ["MC-100"])).toEqual([
      warn("MC-100", "CUDA graph batch_size 0 of model 'm' must be in [1, 8]", 5, 14, GRAPH_HINT),
      warn("MC-100", "CUDA graph batch_size 9 of model 'm' must be in [1, 8]", 8, 14, GRAPH_HINT),
    ]);
  });

  it("histogram buckets: ascending passes, a repeated or a smaller bound is flagged; unknown families are named", () => {
    const family = (name: string, buckets: string): string =>
      `metric_control {\n  metric_identifier { family: "${name}" }\n  histogram_options { buckets: ${buckets} }\n}\n`;
    const text =
      'name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 8\nmodel_metrics {\n' +
      family("nv_inference_first_response_histogram_ms", "[1, 2]") +
      family("nv_x", "[1, 1]") +
      family("nv_inference_first_response_histogram_ms", "[2, 1]") +
      "}\n";
    const ORDER_HINT = "Triton does not sort them: list the bounds in ascending order";
    expect(check(text, ["MC-101", "MC-102", "MC-103", "MC-104", "MC-105"])).toEqual([
      warn(
        "MC-105",
        "Metric family 'nv_x' in 'metric_identifier' is not a customizable metric in Triton core.",
        10,
        23,
        "customizable families: nv_inference_first_response_histogram_ms",
      ),
      warn("MC-105", "histogram buckets of metric family 'nv_x' are not in ascending order", 11, 23, ORDER_HINT),
      warn(
        "MC-105",
        "histogram buckets of metric family 'nv_inference_first_response_histogram_ms' are not in ascending order",
        15,
        23,
        ORDER_HINT,
      ),
    ]);
  });

  const python = (parameters: string): string => `name: "m"\nbackend: "python"\nmax_batch_size: 8\n${parameters}`;
  const param = (key: string, value: string): string =>
    `parameters { key: "${key}" value { string_value: "${value}" } }\n`;

  it('FORCE_CPU_ONLY_INPUT_TENSORS takes "yes" and "no", nothing else (the stray quote is Triton\'s)', () => {
    expect(check(python(param("FORCE_CPU_ONLY_INPUT_TENSORS", "yes")), ["PY-11"])).toEqual([]);
    expect(check(python(param("FORCE_CPU_ONLY_INPUT_TENSORS", "no")), ["PY-11"])).toEqual([]);
    expect(check(python(param("FORCE_CPU_ONLY_INPUT_TENSORS", "Yes")), ["PY-11"])).toEqual([
      err("PY-11", "Incorrect value for FORCE_CPU_ONLY_INPUT_TENSORS: Yes'", 4, 1, 'use "yes" or "no"'),
    ]);
  });

  it("EXECUTION_ENV_PATH: `.` segments do not count as depth, so ./.. leaves the model directory", () => {
    expect(check(python(param("EXECUTION_ENV_PATH", "$$TRITON_MODEL_DIRECTORY/./../env")), ["RL-16"])).toEqual([
      warn(
        "RL-16",
        "EXECUTION_ENV_PATH '$$TRITON_MODEL_DIRECTORY/./../env' of model 'm' leaves the model directory",
        4,
        1,
        "the Python backend documents this as undefined behaviour: keep the environment inside the model directory",
      ),
    ]);
  });

  it("EXECUTION_ENV_PATH in a repository: a missing environment, a folder without bin/activate", () => {
    const root = makeTree({
      "a/config.pbtxt": python(param("EXECUTION_ENV_PATH", "$$TRITON_MODEL_DIRECTORY/env//")),
      "a/1/model.py": PLAIN_MODEL_PY,
      "b/config.pbtxt": python(param("EXECUTION_ENV_PATH", "$$TRITON_MODEL_DIRECTORY/env")),
      "b/1/model.py": PLAIN_MODEL_PY,
      "b/env/lib/": null,
    });
    const got = validateRepository(root)
      .diagnostics.filter((d) => d.code === "RL-16")
      .map((d) => ({ ...seen(d), file: d.file }));
    const real = realpathSync(root);
    expect(got).toEqual([
      {
        ...err(
          "RL-16",
          `Failed to get the canonical path for ${join(root, "a")}/env.`,
          4,
          1,
          `put the environment (a folder with bin/activate, or a conda-pack .tar.gz) at ${join(root, "a")}/env`,
        ),
        file: "a/config.pbtxt",
      },
      {
        ...err(
          "RL-16",
          `Path ${join(real, "b")}/env/bin/activate does not exist. The Python environment should contain an 'activate' script.`,
          4,
          1,
          "point EXECUTION_ENV_PATH at an unpacked Python environment (conda-pack, venv) or at its .tar.gz archive",
        ),
        file: "b/config.pbtxt",
      },
    ]);
  });
});

describe("backend and platform (MC-12, MC-15)", () => {
  it("the hint names the platform the backend takes; a written platform is where the finding sits", () => {
    expect(
      check('name: "m"\nbackend: "tensorrt"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8\n', ["MC-12"]),
    ).toEqual([
      err(
        "MC-12",
        "unexpected 'platform' and 'backend' pair, got:onnxruntime_onnx, tensorrt",
        3,
        1,
        'backend "tensorrt" takes platform "tensorrt_plan"; or drop the platform line and let Triton fill it in',
      ),
    ]);
    expect(
      check('name: "m"\nbackend: "onnxruntime"\nplatform: "pytorch_libtorch"\nmax_batch_size: 8\n', ["MC-12"]),
    ).toEqual([
      err(
        "MC-12",
        "unexpected 'platform' and 'backend' pair, got:pytorch_libtorch, onnxruntime",
        3,
        1,
        'backend "onnxruntime" takes platform "onnxruntime_onnx"; or drop the platform line and let Triton fill it in',
      ),
    ]);
  });

  it("an empty specific version policy selects nothing", () => {
    const text = 'name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 8\nversion_policy { specific { } }\n';
    expect(check(text, ["MC-15"])).toEqual([
      err(
        "MC-15",
        "at least one version must be available under the version policy of model 'm'",
        4,
        18,
        "`specific {}` selects no version: list versions: [1]",
      ),
    ]);
  });
});

describe("ensemble graph hints (MC-75…MC-80)", () => {
  const head =
    'name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\n' +
    'input { name: "IN" data_type: TYPE_FP32 dims: [4] }\noutput { name: "OUT" data_type: TYPE_FP32 dims: [4] }\n';
  const step = (outputs = 'output_map { key: "Y" value: "OUT" }'): string =>
    `  step { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } ${outputs} }\n`;
  const GRAPH = ["MC-75", "MC-76", "MC-77", "MC-78", "MC-79", "MC-80"];
  const cases: [string, string, Seen][] = [
    [
      "no step",
      `${head}ensemble_scheduling { }\n`,
      err(
        "MC-75",
        "must specify 'step' for ensemble 'e'",
        6,
        1,
        "list the models the ensemble runs in ensemble_scheduling.step",
      ),
    ],
    [
      "a step without model_name",
      `${head}ensemble_scheduling {\n  step { input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }\n}\n`,
      err(
        "MC-76",
        "must specify 'model_name' in step 0 of ensemble 'e'",
        7,
        3,
        "every step names its model and maps its inputs and outputs to ensemble tensors",
      ),
    ],
    [
      "two steps writing one tensor",
      `${head}ensemble_scheduling {\n${step()}${step()}}\n`,
      err(
        "MC-77",
        "ensemble tensor 'OUT' can appear in an output map only once for ensemble 'e' step 1",
        8,
        79,
        "two steps write the same ensemble tensor: rename one output_map value",
      ),
    ],
    [
      "an unused ensemble input (Triton's stray quote)",
      `${head}input { name: "UNUSED" data_type: TYPE_FP32 dims: [4] }\nensemble_scheduling {\n${step()}}\n`,
      err(
        "MC-78",
        "ensemble input 'UNUSED' for ensemble e' is not used",
        6,
        1,
        "map the input to a step's input_map, or remove it",
      ),
    ],
    [
      "an ensemble output no step writes",
      `${head}output { name: "OUT2" data_type: TYPE_FP32 dims: [4] }\nensemble_scheduling {\n${step()}}\n`,
      err(
        "MC-79",
        "ensemble output 'OUT2' for ensemble e' is not used",
        6,
        1,
        "every ensemble output must be produced by a step whose inputs all come from the ensemble inputs",
      ),
    ],
    [
      "an intermediate tensor nobody reads",
      `${head}ensemble_scheduling {\n${step('output_map [{ key: "Y" value: "OUT" }, { key: "Z" value: "T" }]')}}\n`,
      err(
        "MC-80",
        "ensemble tensor 'T' is unused in ensemble 'e'",
        6,
        1,
        "every intermediate tensor must be produced by one step and consumed by another",
      ),
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => {
      expect(check(text, GRAPH)).toEqual([expected]);
    });
  }
});

/** The ensembles of the repository tests below: IN → OUT, FP32 [4], in version 1. */
const ENSEMBLE_IO =
  'input { name: "IN" data_type: TYPE_FP32 dims: [4] }\noutput { name: "OUT" data_type: TYPE_FP32 dims: [4] }\n';
const ensemble = (name: string, steps: string, extra = "", mbs = 8, io = ENSEMBLE_IO): TreeSpec => ({
  [`${name}/config.pbtxt`]: `name: "${name}"\nplatform: "ensemble"\nmax_batch_size: ${mbs}\n${io}ensemble_scheduling {\n${steps}}\n${extra}`,
  [`${name}/1/`]: null,
});
/** One step line (line 7 of its ensemble when first): ensemble tensor `from` into input `key`, output `out` to `to`. */
const step = (model: string, from = "IN", to = "OUT", key = "X", out = "Y", version = "model_version: -1 "): string =>
  `  step { model_name: "${model}" ${version}input_map { key: "${key}" value: "${from}" } output_map { key: "${out}" value: "${to}" } }\n`;
const run = (spec: TreeSpec, options: ValidateOptions = {}): (Seen & { file: string | undefined })[] =>
  validateRepository(makeTree(spec), options).diagnostics.map((d) => ({ ...seen(d), file: d.file }));
const at = (file: string, d: Seen): Seen & { file: string } => ({ ...d, file });

describe("ensembles against their steps (MC-81…MC-91, MC-98, ND-11)", () => {
  const stepModel = (name: string, extra = "", mbs = 8): TreeSpec => ({
    [`${name}/config.pbtxt`]: `name: "${name}"\nbackend: "identity"\nmax_batch_size: ${mbs}\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\n${extra}`,
    [`${name}/1/`]: null,
  });
  const decoupled = "model_transaction_policy { decoupled: true }\n";

  it("each cross-check against a step's config carries its own hint; nothing is said of the step models", () => {
    const spec: TreeSpec = {
      ...stepModel("a"),
      ...stepModel("two", 'input { name: "Z" data_type: TYPE_FP32 dims: [4] }\n'),
      ...stepModel("d1", decoupled),
      ...stepModel("d2", decoupled),
      ...ensemble("e85", step("a"), "", 16),
      ...ensemble("e86", step("a", "IN", "OUT", "NOPE")),
      ...ensemble("e87", step("two")),
      ...ensemble("e88", step("a", "IN", "OUT", "X", "NOPE")),
      ...ensemble("e89", step("a"), "", 8, ENSEMBLE_IO.replace("TYPE_FP32", "TYPE_INT32")),
      ...ensemble("e90", step("a"), "", 8, ENSEMBLE_IO.replace("[4]", "[5]")),
      ...ensemble(
        "e91",
        step("d1", "IN", "T1") +
          step("d2", "IN", "T2") +
          '  step { model_name: "two" model_version: -1 input_map [{ key: "X" value: "T1" }, { key: "Z" value: "T2" }] output_map { key: "Y" value: "T3" } }\n' +
          step("a", "T3"),
      ),
      ...ensemble(
        "e98",
        step("d1", "IN", "T1") + step("d2", "T1", "T2") + step("d1", "T2", "T3") + step("a", "T3"),
        "response_cache { enable: true }\n",
      ),
    };
    expect(run(spec)).toEqual([
      at(
        "e85/config.pbtxt",
        err(
          "MC-85",
          "ensemble e85 allows maximum batch size 16, but it contains model a which only allows maximum batch size to be 8",
          7,
          3,
          "raise the step model's max_batch_size or lower the ensemble's",
        ),
      ),
      at(
        "e86/config.pbtxt",
        err(
          "MC-86",
          "in ensemble e86, ensemble tensor IN is mapping to non-existing input NOPE in model a",
          7,
          44,
          "input_map keys are the step model's input names",
        ),
      ),
      at(
        "e87/config.pbtxt",
        err(
          "MC-87",
          "in ensemble e87, input Z in model two is not mapped to any ensemble tensors",
          7,
          3,
          "map every required input of the step model (optional inputs may stay unmapped)",
        ),
      ),
      at(
        "e88/config.pbtxt",
        err(
          "MC-88",
          "in ensemble e88, ensemble tensor OUT is mapped from non-existing output NOPE in model a",
          7,
          79,
          "output_map keys are the step model's output names",
        ),
      ),
      at(
        "e89/config.pbtxt",
        err(
          "MC-89",
          "in ensemble e89, ensemble tensor IN: inconsistent data type: TYPE_INT32 is inferred from model e89 while TYPE_FP32 is inferred from model a",
          7,
          44,
          "every use of an ensemble tensor must have one data type",
        ),
      ),
      at(
        "e90/config.pbtxt",
        err(
          "MC-90",
          "in ensemble e90, ensemble tensor IN: inconsistent shape: [-1,5] is inferred from model e90 while [-1,4] is inferred from model a",
          7,
          44,
          "every use of an ensemble tensor must have compatible dims (-1 matches any size)",
        ),
      ),
      at(
        "e91/config.pbtxt",
        err(
          "MC-91",
          "in ensemble e91, step of model 'two' receives inputs originated from different decoupled models",
          6,
          1,
          "join the outputs of one decoupled model only: a step cannot mix responses of two decoupled branches",
        ),
      ),
      at(
        "e98/config.pbtxt",
        err(
          "MC-98",
          "Response Cache does not currently support model e98 with 'decoupled' transaction policy. Please disable the response cache.",
          12,
          18,
          "a decoupled step (d1, d2) makes the ensemble decoupled: remove response_cache from the ensemble or cache in a non-decoupled step",
        ),
      ),
    ]);
  });

  it("missing steps are listed once each; a failed step or a missing version stops the mapping checks", () => {
    const spec: TreeSpec = {
      ...stepModel("a"),
      "bad/config.pbtxt": 'name: "bad"\nbackend: "identity"\nmax_batch_size: -1\n',
      "bad/1/": null,
      ...stepModel("v", "version_policy { all { } }\n"),
      "v/2/": null,
      ...ensemble("e81", step("m1", "IN", "T") + step("m2", "T", "T2") + step("m1", "T2")),
      ...ensemble("e83", step("bad", "IN", "OUT", "NOPE")),
      ...ensemble("e84", step("v", "IN", "OUT", "NOPE", "Y", "model_version: 3 ")),
      ...ensemble("e84b", step("a", "IN", "OUT", "NOPE", "Y", "")),
    };
    const got = run(spec).filter((d) => d.file !== "bad/config.pbtxt");
    expect(got).toEqual([
      at(
        "e81/config.pbtxt",
        err(
          "MC-81",
          "ensemble e81 contains models that are not available or ambiguous: m1, m2",
          6,
          1,
          "every step's model_name must be a model Triton loads from the repositories (a name in two repositories loads in neither without --model-namespacing)",
        ),
      ),
      at(
        "e83/config.pbtxt",
        err(
          "MC-83",
          "ensemble 'e83' depends on 'bad' which is not valid. Model 'bad' failed with error: 'max_batch_size' must be non-negative value for bad",
          7,
          3,
          "fix bad/config.pbtxt first",
        ),
      ),
      at(
        "e84/config.pbtxt",
        err(
          "MC-84",
          "ensemble 'e84' depends on 'v' whose required version 3 is not loaded.",
          7,
          26,
          "'v' loads version(s) 1, 2: use model_version: -1 for the latest",
        ),
      ),
      at(
        "e84b/config.pbtxt",
        err(
          "MC-84",
          "ensemble 'e84b' depends on 'a' whose required version 0 is not loaded.",
          7,
          3,
          "model_version left out means version 0, not the latest: write model_version: -1",
        ),
      ),
    ]);
  });

  it("an ensemble step that is an ensemble with a missing step does not stop the cycle search", () => {
    const spec: TreeSpec = {
      ...ensemble("top", step("mid", "IN", "OUT", "IN", "OUT")),
      ...ensemble("mid", step("ghost")),
    };
    expect(run(spec).filter((d) => d.code === "MC-81" || d.code === "MC-82")).toEqual([
      at(
        "mid/config.pbtxt",
        err(
          "MC-81",
          "ensemble mid contains models that are not available or ambiguous: ghost",
          6,
          1,
          "every step's model_name must be a model Triton loads from the repositories (a name in two repositories loads in neither without --model-namespacing)",
        ),
      ),
    ]);
  });

  it("steps known only after auto-complete: one note naming each with its map keys, still a note under --strict", () => {
    const loop =
      "import triton_python_backend_utils as pb_utils\n\nNAMES = compute_names()\n\n\nclass TritonPythonModel:\n" +
      "    @staticmethod\n    def auto_complete_config(auto_complete_model_config):\n        for name in NAMES:\n" +
      '            auto_complete_model_config.add_input({"name": name, "data_type": "TYPE_FP32", "dims": [4]})\n' +
      "        return auto_complete_model_config\n\n    def execute(self, requests):\n        return []\n";
    const python = (name: string): TreeSpec => ({
      [`${name}/config.pbtxt`]: `name: "${name}"\nbackend: "python"\nmax_batch_size: 8\n`,
      [`${name}/1/model.py`]: loop,
    });
    const spec: TreeSpec = {
      ...python("p"),
      ...python("q"),
      ...ensemble(
        "n",
        '  step { model_name: "p" model_version: -1 input_map [{ key: "A" value: "IN" }, { key: "B" value: "IN" }] output_map { key: "C" value: "T" } }\n' +
          step("q", "T"),
      ),
    };
    const why = (m: string): string =>
      `the auto_complete_config of ${m}/1/model.py cannot be replayed: a loop over values computed at run time calls it (line 9)`;
    const note: Seen & { file: string } = at("n/config.pbtxt", {
      code: "ND-11",
      severity: "info",
      message: `ensemble 'n': the inputs and outputs of step 'p' (${why("p")}; map keys 'A', 'B', 'C') and 'q' (${why("q")}; map keys 'X', 'Y') are known only after auto-complete, so MC-86, MC-88 and the types and shapes of those tensors were not checked`,
      line: 6,
      column: 1,
      hint: "Triton checks these mappings when it loads the ensemble; write the step's inputs and outputs in its config.pbtxt to have them checked here",
    });
    expect(run(spec).filter((d) => d.file === "n/config.pbtxt")).toEqual([note]);
    expect(run(spec, { strict: true }).filter((d) => d.file === "n/config.pbtxt")).toEqual([note]);
  });
});

describe("an unknown platform without a backend (MC-10)", () => {
  it("names the platform in the message and says what platforms are for", () => {
    expect(check('name: "m"\nplatform: "foo"\nmax_batch_size: 8\n', ["MC-10"])).toEqual([
      err(
        "MC-10",
        "unexpected platform type 'foo' for m",
        2,
        1,
        '"foo" is not a platform Triton knows: set backend: "<name>" (platforms are only needed for TensorRT, ONNX Runtime, PyTorch, TensorFlow and ensembles)',
      ),
    ]);
  });
});

describe("KIND_GPU without --gpus (MC-41)", () => {
  it("an unknown host may have GPUs: KIND_GPU without ids is not refused", () => {
    const text =
      'name: "m"\nplatform: "tensorrt_plan"\nmax_batch_size: 8\n' +
      'input { name: "I" data_type: TYPE_FP32 dims: [2] }\noutput { name: "O" data_type: TYPE_FP32 dims: [2] }\n' +
      "instance_group {\n  kind: KIND_GPU\n}\n";
    expect(check(text, ["MC-41", "MC-42"])).toEqual([]);
    expect(check(text, ["MC-41", "MC-42"], { gpus: [0] })).toEqual([]);
  });
});

/** MC-98 at ensemble `top`, whose response cache meets the decoupled policy its step `mid` brings (both tests below). */
function cachedTopDecoupledByMid() {
  return at(
    "top/config.pbtxt",
    err(
      "MC-98",
      "Response Cache does not currently support model top with 'decoupled' transaction policy. Please disable the response cache.",
      9,
      18,
      "a decoupled step (mid) makes the ensemble decoupled: remove response_cache from the ensemble or cache in a non-decoupled step",
    ),
  );
}

describe("which models are ensembles, and nested ensembles (ND-10)", () => {
  const io =
    'input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\n';

  it("a model with ensemble_scheduling but another platform is not an ensemble: no cycle runs through it", () => {
    const spec: TreeSpec = {
      "p/config.pbtxt": `name: "p"\nbackend: "python"\nmax_batch_size: 8\n${io}ensemble_scheduling { step { model_name: "ep" model_version: -1 input_map { key: "IN" value: "X" } output_map { key: "OUT" value: "Y" } } }\n`,
      "p/1/model.py": PLAIN_MODEL_PY,
      ...ensemble("ep", step("p")),
    };
    expect(run(spec).filter((d) => d.file === "ep/config.pbtxt")).toEqual([
      at(
        "ep/config.pbtxt",
        err(
          "MC-83",
          "ensemble 'ep' depends on 'p' which is not valid. Model 'p' failed with error: ensemble scheduling cannot be set for model 'p' whose platform is not ensemble",
          7,
          3,
          "fix p/config.pbtxt first",
        ),
      ),
    ]);
  });

  it("a decoupled model two ensembles down makes the outer ensemble decoupled, named by its own step", () => {
    const spec: TreeSpec = {
      "a/config.pbtxt": `name: "a"\nbackend: "identity"\nmax_batch_size: 8\n${io}model_transaction_policy { decoupled: true }\n`,
      "a/1/": null,
      ...ensemble("top", step("mid", "IN", "OUT", "IN", "OUT"), "response_cache { enable: true }\n"),
      ...ensemble("mid", step("inner", "IN", "OUT", "IN", "OUT")),
      ...ensemble("inner", step("a")),
    };
    expect(run(spec)).toEqual([cachedTopDecoupledByMid()]);
  });
});

describe("a nested ensemble whose step is known only after auto-complete (ND-10 with ND-11)", () => {
  it("the step's decoupled policy still reaches the outer ensemble", () => {
    const loop =
      "import triton_python_backend_utils as pb_utils\n\nNAMES = compute_names()\n\n\nclass TritonPythonModel:\n" +
      "    @staticmethod\n    def auto_complete_config(auto_complete_model_config):\n        for name in NAMES:\n" +
      '            auto_complete_model_config.add_input({"name": name, "data_type": "TYPE_FP32", "dims": [4]})\n' +
      "        return auto_complete_model_config\n\n    def execute(self, requests):\n        return None\n";
    const spec: TreeSpec = {
      "p/config.pbtxt":
        'name: "p"\nbackend: "python"\nmax_batch_size: 8\nmodel_transaction_policy { decoupled: true }\n',
      "p/1/model.py": loop,
      ...ensemble("top", step("mid", "IN", "OUT", "IN", "OUT"), "response_cache { enable: true }\n"),
      ...ensemble("mid", step("p")),
    };
    expect(run(spec).filter((d) => d.file === "top/config.pbtxt")).toEqual([cachedTopDecoupledByMid()]);
  });
});

describe("effective configs of a repository with a model Triton cannot place (RL-11)", () => {
  it("the model and an ensemble that steps into it still get their configs", () => {
    const root = makeTree({
      "x/config.pbtxt":
        'name: "x"\nmax_batch_size: 8\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\n',
      "x/1/": null,
      "e/config.pbtxt":
        'name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\ninput { name: "IN" data_type: TYPE_FP32 dims: [4] }\n' +
        'output { name: "OUT" data_type: TYPE_FP32 dims: [4] }\nensemble_scheduling { step { model_name: "x" model_version: -1 ' +
        'input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } }\n',
      "e/1/": null,
    });
    const configs = effectiveConfigsOfRepository(root);
    expect([...configs.keys()].sort()).toEqual(["e", "x"]);
    expect(configs.get("x")?.name).toBe("x");
    expect(configs.get("e")?.platform).toBe("ensemble");
  });
});
