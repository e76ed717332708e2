import type { ValidateOptions } from "../../../src/validate/index.js";

/**
 * Cases for every rule decidable from one config, ESLint RuleTester style: a config
 * that breaks the rule must produce its code (and only where the rule
 * says), and the nearest config that keeps the rule must not.
 */

const IO = `input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`;

/** A Python model with batching, plus `extra` lines. */
function py(extra = "", mbs = 8): string {
  return `name: "m"\nbackend: "python"\nmax_batch_size: ${mbs}\n${IO}\n${extra}\n`;
}

const SEQ = (controls: string): string => py(`sequence_batching { control_input [ ${controls} ] }`);
const START = `{ name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }`;

const ENSEMBLE = (scheduling: string, extra = ""): string => `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
${scheduling}
${extra}`;
const STEP = `{ model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }`;
const GOOD_ENSEMBLE = ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`);

export interface ConfigCase {
  config: string;
  options?: ValidateOptions;
}
export type ConfigRow = [code: string, invalid: ConfigCase, valid: ConfigCase, line?: number, column?: number];

const c = (config: string, options?: ValidateOptions): ConfigCase => (options ? { config, options } : { config });

export const CONFIG_ROWS: ConfigRow[] = [
  ["PB-SYNTAX", c(`name: "m" }`), c(py()), 1, 11],
  ["PB-UNKNOWN-FIELD", c(py("foo: 1")), c(py()), 6, 4],
  ["PB-UNKNOWN-ENUM", c(py(`input [{ name: "B" data_type: TYPE_FLOAT32 dims: [1] }]`)), c(py()), 6, 44],
  [
    "PB-DUPLICATE",
    c(`name: "m"\nbackend: "python"\nmax_batch_size: 4\nmax_batch_size: 8\n${IO}`),
    c(`name: "m"\nbackend: "python"\nmax_batch_size: 0\nmax_batch_size: 8\n${IO}`),
    4,
    15,
  ],
  ["PB-ONEOF", c(py("dynamic_batching {}\nsequence_batching {}")), c(py("dynamic_batching {}")), 7, 19],
  [
    "PB-DUPLICATE-KEY",
    c(py(`parameters { key: "K" value { string_value: "a" } }\nparameters { key: "K" value { string_value: "b" } }`)),
    c(py(`parameters { key: "K" value { string_value: "a" } }`)),
    7,
    12,
  ],
  ["PB-RANGE", c(py("", 99999999999)), c(py("", 8)), 3, 17],
  ["MC-10", c(`name: "m"\nplatform: "onnxruntim"\n${IO}`), c(`name: "m"\nplatform: "onnxruntime_onnx"\n${IO}`), 2, 1],
  [
    "MC-11",
    c(GOOD_ENSEMBLE.replace('platform: "ensemble"', 'platform: "ensemble"\nbackend: "python"')),
    c(GOOD_ENSEMBLE),
    3,
    1,
  ],
  [
    "MC-12",
    c(`name: "m"\nbackend: "onnxruntime"\nplatform: "tensorrt_plan"\n${IO}`),
    c(`name: "m"\nbackend: "onnxruntime"\nplatform: "onnxruntime_onnx"\n${IO}`),
    3,
    1,
  ],
  ["MC-14", c(py("", -1)), c(py("", 0)), 3, 1],
  ["MC-15", c(py("version_policy { latest {} }")), c(py("version_policy { latest { num_versions: 2 } }")), 6, 18],
  [
    "MC-16",
    c(py(`input [{ data_type: TYPE_FP32 dims: [1] }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [1] }]`)),
    6,
    1,
  ],
  [
    "MC-17",
    c(py(`input [{ name: "B" dims: [1] }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_INT32 dims: [1] }]`)),
    6,
    1,
  ],
  [
    "MC-18",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [-1] }]`)),
    6,
    1,
  ],
  [
    "MC-19",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]`, 0)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [1] reshape: { shape: [] } }]`, 8)),
    6,
    51,
  ],
  [
    "MC-20",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [0] }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [1] }]`)),
    6,
    41,
  ],
  [
    "MC-21",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [0, 4] } }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [1, 4] } }]`)),
    6,
    70,
  ],
  [
    "MC-22",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [9223372036854775807, 4] reshape: { shape: [4] } }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [2, 4] reshape: { shape: [8] } }]`)),
    6,
    41,
  ],
  [
    "MC-22",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [9223372036854775807, 4] }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [-1, 4] }]`)),
    6,
    41,
  ],
  [
    "MC-23",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [4] reshape: { shape: [3] } }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [2, -1, 6] reshape: { shape: [1, 2, -1, 3, 2] } }]`)),
    6,
    51,
  ],
  [
    "MC-24",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4] }]`)),
    c(py(`input [{ name: "B" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [4, 4, 3] }]`)),
    6,
    41,
  ],
  [
    "MC-25",
    c(py(`input [{ name: "B" data_type: TYPE_INT32 dims: [1] is_shape_tensor: true }]`)),
    c(
      `name: "m"\nplatform: "tensorrt_plan"\n${IO}\ninput [{ name: "B" data_type: TYPE_INT32 dims: [1] is_shape_tensor: true }]`,
    ),
    6,
    52,
  ],
  [
    "MC-26",
    c(py(`input [{ name: "B" data_type: TYPE_FP32 dims: [3, 4, 4] is_non_linear_format_io: true }]`)),
    c(
      `name: "m"\nplatform: "tensorrt_plan"\n${IO}\ninput [{ name: "B" data_type: TYPE_FP32 dims: [3, 4, 4] is_non_linear_format_io: true }]`,
    ),
    6,
    57,
  ],
  [
    "TR-3",
    c(py(`input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]`)),
    c(py(`output [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]`)),
    6,
    10,
  ],
  [
    "MC-31",
    c(py(`batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 }]`)),
    c(py(`batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT32 source_input: "IN" }]`)),
    6,
    1,
  ],
  [
    "MC-32",
    c(py(`batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_INT64 source_input: "IN" }]`)),
    c(py(`batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "C" data_type: TYPE_FP32 source_input: "IN" }]`)),
    6,
    59,
  ],
  [
    "MC-33",
    c(py(`batch_input [{ kind: BATCH_ITEM_SHAPE target_name: "C" data_type: TYPE_INT32 source_input: "NOPE" }]`)),
    c(py(`batch_input [{ kind: BATCH_ITEM_SHAPE target_name: "C" data_type: TYPE_INT32 source_input: "IN" }]`)),
    6,
    78,
  ],
  [
    "MC-34",
    c(py(`batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" }]`)),
    c(py(`batch_output [{ kind: BATCH_SCATTER_WITH_INPUT_SHAPE target_name: "OUT" source_input: "IN" }]`)),
    6,
    1,
  ],
  [
    "MC-35",
    c(py(`batch_output [{ target_name: "OUT" source_input: "NOPE" }]`)),
    c(py(`batch_output [{ target_name: "OUT" source_input: "IN" }]`)),
    6,
    36,
  ],
  [
    "MC-36",
    c(py(`batch_output [{ target_name: ["OUT", "OUT"] source_input: "IN" }]`)),
    c(py(`batch_output [{ target_name: ["OUT"] source_input: "IN" }]`)),
    6,
    38,
  ],
  [
    "MC-37",
    c(py(`instance_group [{ kind: KIND_MODEL gpus: [0] }]`)),
    c(py(`instance_group [{ kind: KIND_MODEL }]`)),
    6,
    36,
  ],
  [
    "MC-38",
    c(py(`instance_group [{ kind: KIND_CPU gpus: [0] }]`)),
    c(py(`instance_group [{ kind: KIND_CPU }]`)),
    6,
    34,
  ],
  [
    "MC-39",
    c(py(`instance_group [{ gpus: [1] }]`), { gpus: [0] }),
    c(py(`instance_group [{ gpus: [0] }]`), { gpus: [0] }),
    6,
    19,
  ],
  [
    "MC-42",
    c(py(`instance_group [{ kind: KIND_GPU gpus: [3] }]`), { gpus: [0, 1] }),
    c(py(`instance_group [{ kind: KIND_GPU gpus: [1] }]`), { gpus: [0, 1] }),
    6,
    34,
  ],
  [
    "MC-41",
    c(py(`instance_group [{ kind: KIND_GPU }]`), { gpus: [] }),
    c(py(`instance_group [{ kind: KIND_CPU }]`), { gpus: [] }),
    6,
    1,
  ],
  [
    "MC-43",
    c(py(`instance_group [{ kind: KIND_CPU profile: ["0"] }]`)),
    c(`name: "m"\nplatform: "tensorrt_plan"\n${IO}\ninstance_group [{ kind: KIND_CPU profile: ["0"] }]`),
    6,
    34,
  ],
  [
    "MC-44",
    c(`name: "m"\nplatform: "tensorrt_plan"\n${IO}\ninstance_group [{ kind: KIND_CPU profile: ["-1"] }]`),
    c(`name: "m"\nplatform: "tensorrt_plan"\n${IO}\ninstance_group [{ kind: KIND_CPU profile: ["1"] }]`),
    5,
    34,
  ],
  [
    "MC-48",
    c(py(`instance_group [{ kind: KIND_CPU passive: true }]`)),
    c(py(`instance_group [{ kind: KIND_CPU passive: true }, { kind: KIND_CPU }]`)),
    6,
    1,
  ],
  [
    "MC-50",
    c(py(`instance_group [{ kind: KIND_CPU rate_limiter { resources [{ name: "R" global: true }, { name: "R" }] } }]`)),
    c(py(`instance_group [{ kind: KIND_CPU rate_limiter { resources [{ name: "R" global: true }, { name: "S" }] } }]`)),
    6,
    34,
  ],
  [
    "MC-51",
    c(py(`dynamic_batching { preferred_batch_size: [16] }`)),
    c(py(`dynamic_batching { preferred_batch_size: [4, 8] }`)),
    6,
    20,
  ],
  [
    "MC-52",
    c(py(`dynamic_batching { priority_levels: 3 }`)),
    c(py(`dynamic_batching { priority_levels: 3 default_priority_level: 3 }`)),
    6,
    1,
  ],
  [
    "MC-53",
    c(
      py(`dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 4 value {} } }`),
    ),
    c(
      py(`dynamic_batching { priority_levels: 3 default_priority_level: 1 priority_queue_policy { key: 3 value {} } }`),
    ),
    6,
    65,
  ],
  [
    "MC-54",
    c(py(`dynamic_batching { preserve_ordering: true priority_levels: 2 default_priority_level: 1 }`)),
    c(py(`dynamic_batching { preserve_ordering: true priority_levels: 1 default_priority_level: 1 }`)),
    6,
    20,
  ],
  [
    "MC-55",
    c(
      py(
        `dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY default_timeout_microseconds: 100 } }`,
      ),
    ),
    c(py(`dynamic_batching { preserve_ordering: true default_queue_policy { timeout_action: DELAY } }`)),
    6,
    67,
  ],
  ["MC-56", c(py(`dynamic_batching {}`, 0)), c(py(`dynamic_batching {}`, 4)), 6, 1],
  [
    "MC-57",
    c(py(`sequence_batching {}\nresponse_cache { enable: true }`)),
    c(py(`dynamic_batching {}\nresponse_cache { enable: true }`)),
    7,
    18,
  ],
  ["MC-58", c(SEQ(`{ control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }`)), c(SEQ(START)), 6, 21],
  [
    "MC-59",
    c(SEQ(`${START}, { name: "START" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] }`)),
    c(
      SEQ(
        `{ name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }, { kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] }`,
      ),
    ),
    6,
    126,
  ],
  [
    "MC-60",
    c(SEQ(`${START}, { name: "S2" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }`)),
    c(SEQ(`${START}, { name: "S2" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] }`)),
    6,
    148,
  ],
  [
    "MC-61",
    c(SEQ(`{ name: "R" control [{ kind: CONTROL_SEQUENCE_READY }] }`)),
    c(SEQ(`{ name: "R" control [{ kind: CONTROL_SEQUENCE_READY bool_false_true: [false, true] }] }`)),
    6,
    49,
  ],
  [
    "MC-62",
    c(SEQ(`{ name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0] }] }`)),
    c(SEQ(`{ name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1] }] }`)),
    6,
    89,
  ],
  [
    "MC-63",
    c(SEQ(`{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID }] }`)),
    c(SEQ(`{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_STRING }] }`)),
    6,
    49,
  ],
  [
    "MC-64",
    c(py(`sequence_batching { oldest { preferred_batch_size: [16] } }`)),
    c(py(`sequence_batching { oldest { preferred_batch_size: [8] } }`)),
    6,
    30,
  ],
  [
    "MC-65",
    c(py(`sequence_batching { direct { minimum_slot_utilization: 1.5 } }`)),
    c(py(`sequence_batching { direct { minimum_slot_utilization: 1.0 } }`)),
    6,
    30,
  ],
  [
    "MC-66",
    c(
      `name: "m"\nbackend: "onnxruntime"\n${IO}\nsequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [2] initial_state [{ name: "i" data_type: TYPE_FP32 dims: [3] zero_data: true }] }] }`,
    ),
    c(
      `name: "m"\nbackend: "onnxruntime"\n${IO}\nsequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [-1] initial_state [{ name: "i" data_type: TYPE_FP32 dims: [3] zero_data: true }] }] }`,
    ),
    5,
    143,
  ],
  [
    "MC-67",
    c(py(`sequence_batching { state [{ input_name: "S" output_name: "S2" data_type: TYPE_FP32 dims: [2] }] }`)),
    c(py(`sequence_batching { }`)),
    6,
    21,
  ],
  [
    "RL-19",
    c(
      py(
        `sequence_batching {}\nparameters { key: "TRITON_BATCH_STRATEGY_PATH" value { string_value: "/m/batch.so" } }`,
      ),
    ),
    c(
      py(`dynamic_batching {}\nparameters { key: "TRITON_BATCH_STRATEGY_PATH" value { string_value: "/m/batch.so" } }`),
    ),
    7,
    1,
  ],
  ["MC-70", c(py(`ensemble_scheduling { step [ ${STEP} ] }`)), c(GOOD_ENSEMBLE), 6, 1],
  ["MC-71", c(ENSEMBLE("")), c(GOOD_ENSEMBLE), 2, 1],
  [
    "MC-72",
    c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`, "instance_group [{ kind: KIND_CPU }]")),
    c(GOOD_ENSEMBLE),
    7,
    1,
  ],
  ["MC-73", c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`, "optimization {}")), c(GOOD_ENSEMBLE), 7, 1],
  [
    "MC-74",
    c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`, `model_warmup [{ name: "w" batch_size: 1 }]`)),
    c(GOOD_ENSEMBLE),
    7,
    1,
  ],
  ["MC-75", c(ENSEMBLE(`ensemble_scheduling {}`)), c(GOOD_ENSEMBLE), 6, 1],
  [
    "MC-76",
    c(ENSEMBLE(`ensemble_scheduling { step [ { model_name: "a" output_map { key: "Y" value: "OUT" } } ] }`)),
    c(GOOD_ENSEMBLE),
    6,
    23,
  ],
  ["MC-77", c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP}, ${STEP} ] }`)), c(GOOD_ENSEMBLE), 6, 212],
  [
    "MC-78",
    c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`, `input [{ name: "IN2" data_type: TYPE_FP32 dims: [4] }]`)),
    c(GOOD_ENSEMBLE),
    7,
    1,
  ],
  [
    "MC-79",
    c(ENSEMBLE(`ensemble_scheduling { step [ ${STEP} ] }`, `output [{ name: "OUT2" data_type: TYPE_FP32 dims: [4] }]`)),
    c(GOOD_ENSEMBLE),
    7,
    1,
  ],
  [
    "MC-80",
    c(
      ENSEMBLE(
        `ensemble_scheduling { step [ ${STEP}, { model_name: "b" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "SPARE" } } ] }`,
      ),
    ),
    c(GOOD_ENSEMBLE),
    6,
    1,
  ],
  [
    "MC-92",
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 0 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
      ),
    ),
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 2 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
      ),
    ),
    6,
    27,
  ],
  [
    "MC-93",
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [-1] zero_data: true } } }]`,
      ),
    ),
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] random_data: true } } }]`,
      ),
    ),
    6,
    89,
  ],
  [
    "MC-94",
    c(py(`model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] } } }]`)),
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: false } } }]`,
      ),
    ),
    6,
    41,
  ],
  [
    "MC-96",
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_INT32 dims: [4] zero_data: true } } }]`,
      ),
    ),
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
      ),
    ),
    6,
    68,
  ],
  [
    "TR-2",
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs [{ key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } }, { key: "NOPE" value { data_type: TYPE_FP32 dims: [4] zero_data: true } }] }]`,
      ),
    ),
    c(
      py(
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] zero_data: true } } }]`,
      ),
    ),
    // the "{" of the NOPE entry: entries written in one [ ] are located where each starts
    6,
    121,
  ],
  [
    "MC-98",
    c(py(`model_transaction_policy { decoupled: true }\nresponse_cache { enable: true }`)),
    c(py(`model_transaction_policy { decoupled: false }\nresponse_cache { enable: true }`)),
    7,
    18,
  ],
  [
    "MC-100",
    c(py(`optimization { cuda { graph_spec [{ batch_size: 0 }] } }`)),
    c(py(`optimization { cuda { graph_spec [{ batch_size: 8 }] } }`)),
    6,
    37,
  ],
  [
    "MC-101",
    c(py(`model_metrics { metric_control [{ histogram_options { buckets: [1] } }] }`)),
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }`,
      ),
    ),
    6,
    17,
  ],
  [
    "MC-102",
    c(py(`model_metrics { metric_control [{ metric_identifier {} histogram_options { buckets: [1] } }] }`)),
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }`,
      ),
    ),
    6,
    35,
  ],
  [
    "MC-103",
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } }] }`,
      ),
    ),
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }`,
      ),
    ),
    6,
    17,
  ],
  [
    "MC-104",
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options {} }] }`,
      ),
    ),
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1, 2] } }] }`,
      ),
    ),
    6,
    108,
  ],
  [
    "MC-105",
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_request_success" } histogram_options { buckets: [1] } }] }`,
      ),
    ),
    c(
      py(
        `model_metrics { metric_control [{ metric_identifier { family: "nv_inference_first_response_histogram_ms" } histogram_options { buckets: [1] } }] }`,
      ),
    ),
    6,
    55,
  ],
  [
    "MC-106",
    c(`name: "m"\nbackend: "pytorch"\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]`),
    c(`name: "m"\nbackend: "pytorch"\n${IO}`),
  ],
  [
    "PY-11",
    c(py(`parameters { key: "FORCE_CPU_ONLY_INPUT_TENSORS" value { string_value: "maybe" } }`)),
    c(py(`parameters { key: "FORCE_CPU_ONLY_INPUT_TENSORS" value { string_value: "no" } }`)),
    6,
    1,
  ],
  [
    "RL-16",
    c(py(`parameters { key: "EXECUTION_ENV_PATH" value { string_value: "$$TRITON_MODEL_DIRECTORY/../env.tar.gz" } }`)),
    c(
      py(
        `parameters { key: "EXECUTION_ENV_PATH" value { string_value: "$$TRITON_MODEL_DIRECTORY/env/../env.tar.gz" } }`,
      ),
    ),
    6,
    1,
  ],
  ["RL-11", c("", { modelName: "nodot" }), c("", { modelName: "model.identity" })],
  ["RL-2", c(py(), { modelName: "other" }), c(py(), { modelName: "m" }), 1, 1],
  [
    "TR-4",
    c(py(`dynamic_batching { preferred_batch_size: [4, 4] }`)),
    c(py(`dynamic_batching { preferred_batch_size: [4, 8] }`)),
    6,
    46,
  ],
  [
    "TR-4",
    c(py(`sequence_batching { oldest { max_candidate_sequences: 2 preferred_batch_size: [4] } }`)),
    c(py(`sequence_batching { oldest { max_candidate_sequences: 4 preferred_batch_size: [4] } }`)),
    6,
    57,
  ],
  // The default preferred size (max_batch_size) counts too, reported at the strategy.
  [
    "TR-4",
    c(py(`sequence_batching { oldest { max_candidate_sequences: 2 } }`)),
    c(py(`sequence_batching { oldest { max_candidate_sequences: 2 preferred_batch_size: [2] } }`)),
    6,
    21,
  ],
];
