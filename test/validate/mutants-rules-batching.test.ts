import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateConfig } from "../../src/validate/index.js";
import { protocolType } from "../../src/config/protocol-type.js";

/**
 * Tests for the mutants that survived in the dynamic-batching, sequence-batching and warmup rules.
 * Every case asserts the FULL diagnostic list of one config (code, severity, message, position, path,
 * hint), because most survivors changed what follows a refusal (an early return, a pass order) or a
 * word of a message or hint rather than whether the first error appears.
 *
 * Where the expectations come from (not from the rules' code):
 * - messages of MC-51…MC-66, MC-92…MC-96: Triton's wording as catalogued in
 *   /work/shared/design/triton-rules.md §2.H, §2.I, §2.M (model_config_utils.cc, sequence_batch_scheduler.cc);
 * - the pass order START, END, READY, CORRID and "name checks surface in the START pass": catalogue §2.I;
 * - the request-check wording ("expected number of inputs between 3 and 4 but got …", "Got input(s) [...]"):
 *   Triton's QA test L0_input_validation (input_validation_test.py);
 * - "Expected [-1,4], got [1,…]. NOTE: Setting a non-zero max_batch_size …": Triton's infer_request.cc as
 *   users quote it (the NOTE only for max_batch_size > 0), and the catalogue's "Triton prepends 1";
 * - the Python backend's "batch size 9 for 'g_0', max allowed is 8" (python_be.cc) with instance names
 *   <group>_<k>, a group without name being <model>_0 (Triton's instance naming);
 * - proto3 defaults: an omitted data_type is TYPE_INVALID on both sides (printed INVALID), an omitted kind is
 *   CONTROL_SEQUENCE_START.
 * Hints are the product's own words: asserted exactly because they are what the user reads.
 * Positions: 1-based line and column of the field (or, for a list element, the value) the path names; the
 * lists were recorded from a run and then checked against the sources above, and a sample of positions was
 * counted by hand in the config text (e.g. dupName 7:103, st2initial 7:78, oldestZero 7:62).
 */

const OUT = `output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]`;
const IO = `input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\n${OUT}`;
const head = (mbs = 8, backend = "onnxruntime", io = IO) =>
  `name: "m"\nbackend: "${backend}"\nmax_batch_size: ${mbs}\n${io}\n`;
const dyn = (body: string, mbs = 8) => `${head(mbs)}dynamic_batching {\n${body}\n}\n`;
const w = (inputs: string, batch = "batch_size: 1 ") => `model_warmup [{ name: "w" ${batch}${inputs} }]\n`;
const zin = (key: string, more = `data_type: TYPE_FP32 dims: [4] zero_data: true`) =>
  `inputs { key: "${key}" value { ${more} } }`;
const seq = (body: string) => `${head()}sequence_batching {\n${body}\n}\n`;

