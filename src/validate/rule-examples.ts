import type { RuleId } from "./codes.js";
import { REPOSITORY_BOUNDARIES, REPOSITORY_EXAMPLES } from "./repository-examples.js";
import type { RuleBoundaryPair, RuleExamplePair } from "./rule-example.js";

export type {
  ConfigExample,
  FailingExample,
  FindingLocation,
  RepositoryExample,
  RuleBoundaryPair,
  RuleExample,
  RuleExampleCase,
  RuleExamplePair,
} from "./rule-example.js";

/**
 * One failing and one passing config per rule that a lone config decides
 * (the rules that need a folder or other models are in repository-examples.ts),
 * as typescript-eslint documents its rules: `npm run codegen` prints them into
 * docs/rules.md, and test/validate/rule-docs.test.ts runs every one through
 * validateConfig (the failing config reports this rule id and no other code,
 * the passing one does not report it and has no error), so the doc cannot show
 * an example the validator disagrees with. Each pair differs from its
 * neighbour case in test/validate/support/config-cases.ts only in being
 * spelled out in full. Rules missing here say why in the doc.
 */

/** Config examples by rule id, in the order of the cases they came from. */
const CONFIG_EXAMPLES: Readonly<Partial<Record<RuleId, RuleExamplePair>>> = {
  "MC-10": {
    failing: {
      at: { line: 2, column: 1 },
      config: `name: "m"
platform: "onnxruntim"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`,
    },
    passing: {
      config: `name: "m"
platform: "onnxruntime_onnx"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`,
    },
  },
  "MC-11": {
    failing: {
      at: { line: 3, column: 1 },
      config: `name: "e"
platform: "ensemble"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-12": {
    failing: {
      at: { line: 3, column: 1 },
      wording: "unexpected 'platform' and 'backend' pair, got:tensorrt_plan, onnxruntime",
      config: `name: "m"
backend: "onnxruntime"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`,
    },
    passing: {
      config: `name: "m"
backend: "onnxruntime"
platform: "onnxruntime_onnx"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`,
    },
  },
  "MC-14": {
    failing: {
      at: { line: 3, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: -1
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]

`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 0
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]

`,
    },
  },
  "MC-15": {
    failing: {
      at: { line: 6, column: 18 },
      wording: "at least one version must be available under the version policy of model 'm'",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
version_policy { latest {} }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
version_policy { latest { num_versions: 2 } }
`,
    },
  },
  "MC-16": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ data_type: TYPE_FP32 dims: [1] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [1] }]
`,
    },
  },
  "MC-17": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" dims: [1] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_INT32 dims: [1] }]
`,
    },
  },
  "MC-18": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [-1] }]
`,
    },
  },
  "MC-19": {
    failing: {
      at: { line: 6, column: 51 },
      config: `name: "m"
backend: "python"
max_batch_size: 0
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]
`,
    },
  },
  "MC-20": {
    failing: {
      at: { line: 6, column: 41 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [0] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [1] }]
`,
    },
  },
  "MC-21": {
    failing: {
      at: { line: 6, column: 70 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [0, 4] } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [1, 4] } }]
`,
    },
  },
  "MC-22": {
    failing: {
      at: { line: 6, column: 41 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [9223372036854775807, 4] reshape: { shape: [4] } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [2, 4] reshape: { shape: [8] } }]
`,
    },
  },
  "MC-23": {
    failing: {
      at: { line: 6, column: 51 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [3] } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [2, -1, 6] reshape: { shape: [1, 2, -1, 3, 2] } }]
`,
    },
  },
  "MC-24": {
    failing: {
      at: { line: 6, column: 41 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4, 4, 3] }]
`,
    },
  },
  "MC-25": {
    failing: {
      at: { line: 6, column: 52 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_INT32 dims: [1] is_shape_tensor: true }]
`,
    },
    passing: {
      config: `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_INT32 dims: [1] is_shape_tensor: true }]`,
    },
  },
  "MC-26": {
    failing: {
      at: { line: 6, column: 57 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [3, 4, 4] is_non_linear_format_io: true }]
`,
    },
    passing: {
      config: `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "B" data_type: TYPE_FP32 dims: [3, 4, 4] is_non_linear_format_io: true }]`,
    },
  },
  "TR-3": {
    failing: {
      at: { line: 6, column: 10 },
      wording: "input 'IN' of model 'm' is declared twice",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
`,
    },
  },
  "MC-31": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 source_input: "IN" }]
`,
    },
  },
  "MC-32": {
    failing: {
      at: { line: 6, column: 59 },
      wording: "batch input data type must be TYPE_INT32 or TYPE_FP32",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT64 source_input: "IN" }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_FP32 source_input: "IN" }]
`,
    },
  },
  "MC-33": {
    failing: {
      at: { line: 6, column: 78 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ITEM_SHAPE target_name: "C" data_type: TYPE_INT32 source_input: "NOPE" }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_input [{ kind: BATCH_ITEM_SHAPE target_name: "C" data_type: TYPE_INT32 source_input: "IN" }]
`,
    },
  },
  "MC-34": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" source_input: "IN" }]
`,
    },
  },
  "MC-35": {
    failing: {
      at: { line: 6, column: 36 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ target_name: "OUT" source_input: "NOPE" }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ target_name: "OUT" source_input: "IN" }]
`,
    },
  },
  "MC-36": {
    failing: {
      at: { line: 6, column: 38 },
      wording: "target output name 'OUT' can only be specified once",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ target_name: ["OUT", "OUT"] source_input: "IN" }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
batch_output [{ target_name: ["OUT"] source_input: "IN" }]
`,
    },
  },
  "MC-37": {
    failing: {
      at: { line: 6, column: 36 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_MODEL gpus: [0] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_MODEL }]
`,
    },
  },
  "MC-38": {
    failing: {
      at: { line: 6, column: 34 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU gpus: [0] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU }]
`,
    },
  },
  "MC-39": {
    failing: {
      at: { line: 6, column: 19 },
      wording: "has kind KIND_CPU but specifies one or more GPUs",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ gpus: [1] }]
`,
      options: { gpus: [0] },
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ gpus: [0] }]
`,
      options: { gpus: [0] },
    },
  },
  "MC-42": {
    failing: {
      at: { line: 6, column: 34 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_GPU gpus: [3] }]
`,
      options: { gpus: [0, 1] },
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_GPU gpus: [1] }]
`,
      options: { gpus: [0, 1] },
    },
  },
  "MC-41": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_GPU }]
`,
      options: { gpus: [] },
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU }]
`,
      options: { gpus: [] },
    },
  },
  "MC-43": {
    failing: {
      at: { line: 6, column: 34 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU profile: ["0"] }]
`,
    },
    passing: {
      config: `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU profile: ["0"] }]`,
    },
  },
  "MC-44": {
    failing: {
      at: { line: 5, column: 34 },
      config: `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU profile: ["-1"] }]`,
    },
    passing: {
      config: `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU profile: ["1"] }]`,
    },
  },
  "MC-48": {
    failing: {
      at: { line: 6, column: 1 },
      wording: "is passive",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU passive: true }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU passive: true }, { kind: KIND_CPU }]
`,
    },
  },
  "MC-50": {
    failing: {
      at: { line: 6, column: 34 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU rate_limiter { resources [{ name: "R" global: true }, { name: "R" }] } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_CPU rate_limiter { resources [{ name: "R" global: true }, { name: "S" }] } }]
`,
    },
  },
  "MC-51": {
    failing: {
      at: { line: 6, column: 20 },
      wording: "dynamic batching preferred size must be <= max batch size for m",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preferred_batch_size: [16] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preferred_batch_size: [4, 8] }
`,
    },
  },
  "MC-52": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { priority_levels: 3 }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { priority_levels: 3 default_priority_level: 3 }
`,
    },
  },
  "MC-53": {
    failing: {
      at: { line: 6, column: 65 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 4 value {} } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 3 value {} } }