const SEQ = {
  corridLists: seq(
    `  control_input [{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_UINT64 fp32_false_true: [0, 1] }] }]`,
  ),
  twoLists: seq(
    `  control_input [{ name: "E" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] bool_false_true: [false, true] }] }, { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID int32_false_true: [0, 1] }] }]`,
  ),
  noName: seq(`  control_input [{ control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }]`),
  dupName: seq(
    `  control_input [{ name: "S" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }, { name: "S" control [{ kind: CONTROL_SEQUENCE_END int32_false_true: [0, 1] }] }]`,
  ),
  twoStart: seq(
    `  control_input [{ name: "A" control [{ int32_false_true: [0, 1] }] }, { name: "B" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] },\n    { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID int32_false_true: [0, 1] }] }]`,
  ),
  noValuesStartEnd: seq(
    `  control_input [{ name: "A" control [{ kind: CONTROL_SEQUENCE_START }] }, { name: "B" control [{ kind: CONTROL_SEQUENCE_END }] }]`,
  ),
  readyThree: seq(
    `  control_input [{ name: "R" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1, 2] }] },\n    { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID int32_false_true: [0, 1] }] }]`,
  ),
  threeValues: seq(
    `  control_input [{ name: "A" control [{ kind: CONTROL_SEQUENCE_READY fp32_false_true: [0, 1, 2] }] }, { name: "B" control [{ kind: CONTROL_SEQUENCE_END }] }]`,
  ),
  startBadCorridBad: seq(
    `  control_input [{ name: "A" control [{ kind: CONTROL_SEQUENCE_START }] }, { name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID int32_false_true: [0, 1] }] }]`,
  ),
  corridListsNoType: seq(
    `  control_input [{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID int32_false_true: [0, 1] }] }]`,
  ),
  oldestZero: seq(`  oldest { max_candidate_sequences: 4 preferred_batch_size: [0, 4] }`),
  oldestWritten: seq(`  oldest { max_candidate_sequences: 4 preferred_batch_size: [4, 5] }`),
  oldestDefault: seq(`  oldest { max_candidate_sequences: 4 }`),
  oldestNoCand: seq(`  oldest { preferred_batch_size: [4] }`),
  st2initial: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2] initial_state [{ name: "a" data_type: TYPE_FP32 dims: [2] zero_data: true }, { name: "b" data_type: TYPE_FP32 dims: [2] zero_data: true }] }]`,
  ),
  stType: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2] initial_state { name: "a" data_type: TYPE_INT32 dims: [2] zero_data: true } }]`,
  ),
  stNoTypes: seq(
    `  state [{ input_name: "SI" output_name: "SO" dims: [2] initial_state { name: "a" dims: [2] zero_data: true } }]`,
  ),
  stNoName: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2] initial_state { data_type: TYPE_FP32 dims: [2] zero_data: true } }]`,
  ),
  stDup: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2] initial_state { name: "a" data_type: TYPE_FP32 dims: [2] zero_data: true } },\n    { input_name: "SI" output_name: "SO2" data_type: TYPE_FP32 dims: [2] initial_state { name: "b" data_type: TYPE_FP32 dims: [2] zero_data: true } }]`,
  ),
  stRank: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2, 3] initial_state { name: "a" data_type: TYPE_FP32 dims: [2] zero_data: true } }]`,
  ),
  stVar: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [-1, 3] initial_state { name: "a" data_type: TYPE_FP32 dims: [2, -1] zero_data: true } }]`,
  ),
  // data_file alone is a state data source (the file's size is checked only with the repository at hand)
  stDataFile: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [2] initial_state { name: "a" data_type: TYPE_FP32 dims: [2] data_file: "f" } }]`,
  ),
  stNoData: seq(
    `  state [{ input_name: "SI" output_name: "SO" data_type: TYPE_FP32 dims: [-1, 3] initial_state { name: "a" data_type: TYPE_FP32 dims: [5, 3] } }]`,
  ),
};

const WARM = {
  dynZero: dyn(`  preferred_batch_size: [0, 2]`),
  dynMbs0: dyn(`  preferred_batch_size: [1]`, 0),
  dynOver: dyn(`  preferred_batch_size: [4, 5]`, 4),
  prioOmitted: dyn(`  priority_levels: 3`),
  policyNoLevels: dyn(`  priority_queue_policy { key: 1 value { max_queue_size: 2 } }`),
  prioDelayPolicy: dyn(
    `  preserve_ordering: true\n  priority_levels: 1\n  default_priority_level: 1\n  priority_queue_policy { key: 1 value { timeout_action: DELAY default_timeout_microseconds: 100 } }`,
  ),
  prioRejectPolicy: dyn(
    `  preserve_ordering: true\n  priority_levels: 1\n  default_priority_level: 1\n  default_queue_policy { timeout_action: REJECT default_timeout_microseconds: 100 }\n  priority_queue_policy { key: 1 value { timeout_action: REJECT default_timeout_microseconds: 100 } }`,
  ),
  wStringType: head(8, "onnxruntime", `input [{ name: "IN" data_type: TYPE_STRING dims: [4] }]\n${OUT}`) + w(zin("IN")),
  wNoType: head() + w(zin("IN", "dims: [4] zero_data: true")),
  wDeclNoType: head(8, "onnxruntime", `input [{ name: "IN" dims: [4] }]\n${OUT}`) + w(zin("IN")),
  wVarLen:
    head(8, "onnxruntime", `input [{ name: "IN" data_type: TYPE_FP32 dims: [-1] }]\n${OUT}`) +
    w(zin("IN", "data_type: TYPE_FP32 dims: [2, 3] zero_data: true")),
  wLonger: head() + w(zin("IN", "data_type: TYPE_FP32 dims: [4, 5] zero_data: true")),
  wSome:
    head(8, "onnxruntime", `input [{ name: "IN" data_type: TYPE_FP32 dims: [4, 5] }]\n${OUT}`) +
    w(zin("IN", "data_type: TYPE_FP32 dims: [4, 6] zero_data: true")),
  wMbs0: head(0) + w(zin("IN", "data_type: TYPE_FP32 dims: [3] zero_data: true")),
  wMbs0b2: head(0) + w(zin("IN"), "batch_size: 2 "),
  wMbs4b5: head(4) + w(zin("IN"), "batch_size: 5 "),
  wReshape:
    head(8, "onnxruntime", `input [{ name: "IN" data_type: TYPE_FP32 dims: [4] reshape { shape: [2, 2] } }]\n${OUT}`) +
    w(zin("IN", "data_type: TYPE_FP32 dims: [2, 2] zero_data: true")),
  wVarDims:
    head(8, "onnxruntime", `input [{ name: "IN" data_type: TYPE_FP32 dims: [-1, 4] }]\n${OUT}`) +
    w(zin("IN", "data_type: TYPE_FP32 dims: [-1, 4] zero_data: true")),
  wBatch0: head() + w(zin("IN", "data_type: TYPE_FP32 dims: [4]"), "batch_size: 0 "),
  wControl:
    head() +
    `sequence_batching { control_input [{ name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }] }\n` +
    w(`${zin("IN")} ${zin("START", "data_type: TYPE_INT32 dims: [1] zero_data: true")} ${zin("X")}`),
  wTwoInputs:
    head(
      8,
      "onnxruntime",
      `input [{ name: "A" data_type: TYPE_FP32 dims: [4] }, { name: "B" data_type: TYPE_FP32 dims: [4] }]\n${OUT}`,
    ) + w(zin("X")),
  wOptional:
    head(
      8,
      "onnxruntime",
      `input [{ name: "A" data_type: TYPE_FP32 dims: [4] }, { name: "B" data_type: TYPE_FP32 dims: [4] optional: true }, { name: "C" data_type: TYPE_FP32 dims: [4] }, { name: "D" data_type: TYPE_FP32 dims: [4] }]\n${OUT}`,
    ) +
    `sequence_batching { control_input [{ name: "S" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }] }\n` +
    w(`${zin("B")} ${zin("C")} ${zin("S", "data_type: TYPE_INT32 dims: [1] zero_data: true")}`),
  pyOk: head(8, "python") + w(zin("IN"), "batch_size: 2 "),
  pyGroup: `${head(8, "python")}instance_group [{ name: "g" kind: KIND_CPU }]\n${w(zin("IN"), "batch_size: 9 ")}`,
  pyNoGroup: head(8, "python") + w(zin("IN"), "batch_size: 9 "),
  wUnknownType: head() + w(zin("IN", "data_type: 99 dims: [4] zero_data: true")),
  wNoInputs: `name: "m"\nbackend: "onnxruntime"\nmax_batch_size: 8\n${OUT}\n${w(zin("X"))}`,
};

const SEQ_EXPECTED: Record<keyof typeof SEQ, Diagnostic[]> = {
  corridLists: [
    {
      code: "MC-63",
      severity: "error",
      message:
        "sequence batching must not specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_CORRID for m",
      file: "config.pbtxt",
      line: 7,
      column: 30,
      path: "sequence_batching.control_input[0].control[0]",
      hint: "a CORRID control carries a data_type, not values",
    },
  ],
  twoLists: [
    {
      code: "MC-61",
      severity: "error",
      message:
        "sequence batching specifies more than one from 'int32_false_true', 'fp32_false_true' and 'bool_false_true' for CONTROL_SEQUENCE_END for m",
      file: "config.pbtxt",
      line: 7,
      column: 30,
      path: "sequence_batching.control_input[0].control[0]",
      hint: "keep one value list",
    },
  ],
  noName: [
    {
      code: "MC-58",
      severity: "error",
      message: "sequence batching control tensor must have a name for m",
      file: "config.pbtxt",
      line: 7,
      column: 3,
      path: "sequence_batching.control_input[0]",
      hint: "name the control tensor as the model's input",
    },
  ],
  dupName: [
    {
      code: "MC-59",
      severity: "error",
      message: "sequence batching control tensor 'S' is specified for multiple control kinds for m",
      file: "config.pbtxt",
      line: 7,
      column: 103,
      path: "sequence_batching.control_input[1].name",
      hint: "each control tensor is listed once; one entry may carry several controls",
    },
  ],
  twoStart: [
    {
      code: "MC-60",
      severity: "error",
      message: "sequence batching specifies multiple CONTROL_SEQUENCE_START tensors for m",
      file: "config.pbtxt",
      line: 7,
      column: 95,
      path: "sequence_batching.control_input[1].control[0].kind",
      hint: "keep one CONTROL_SEQUENCE_START control",
    },
  ],
  noValuesStartEnd: [
    {
      code: "MC-61",
      severity: "error",
      message:
        "sequence batching must specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_START for m",
      file: "config.pbtxt",
      line: 7,
      column: 30,
      path: "sequence_batching.control_input[0].control[0]",
      hint: "add int32_false_true: [0, 1] (the values for false and true)",
    },
  ],
  readyThree: [
    {
      code: "MC-62",
      severity: "error",
      message:
        "sequence batching control 'fp32_false_true' must have exactly 2 entries for CONTROL_SEQUENCE_READY for m",
      file: "config.pbtxt",
      line: 7,
      column: 70,
      path: "sequence_batching.control_input[0].control[0].fp32_false_true",
      hint: "give the false value, then the true value: [0, 1]",
    },
  ],
  threeValues: [
    {
      code: "MC-61",
      severity: "error",
      message:
        "sequence batching must specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_END for m",
      file: "config.pbtxt",
      line: 7,
      column: 115,
      path: "sequence_batching.control_input[1].control[0]",
      hint: "add int32_false_true: [0, 1] (the values for false and true)",
    },
  ],
  startBadCorridBad: [
    {
      code: "MC-61",
      severity: "error",
      message:
        "sequence batching must specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_START for m",
      file: "config.pbtxt",
      line: 7,
      column: 30,
      path: "sequence_batching.control_input[0].control[0]",
      hint: "add int32_false_true: [0, 1] (the values for false and true)",
    },
  ],
  corridListsNoType: [
    {
      code: "MC-63",
      severity: "error",
      message:
        "sequence batching must not specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for CONTROL_SEQUENCE_CORRID for m",
      file: "config.pbtxt",
      line: 7,
      column: 30,
      path: "sequence_batching.control_input[0].control[0]",
      hint: "a CORRID control carries a data_type, not values",
    },
  ],
  oldestZero: [
    {
      code: "MC-64",
      severity: "error",
      message: "sequence batching preferred batch size must be positive for m",
      file: "config.pbtxt",
      line: 7,
      column: 62,
      path: "sequence_batching.oldest.preferred_batch_size[0]",
      hint: "preferred sizes are batch sizes: 1 or more",
    },
  ],
  oldestWritten: [
    {
      code: "TR-4",
      severity: "warning",
      message:
        "preferred batch size 5 of model 'm' can never be formed: the oldest strategy batches at most max_candidate_sequences (4) sequences",
      file: "config.pbtxt",
      line: 7,
      column: 65,
      path: "sequence_batching.oldest.preferred_batch_size[1]",
      hint: "raise max_candidate_sequences or lower the preferred size",
    },
  ],
  oldestDefault: [
    {
      code: "TR-4",
      severity: "warning",
      message:
        "the default preferred batch size of model 'm' (max_batch_size, 8) can never be formed: the oldest strategy batches at most max_candidate_sequences (4) sequences, so every batch waits out max_queue_delay_microseconds",
      file: "config.pbtxt",
      line: 7,
      column: 3,
      path: "sequence_batching.oldest",
      hint: "set preferred_batch_size to sizes up to 4, or raise max_candidate_sequences",
    },
  ],
  oldestNoCand: [],
  st2initial: [
    {
      code: "MC-66",
      severity: "error",
      message: "initial_state field for state input 'SI' must contain exactly one or zero element. Found '2' elements.",
      file: "config.pbtxt",
      line: 7,
      column: 78,
      path: "sequence_batching.state[0].initial_state",
      hint: "keep one initial_state",
    },
  ],
  stType: [
    {
      code: "MC-66",
      severity: "error",
      message: "The data type used for 'initial_state' field of state 'SI' does not match the state data type.",
      file: "config.pbtxt",
      line: 7,
      column: 104,
      path: "sequence_batching.state[0].initial_state[0].data_type",
      hint: "use the state's data_type",
    },
  ],
  stNoTypes: [],
  stNoName: [
    {
      code: "MC-66",
      severity: "error",
      message: "Field 'name' must be set when using initial_state for state input 'SI'.",
      file: "config.pbtxt",
      line: 7,
      column: 78,
      path: "sequence_batching.state[0].initial_state[0]",
      hint: "name the initial state",
    },
  ],
  stDup: [
    {
      code: "MC-66",
      severity: "error",
      message: "State input name 'SI' specified more than once.",
      file: "config.pbtxt",
      line: 8,
      column: 7,
      path: "sequence_batching.state[1].input_name",
      hint: "one state per input_name",
    },
  ],
  stRank: [
    {
      code: "MC-66",
      severity: "error",
      message:
        "Number of dimensions in 'initial_state' doesn't match the size of 'state' dimensions for state input 'SI'. 1 != 2",
      file: "config.pbtxt",
      line: 7,
      column: 128,
      path: "sequence_batching.state[0].initial_state[0].dims",
      hint: "give the initial state as many dims as the state",
    },
  ],
  stVar: [
    {
      code: "MC-66",
      severity: "error",
      message: "'initial_state' field for state input name 'SI' contains variable dimensions.",
      file: "config.pbtxt",
      line: 7,
      column: 139,
      path: "sequence_batching.state[0].initial_state[0].dims[1]",
      hint: "initial state dims must be fixed",
    },
  ],
  stDataFile: [],
  stNoData: [
    {
      code: "MC-66",
      severity: "error",
      message: "initial_state setting expects state'SI' to have state_data set",
      file: "config.pbtxt",
      line: 7,
      column: 82,
      path: "sequence_batching.state[0].initial_state[0]",
      hint: 'add zero_data: true or data_file: "<file in initial_state/>"',
    },
  ],
};

const WARM_EXPECTED: Record<keyof typeof WARM, Diagnostic[]> = {
  dynZero: [
    {
      code: "MC-51",
      severity: "error",
      message: "dynamic batching preferred size must be positive for m",
      file: "config.pbtxt",
      line: 7,
      column: 26,
      path: "dynamic_batching.preferred_batch_size[0]",
      hint: "preferred sizes are batch sizes: 1 or more",
    },
  ],
  dynMbs0: [
    {
      code: "MC-56",
      severity: "warning",
      message: "dynamic batching is set for model 'm' whose max_batch_size is 0: no request is ever batched",
      file: "config.pbtxt",
      line: 6,
      column: 1,
      path: "dynamic_batching",
      hint: "set max_batch_size > 0 for the batcher to form batches, or remove dynamic_batching",
    },
    {
      code: "MC-51",
      severity: "error",
      message: "dynamic batching preferred size must be <= max batch size for m",
      file: "config.pbtxt",
      line: 7,
      column: 3,
      path: "dynamic_batching.preferred_batch_size[0]",
      hint: "max_batch_size is 0 (no batching): set max_batch_size, or remove dynamic_batching",
    },
  ],
  dynOver: [
    {
      code: "MC-51",
      severity: "error",
      message: "dynamic batching preferred size must be <= max batch size for m",
      file: "config.pbtxt",
      line: 7,
      column: 29,
      path: "dynamic_batching.preferred_batch_size[1]",
      hint: "max_batch_size is 4: lower this size or raise max_batch_size",
    },
  ],
  prioOmitted: [
    {
      code: "MC-52",
      severity: "error",
      message: "default priority level must be in range [1, 3] for m",
      file: "config.pbtxt",
      line: 6,
      column: 1,
      path: "dynamic_batching",
      hint: "set default_priority_level between 1 and 3",
    },
  ],
  policyNoLevels: [
    {
      code: "MC-53",
      severity: "warning",
      message: "priority settings of model 'm' are ignored because priority_levels is 0",
      file: "config.pbtxt",
      line: 6,
      column: 1,
      path: "dynamic_batching",
      hint: "set priority_levels, or remove default_priority_level and priority_queue_policy",
    },
  ],
  prioDelayPolicy: [
    {
      code: "MC-55",
      severity: "error",
      message: "Queue policy can not have DELAY as timeout action when 'preserve_ordering' is true for m",
      file: "config.pbtxt",
      line: 10,
      column: 3,
      path: 'dynamic_batching.priority_queue_policy["1"]',
      hint: "use timeout_action: REJECT, or drop preserve_ordering",
    },
  ],
  prioRejectPolicy: [],
  wStringType: [
    {
      code: "MC-96",
      severity: "error",
      message: "inference input 'IN' data-type is 'FP32', but model 'm' expects 'BYTES'",
      file: "config.pbtxt",
      line: 6,
      column: 68,
      path: 'model_warmup[0].inputs["IN"].data_type',
      hint: "warmup data_type must be TYPE_STRING",
    },
  ],
  wNoType: [
    {
      code: "MC-96",
      severity: "error",
      message: "inference input 'IN' data-type is '<invalid>', but model 'm' expects 'FP32'",
      file: "config.pbtxt",
      line: 6,
      column: 41,
      path: 'model_warmup[0].inputs["IN"].data_type',
      hint: "warmup data_type must be TYPE_FP32",
    },
  ],
  wDeclNoType: [
    {
      code: "MC-17",
      severity: "warning",
      message: "model input 'IN' must specify 'data_type' for m",
      file: "config.pbtxt",
      line: 4,
      column: 1,
      path: "input[0]",
      hint: "add data_type: TYPE_FP32 (or the type the model uses)",
    },
    {
      code: "MC-96",
      severity: "error",
      message: "inference input 'IN' data-type is 'FP32', but model 'm' expects '<invalid>'",
      file: "config.pbtxt",
      line: 6,
      column: 68,
      path: 'model_warmup[0].inputs["IN"].data_type',
      hint: "warmup data_type must be TYPE_INVALID",
    },
  ],
  wVarLen: [
    {
      code: "MC-96",
      severity: "error",
      message:
        "unexpected shape for input 'IN' for model 'm'. Expected [-1,-1], got [1,2,3]. NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be prepended to each input shape. If you want to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to zero. See the model configuration docs for more info on max_batch_size.",
      file: "config.pbtxt",
      line: 6,
      column: 89,
      path: 'model_warmup[0].inputs["IN"].dims',
      hint: "warmup dims leave out the batch dimension, like the input's dims",
    },
  ],
  wLonger: [
    {
      code: "MC-96",
      severity: "error",
      message:
        "unexpected shape for input 'IN' for model 'm'. Expected [-1,4], got [1,4,5]. NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be prepended to each input shape. If you want to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to zero. See the model configuration docs for more info on max_batch_size.",
      file: "config.pbtxt",
      line: 6,
      column: 89,
      path: 'model_warmup[0].inputs["IN"].dims',
      hint: "warmup dims leave out the batch dimension, like the input's dims",
    },
  ],
  wSome: [
    {
      code: "MC-96",
      severity: "error",
      message:
        "unexpected shape for input 'IN' for model 'm'. Expected [-1,4,5], got [1,4,6]. NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be prepended to each input shape. If you want to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to zero. See the model configuration docs for more info on max_batch_size.",
      file: "config.pbtxt",
      line: 6,
      column: 89,
      path: 'model_warmup[0].inputs["IN"].dims',
      hint: "warmup dims leave out the batch dimension, like the input's dims",
    },
  ],
  wMbs0: [
    {
      code: "MC-96",
      severity: "error",
      message: "unexpected shape for input 'IN' for model 'm'. Expected [4], got [3].",
      file: "config.pbtxt",
      line: 6,
      column: 89,
      path: 'model_warmup[0].inputs["IN"].dims',
      hint: "warmup dims leave out the batch dimension, like the input's dims",
    },
  ],
  wMbs0b2: [
    {
      code: "MC-92",
      severity: "warning",
      message:
        "warmup sample 'w' of model 'm' has batch_size 2, outside what the model accepts (1 for a non-batching model)",
      file: "config.pbtxt",
      line: 6,
      column: 27,
      path: "model_warmup[0].batch_size",
      hint: "the backend may fail the sample, which fails the load",
    },
  ],
  wMbs4b5: [
    {
      code: "MC-92",
      severity: "warning",
      message: "warmup sample 'w' of model 'm' has batch_size 5, outside what the model accepts (at most 4)",
      file: "config.pbtxt",
      line: 6,
      column: 27,
      path: "model_warmup[0].batch_size",
      hint: "the backend may fail the sample, which fails the load",
    },
  ],
  wReshape: [],
  wVarDims: [
    {
      code: "MC-93",
      severity: "error",
      message: "warmup setting expects all variable-size dimensions are specified for input 'IN'",
      file: "config.pbtxt",
      line: 6,
      column: 89,
      path: 'model_warmup[0].inputs["IN"].dims',
      hint: "give every dim a size",
    },
  ],
  wBatch0: [
    {
      code: "MC-92",
      severity: "warning",
      message: "warmup sample 'w' of model 'm' has batch_size 0 and is skipped",
      file: "config.pbtxt",
      line: 6,
      column: 27,
      path: "model_warmup[0].batch_size",
      hint: "set batch_size: 1 (or more for a batching model)",
    },
  ],
  wControl: [
    {
      code: "TR-2",
      severity: "warning",
      message: "warmup sample 'w' of model 'm' sets input 'X', which the model does not have",
      file: "config.pbtxt",
      line: 7,
      column: 201,
      path: 'model_warmup[0].inputs["X"]',
      hint: "model inputs: IN",
    },
  ],
  wTwoInputs: [
    {
      code: "MC-96",
      severity: "error",
      message:
        "expected 2 inputs but got 0 inputs for model 'm'. Got input(s) [], but missing required input(s) ['A','B']. Please provide all required input(s).",
      file: "config.pbtxt",
      line: 6,
      column: 1,
      path: "model_warmup[0]",
      hint: "add warmup inputs for 'A', 'B'",
    },
    {
      code: "TR-2",
      severity: "warning",
      message: "warmup sample 'w' of model 'm' sets input 'X', which the model does not have",
      file: "config.pbtxt",
      line: 6,
      column: 41,
      path: 'model_warmup[0].inputs["X"]',
      hint: "model inputs: A, B",
    },
  ],
  wOptional: [
    {
      code: "MC-96",
      severity: "error",
      message:
        "expected number of inputs between 3 and 4 but got 2 inputs for model 'm'. Got input(s) ['B','C'], but missing required input(s) ['A','D']. Please provide all required input(s).",
      file: "config.pbtxt",
      line: 7,
      column: 1,
      path: "model_warmup[0]",
      hint: "add warmup inputs for 'A', 'D'",
    },
  ],
  pyOk: [],
  pyGroup: [
    {
      code: "MC-92",
      severity: "error",
      message: "failed to run warmup sample 'w': batch size 9 for 'g_0', max allowed is 8",
      file: "config.pbtxt",
      line: 7,
      column: 27,
      path: "model_warmup[0].batch_size",
      hint: "the Python backend accepts at most max_batch_size (8) per request: lower batch_size to 8 or less",
    },
  ],
  pyNoGroup: [
    {
      code: "MC-92",
      severity: "error",
      message: "failed to run warmup sample 'w': batch size 9 for 'm_0_0', max allowed is 8",
      file: "config.pbtxt",
      line: 6,
      column: 27,
      path: "model_warmup[0].batch_size",
      hint: "the Python backend accepts at most max_batch_size (8) per request: lower batch_size to 8 or less",
    },
  ],
  // common's DataTypeToProtocolString has no case for an unknown number: `<invalid>`
  wUnknownType: [
    {
      code: "MC-96",
      severity: "error",
      message: "inference input 'IN' data-type is '<invalid>', but model 'm' expects 'FP32'",
      file: "config.pbtxt",
      line: 6,
      column: 68,
      path: 'model_warmup[0].inputs["IN"].data_type',
      hint: "warmup data_type must be TYPE_FP32",
    },
  ],
  wNoInputs: [
    {
      code: "TR-2",
      severity: "warning",
      message: "warmup sample 'w' of model 'm' sets input 'X', which the model does not have",
      file: "config.pbtxt",
      line: 5,
      column: 41,
      path: 'model_warmup[0].inputs["X"]',
      hint: "model inputs: (none)",
    },
  ],
};

describe("sequence batching: what follows each refusal (mutants in sequence-batching.ts)", () => {
  it.each(Object.keys(SEQ) as (keyof typeof SEQ)[])("%s", (name) => {
    expect(validateConfig(SEQ[name])).toEqual(SEQ_EXPECTED[name]);
  });
});

describe("dynamic batching and warmup (mutants in dynamic-batching.ts and warmup.ts)", () => {
  it.each(Object.keys(WARM) as (keyof typeof WARM)[])("%s", (name) => {
    expect(validateConfig(WARM[name])).toEqual(WARM_EXPECTED[name]);
  });
});

describe("protocol names of data types in request errors (common's DataTypeToProtocolString)", () => {
  // The table as common/src/model_config.cc spells it; everything else is `<invalid>`.
  const NAMES: [string, string][] = [
    ["TYPE_BOOL", "BOOL"],
    ["TYPE_UINT8", "UINT8"],
    ["TYPE_UINT16", "UINT16"],
    ["TYPE_UINT32", "UINT32"],
    ["TYPE_UINT64", "UINT64"],
    ["TYPE_INT8", "INT8"],
    ["TYPE_INT16", "INT16"],
    ["TYPE_INT32", "INT32"],
    ["TYPE_INT64", "INT64"],
    ["TYPE_FP16", "FP16"],
    ["TYPE_FP32", "FP32"],
    ["TYPE_FP64", "FP64"],
    ["TYPE_STRING", "BYTES"],
    ["TYPE_BF16", "BF16"],
    ["TYPE_INVALID", "<invalid>"],
    ["99", "<invalid>"],
  ];
  it.each(NAMES)("%s prints as %s", (type, name) => {
    expect(protocolType(type)).toBe(name);
  });
});