`,
    },
  },
  "MC-54": {
    failing: {
      at: { line: 6, column: 20 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preserve_ordering: true priority_levels: 2 default_priority_level: 1 }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preserve_ordering: true priority_levels: 1 default_priority_level: 1 }
`,
    },
  },
  "MC-55": {
    failing: {
      at: { line: 6, column: 67 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY default_timeout_microseconds: 100 } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY } }
`,
    },
  },
  "MC-56": {
    failing: {
      at: { line: 6, column: 1 },
      wording: "whose max_batch_size is 0",
      config: `name: "m"
backend: "python"
max_batch_size: 0
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching {}
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 4
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching {}
`,
    },
  },
  "MC-57": {
    failing: {
      at: { line: 7, column: 18 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching {}
response_cache { enable: true }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching {}
response_cache { enable: true }
`,
    },
  },
  "MC-58": {
    failing: {
      at: { line: 6, column: 21 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] } ] }
`,
    },
  },
  "MC-59": {
    failing: {
      at: { line: 6, column: 126 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }, { name: "START" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }, { kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] } ] }
`,
    },
  },
  "MC-60": {
    failing: {
      at: { line: 6, column: 148 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }, { name: "S2" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }, { name: "S2" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] } ] }
`,
    },
  },
  "MC-61": {
    failing: {
      at: { line: 6, column: 49 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY bool_false_true: [false, true] }] } ] }
`,
    },
  },
  "MC-62": {
    failing: {
      at: { line: 6, column: 89 },
      wording:
        "sequence batching control 'fp32_false_true' must have exactly 2 entries for CONTROL_SEQUENCE_READY for m",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0] }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1] }] } ] }
`,
    },
  },
  "MC-63": {
    failing: {
      at: { line: 6, column: 49 },
      wording:
        "unexpected data type for control CONTROL_SEQUENCE_CORRID for m. Allowed data types are TYPE_UINT64, TYPE_INT64, TYPE_UINT32, TYPE_INT32 and TYPE_STRING",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID }] } ] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [ { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_STRING }] } ] }
`,
    },
  },
  "MC-64": {
    failing: {
      at: { line: 6, column: 30 },
      wording: "sequence batching preferred batch size must be <= max batch size for m",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { oldest { preferred_batch_size: [16] } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { oldest { preferred_batch_size: [8] } }
`,
    },
  },
  "MC-65": {
    failing: {
      at: { line: 6, column: 30 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { direct { minimum_slot_utilization: 1.5 } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { direct { minimum_slot_utilization: 1.0 } }
`,
    },
  },
  "MC-66": {
    failing: {
      at: { line: 5, column: 143 },
      wording: "'initial_state' dim for input name 'S' doesn't match 'state' dim description. 3 != 2",
      config: `name: "m"
backend: "onnxruntime"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [2] initial_state [{ name: "i" data_type: TYPE_FP32 dims: [3] zero_data: true }] }] }`,
    },
    passing: {
      config: `name: "m"
backend: "onnxruntime"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [-1] initial_state [{ name: "i" data_type: TYPE_FP32 dims: [3] zero_data: true }] }] }`,
    },
  },
  "MC-67": {
    failing: {
      at: { line: 6, column: 21 },
      wording: "the Python backend does not support",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [2] }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { }
`,
    },
  },
  "RL-19": {
    failing: {
      at: { line: 7, column: 1 },
      wording: "TRITON_BATCH_STRATEGY_PATH cannot be specified with sequence batcher, using default batching strategy",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching {}
parameters { key: "TRITON_BATCH_STRATEGY_PATH" value { string_value: "/m/batch.so" } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching {}
parameters { key: "TRITON_BATCH_STRATEGY_PATH" value { string_value: "/m/batch.so" } }
`,
    },
  },
  "MC-70": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-71": {
    failing: {
      at: { line: 2, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]

`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-72": {
    failing: {
      at: { line: 7, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
instance_group [{ kind: KIND_CPU }]`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-73": {
    failing: {
      at: { line: 7, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
optimization {}`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-74": {
    failing: {
      at: { line: 7, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-75": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling {}
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-76": {
    failing: {
      at: { line: 6, column: 23 },
      wording: "must specify 'input_map' in step 0 of ensemble 'e'",
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" output_map { key: "Y" value: "OUT" } } ] }
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-77": {
    failing: {
      at: { line: 6, column: 212 },
      wording: "ensemble tensor 'OUT' can appear in an output map only once for ensemble 'e' step 1",
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }, { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-78": {
    failing: {
      at: { line: 7, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
input [{ name: "IN2" data_type: TYPE_FP32 dims: [4] }]`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-79": {
    failing: {
      at: { line: 7, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
output [{ name: "OUT2" data_type: TYPE_FP32 dims: [4] }]`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-80": {
    failing: {
      at: { line: 6, column: 1 },
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }, { model_name: "b" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "SPARE" } } ] }
`,
    },
    passing: {
      config: `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    },
  },
  "MC-92": {
    failing: {
      at: { line: 6, column: 27 },
      wording: "has batch_size 0",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 0 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 2 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]
`,
    },
  },
  "MC-93": {
    failing: {
      at: { line: 6, column: 89 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [-1] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [-1] zero_data: true } } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [-1] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] random_data: true } } }]
`,
    },
  },
  "MC-94": {
    failing: {
      at: { line: 6, column: 41 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] } } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: false } } }]
`,
    },
  },
  "MC-96": {
    failing: {
      at: { line: 6, column: 68 },
      wording: "inference input 'IN' data-type is 'INT32', but model 'm' expects 'FP32'",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_INT32 dims: [4] zero_data: true } } }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]
`,
    },
  },
  "TR-2": {
    failing: {
      at: { line: 6, column: 121 },
      wording: "which the model does not have",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs [{ key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } }, { key: "NOPE" value { data_type: TYPE_FP32 dims: [4] zero_data: true } }] }]
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]
`,
    },
  },
  "MC-98": {
    failing: {
      at: { line: 7, column: 18 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }
response_cache { enable: true }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: false }
response_cache { enable: true }
`,
    },
  },
  "MC-100": {
    failing: {
      at: { line: 6, column: 37 },
      wording: "batch_size 0",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
optimization { cuda { graph_spec [{ batch_size: 0 }] } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
optimization { cuda { graph_spec [{ batch_size: 8 }] } }
`,
    },
  },
  "MC-101": {
    failing: {
      at: { line: 6, column: 17 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ histogram_options { buckets: [1] } }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }
`,
    },
  },
  "MC-102": {
    failing: {
      at: { line: 6, column: 35 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier {} histogram_options { buckets: [1] } }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }
`,
    },
  },
  "MC-103": {
    failing: {
      at: { line: 6, column: 17 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }
`,
    },
  },
  "MC-104": {
    failing: {
      at: { line: 6, column: 108 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options {} }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1, 2] } }] }
`,
    },
  },
  "MC-105": {
    failing: {
      at: { line: 6, column: 55 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_request_success" } histogram_options { buckets: [1] } }] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }
`,
    },
  },
  "MC-106": {
    failing: {
      at: {},
      wording: "model configuration must contain at least one output, none were specified",
      config: `name: "m"
backend: "pytorch"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]`,
    },
    passing: {
      config: `name: "m"
backend: "pytorch"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`,
    },
  },
  "PY-11": {
    failing: {
      at: { line: 6, column: 1 },
      wording: "Incorrect value for FORCE_CPU_ONLY_INPUT_TENSORS: maybe'",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
parameters { key: "FORCE_CPU_ONLY_INPUT_TENSORS" value { string_value: "maybe" } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
parameters { key: "FORCE_CPU_ONLY_INPUT_TENSORS" value { string_value: "no" } }
`,
    },
  },
  "RL-16": {
    failing: {
      at: { line: 6, column: 1 },
      wording: "leaves the model directory",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
parameters { key: "EXECUTION_ENV_PATH" value { string_value: "$$TRITON_MODEL_DIRECTORY/../env.tar.gz" } }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
parameters { key: "EXECUTION_ENV_PATH" value { string_value: "$$TRITON_MODEL_DIRECTORY/env/../env.tar.gz" } }
`,
    },
  },
  "RL-11": {
    failing: {
      at: {},
      wording:
        "Invalid model name: Could not determine backend for model 'nodot' with no backend in model configuration. Expected model name of the form 'model.<backend_name>'.",
      config: ``,
      options: { modelName: "nodot" },
    },
    passing: { config: ``, options: { modelName: "model.identity" } },
  },
  "RL-2": {
    failing: {
      at: { line: 1, column: 1 },
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]

`,
      options: { modelName: "other" },
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]

`,
      options: { modelName: "m" },
    },
  },
  "TR-4": {
    failing: {
      at: { line: 6, column: 46 },
      wording: "listed twice",
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preferred_batch_size: [4, 4] }
`,
    },
    passing: {
      config: `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching { preferred_batch_size: [4, 8] }
`,
    },
  },
};

/**
 * A batching Python model (`max_batch_size` as given) whose line 6 is `extra`:
 * the opening the boundary pairs below share, so each pair differs only in the
 * value at the bound, and its finding is on line 6 (line 3 for
 * max_batch_size itself).
 */
function batching(maxBatchSize: number, extra: string): string {
  return `name: "m"
backend: "python"
max_batch_size: ${maxBatchSize}
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
${extra}
`;
}

/** A TensorRT model whose line 5 is `extra`. */
function tensorrt(extra: string): string {
  return `name: "m"
platform: "tensorrt_plan"
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
${extra}`;
}

/**
 * Boundary pairs of the config rules that have a bound: the value just
 * refused and the value just allowed, `max_batch_size: 0` as well as a
 * positive one for the batching rules. The column is where the named field
 * starts on line 6.
 */
const CONFIG_BOUNDARIES: Readonly<Partial<Record<RuleId, readonly RuleBoundaryPair[]>>> = {
  "MC-44": [
    {
      label: 'profile "-1" refused, "0" allowed',
      failing: { at: { line: 5, column: 34 }, config: tensorrt('instance_group [{ kind: KIND_CPU profile: ["-1"] }]') },
      passing: { config: tensorrt('instance_group [{ kind: KIND_CPU profile: ["0"] }]') },
    },
  ],
  "MC-19": [
    {
      label: "max_batch_size 0 refused, 1 allowed",
      failing: {
        at: { line: 6, column: 51 },
        config: batching(0, 'input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]'),
      },
      passing: { config: batching(1, 'input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]') },
    },
  ],
  "MC-20": [
    {
      label: "dims -2 refused, -1 allowed",
      failing: {
        at: { line: 6, column: 41 },
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [-2] }]'),
      },
      passing: { config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [-1] }]') },
    },
    {
      label: "dims 0 refused, 1 allowed at max_batch_size 0",
      failing: {
        at: { line: 6, column: 41 },
        config: batching(0, 'input [{ name: "B" data_type: TYPE_FP32 dims: [0] }]'),
      },
      passing: { config: batching(0, 'input [{ name: "B" data_type: TYPE_FP32 dims: [1] }]') },
    },
  ],
  "MC-21": [
    {
      label: "reshape -2 refused, -1 allowed",
      failing: {
        at: { line: 6, column: 77 },
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [4, -1] reshape: { shape: [4, -2] } }]'),
      },
      passing: {
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [4, -1] reshape: { shape: [4, -1] } }]'),
      },
    },
  ],
  "MC-22": [
    {
      label: "2^63 elements refused, 2^63 - 2 allowed",
      failing: {
        at: { line: 6, column: 41 },
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [4611686018427387904, 2] }]'),
      },
      passing: { config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 dims: [4611686018427387903, 2] }]') },
    },
  ],
  "MC-24": [
    {
      label: "NHWC with 2 dims refused, 3 allowed",
      failing: {
        at: { line: 6, column: 41 },
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4, 4] }]'),
      },
      passing: {
        config: batching(8, 'input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4, 4, 3] }]'),
      },
    },
    {
      label: "NCHW with 4 dims refused, 3 allowed at max_batch_size 0",
      failing: {
        at: { line: 6, column: 41 },
        config: batching(0, 'input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NCHW dims: [1, 3, 4, 4] }]'),
      },
      passing: {
        config: batching(0, 'input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NCHW dims: [3, 4, 4] }]'),
      },
    },
  ],
  "MC-31": [
    {
      label: "2 source inputs refused, 1 allowed",
      failing: {
        at: { line: 6, column: 81 },
        config: batching(
          8,
          'batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 source_input: ["IN", "IN"] }]',
        ),
      },
      passing: {
        config: batching(
          8,
          'batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 source_input: ["IN"] }]',
        ),
      },
    },
  ],
  "MC-34": [
    {
      label: "2 source inputs refused, 1 allowed",
      failing: {
        at: { line: 6, column: 73 },
        config: batching(
          8,
          'batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" source_input: ["IN", "IN"] }]',
        ),
      },
      passing: {
        config: batching(
          8,
          'batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" source_input: ["IN"] }]',
        ),
      },
    },
  ],
  "MC-42": [
    {
      label: "gpu id 2 refused, 1 allowed with --gpus 0,1",
      failing: {
        at: { line: 6, column: 34 },
        config: batching(8, "instance_group [{ kind: KIND_GPU gpus: [2] }]"),
        options: { gpus: [0, 1] },
      },
      passing: { config: batching(8, "instance_group [{ kind: KIND_GPU gpus: [1] }]"), options: { gpus: [0, 1] } },
    },
  ],
  "MC-51": [
    {
      label: "preferred size 9 refused, 8 (= max_batch_size) allowed",
      failing: {
        at: { line: 6, column: 20 },
        wording: "dynamic batching preferred size must be <= max batch size for m",
        config: batching(8, "dynamic_batching { preferred_batch_size: [9] }"),
      },
      passing: { config: batching(8, "dynamic_batching { preferred_batch_size: [8] }") },
    },
    {
      label: "preferred size 0 refused, 1 allowed",
      failing: { at: { line: 6, column: 20 }, config: batching(8, "dynamic_batching { preferred_batch_size: [0] }") },
      passing: { config: batching(8, "dynamic_batching { preferred_batch_size: [1] }") },
    },
    {
      label: "max_batch_size 0 refuses preferred size 1, max_batch_size 1 allows it",
      failing: {
        at: { line: 6, column: 20 },
        wording: "dynamic batching preferred size must be <= max batch size for m",
        alsoReports: ["MC-56"],
        config: batching(0, "dynamic_batching { preferred_batch_size: [1] }"),
      },
      passing: { config: batching(1, "dynamic_batching { preferred_batch_size: [1] }") },
    },
  ],
  "MC-52": [
    {
      label: "default level 4 refused, 3 (= priority_levels) allowed",
      failing: {
        at: { line: 6, column: 39 },
        config: batching(8, "dynamic_batching { priority_levels: 3 default_priority_level: 4 }"),
      },
      passing: { config: batching(8, "dynamic_batching { priority_levels: 3 default_priority_level: 3 }") },
    },
    {
      label: "default level 0 refused, 1 allowed",
      failing: {
        at: { line: 6, column: 39 },
        config: batching(8, "dynamic_batching { priority_levels: 3 default_priority_level: 0 }"),
      },
      passing: { config: batching(8, "dynamic_batching { priority_levels: 3 default_priority_level: 1 }") },
    },
  ],
  "MC-53": [
    {
      label: "queue policy level 0 refused, 1 allowed",
      failing: {
        at: { line: 6, column: 65 },
        config: batching(
          8,
          "dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 0 value {} } }",
        ),
      },
      passing: {
        config: batching(
          8,
          "dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 1 value {} } }",
        ),
      },
    },
  ],
  "MC-55": [
    {
      label: "DELAY with a 1 us timeout refused, 0 allowed",
      failing: {
        at: { line: 6, column: 67 },
        config: batching(
          8,
          "dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY default_timeout_microseconds: 1 } }",
        ),
      },
      passing: {
        config: batching(
          8,
          "dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY default_timeout_microseconds: 0 } }",
        ),
      },
    },
  ],
  "MC-56": [
    {
      label: "max_batch_size 0 reported, 1 not",
      failing: {
        at: { line: 6, column: 1 },
        wording: "whose max_batch_size is 0",
        config: batching(0, "dynamic_batching {}"),
      },
      passing: { config: batching(1, "dynamic_batching {}") },
    },
  ],
  "MC-62": [
    {
      label: "3 entries refused, 2 allowed",
      failing: {
        at: { line: 6, column: 89 },
        wording:
          "sequence batching control 'fp32_false_true' must have exactly 2 entries for CONTROL_SEQUENCE_READY for m",
        config: batching(
          8,
          'sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1, 1] }] } ] }',
        ),
      },
      passing: {
        config: batching(
          8,
          'sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1] }] } ] }',
        ),
      },
    },
    {
      label: "1 int32 entry refused, 2 allowed",
      failing: {
        at: { line: 6, column: 89 },
        config: batching(
          8,
          'sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY int32_false_true: [1] }] } ] }',
        ),
      },
      passing: {
        config: batching(
          8,
          'sequence_batching { control_input [ { name: "R" control [{ kind: CONTROL_SEQUENCE_READY int32_false_true: [0, 1] }] } ] }',
        ),
      },
    },
  ],
  "MC-64": [
    {
      label: "preferred size 9 refused, 8 (= max_batch_size) allowed",
      failing: {
        at: { line: 6, column: 30 },
        wording: "sequence batching preferred batch size must be <= max batch size for m",
        config: batching(8, "sequence_batching { oldest { preferred_batch_size: [9] } }"),
      },
      passing: { config: batching(8, "sequence_batching { oldest { preferred_batch_size: [8] } }") },
    },
    {
      label: "preferred size 0 refused, 1 allowed",
      failing: {
        at: { line: 6, column: 30 },
        config: batching(8, "sequence_batching { oldest { preferred_batch_size: [0] } }"),
      },
      passing: { config: batching(8, "sequence_batching { oldest { preferred_batch_size: [1] } }") },
    },
    {
      label: "max_batch_size 0 refuses preferred size 1, max_batch_size 1 allows it",
      failing: {
        at: { line: 6, column: 30 },
        wording: "sequence batching preferred batch size must be <= max batch size for m",
        config: batching(0, "sequence_batching { oldest { preferred_batch_size: [1] } }"),
      },
      passing: { config: batching(1, "sequence_batching { oldest { preferred_batch_size: [1] } }") },
    },
  ],
  "MC-65": [
    {
      label: "1.01 refused, 1.0 allowed",
      failing: {
        at: { line: 6, column: 30 },
        config: batching(8, "sequence_batching { direct { minimum_slot_utilization: 1.01 } }"),
      },
      passing: { config: batching(8, "sequence_batching { direct { minimum_slot_utilization: 1.0 } }") },
    },
    {
      label: "-0.01 refused, 0.0 allowed (Triton accepts 0.0 despite its message)",
      failing: {
        at: { line: 6, column: 30 },
        config: batching(8, "sequence_batching { direct { minimum_slot_utilization: -0.01 } }"),
      },
      passing: { config: batching(8, "sequence_batching { direct { minimum_slot_utilization: 0.0 } }") },
    },
  ],
  "MC-92": [
    {
      label: "batch_size 9 over max_batch_size 8 refused, 8 allowed",
      failing: {
        at: { line: 6, column: 27 },
        wording: "failed to run warmup sample 'w': batch size 9 for 'm_0_0', max allowed is 8",
        config: batching(
          8,
          'model_warmup [{ name: "w" batch_size: 9 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
      passing: {
        config: batching(
          8,
          'model_warmup [{ name: "w" batch_size: 8 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
    },
    {
      label: "batch_size 2 reported at max_batch_size 0, 1 not",
      failing: {
        at: { line: 6, column: 27 },
        wording: "has batch_size 2",
        config: batching(
          0,
          'model_warmup [{ name: "w" batch_size: 2 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
      passing: {
        config: batching(
          0,
          'model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
    },
    {
      label: "batch_size 0 reported at max_batch_size 0, 1 not",
      failing: {
        at: { line: 6, column: 27 },
        wording: "has batch_size 0",
        config: batching(
          0,
          'model_warmup [{ name: "w" batch_size: 0 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
      passing: {
        config: batching(
          0,
          'model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]',
        ),
      },
    },
  ],
  "MC-100": [
    {
      label: "batch_size 9 refused, 8 (= max_batch_size) allowed",
      failing: {
        at: { line: 6, column: 37 },
        wording: "CUDA graph batch_size 9 of model 'm' must be in [1, 8]",
        config: batching(8, "optimization { cuda { graph_spec [{ batch_size: 9 }] } }"),
      },
      passing: { config: batching(8, "optimization { cuda { graph_spec [{ batch_size: 8 }] } }") },
    },
    {
      label: "batch_size 1 allowed, 0 refused",
      failing: {
        at: { line: 6, column: 37 },
        wording: "CUDA graph batch_size 0 of model 'm' must be in [1, 8]",
        config: batching(8, "optimization { cuda { graph_spec [{ batch_size: 0 }] } }"),
      },
      passing: { config: batching(8, "optimization { cuda { graph_spec [{ batch_size: 1 }] } }") },
    },
  ],
  "MC-14": [
    {
      label: "-1 refused, 1 allowed",
      failing: { at: { line: 3, column: 1 }, config: batching(-1, "") },
      passing: { config: batching(1, "") },
    },
  ],
  "MC-15": [
    {
      label: "latest num_versions 0 refused, 1 allowed",
      failing: {
        at: { line: 6, column: 18 },
        wording: "at least one version must be available under the version policy of model 'm'",
        config: batching(8, "version_policy { latest { num_versions: 0 } }"),
      },
      passing: { config: batching(8, "version_policy { latest { num_versions: 1 } }") },
    },
    {
      label: "specific {} refused, specific { versions: [1] } allowed",
      failing: {
        at: { line: 6, column: 18 },
        wording: "at least one version must be available under the version policy of model 'm'",
        config: batching(8, "version_policy { specific {} }"),
      },
      passing: { config: batching(8, "version_policy { specific { versions: [1] } }") },
    },
  ],
};

/** Every rule's examples, by rule id: a config where one config decides the rule, else a repository. */
export const RULE_EXAMPLES: Readonly<Partial<Record<RuleId, RuleExamplePair>>> = withBoundaries(
  { ...CONFIG_EXAMPLES, ...REPOSITORY_EXAMPLES },
  { ...CONFIG_BOUNDARIES, ...REPOSITORY_BOUNDARIES },
);

function withBoundaries(
  examples: Readonly<Partial<Record<RuleId, RuleExamplePair>>>,
  boundaries: Readonly<Partial<Record<RuleId, readonly RuleBoundaryPair[]>>>,
): Readonly<Partial<Record<RuleId, RuleExamplePair>>> {
  const out: Partial<Record<RuleId, RuleExamplePair>> = {};
  for (const [id, pair] of Object.entries(examples) as Array<[RuleId, RuleExamplePair]>) {
    const boundary = boundaries[id];
    out[id] = boundary === undefined ? pair : { ...pair, boundary };
  }
  // A boundary without its rule's example would never run: refuse it here rather than lose it.
  for (const id of Object.keys(boundaries))
    if (out[id as RuleId] === undefined) throw new Error(`${id}: boundary pairs need an example`);
  return out;
}
