/**
 * Type tests, compiled by `npm run typecheck` (tsc includes test/). Each
 * `// @ts-expect-error TSnnnn` line says the next line must not compile, and
 * with which error; test/types/type-errors.test.ts removes the directives and
 * checks that exactly those lines fail, with exactly those codes, so a
 * directive cannot be satisfied by some unrelated mistake.
 */
import type {
  DataType,
  ModelConfig,
  ModelInput,
  ModelInstanceGroup,
  ModelSequenceBatching,
} from "../../generated/model-config.js";
import { dynamicBatching, gpuInstances, pythonModel, sequenceBatching, tensor } from "../../src/builder/index.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { messages, num, str } from "../../src/config/view.js";

// What must compile: every form of a 64-bit value, explicit zeros, one oneof member.
export const accepted: ModelConfig = {
  name: "act_pick_place",
  backend: "python",
  max_batch_size: 0,
  input: [{ name: "state__0", data_type: "TYPE_FP32", dims: [8, "480", 640n] }],
  instance_group: [{ kind: "KIND_GPU", count: 2, gpus: [0] }],
  dynamic_batching: { preferred_batch_size: [4, 8, 16], max_queue_delay_microseconds: 100 },
  parameters: { EXECUTION_ENV_PATH: { string_value: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" } },
};

export const unknownField: ModelConfig = {
  name: "m",
  // @ts-expect-error TS2561 unknown field (TypeScript suggests max_batch_size)
  max_batch_szie: 8,
};

export const nestedUnknownField: ModelInput = {
  name: "x",
  // @ts-expect-error TS2561 unknown field inside a nested message
  dim: [1],
};

export const misspelledEnum: ModelInstanceGroup = {
  // @ts-expect-error TS2820 misspelled enum name (TypeScript suggests KIND_GPU)
  kind: "KIND_GPUU",
};

// @ts-expect-error TS2322 a data type that does not exist
export const badDataType: DataType = "TYPE_FLOAT32";

export const stringForNumber: ModelConfig = {
  // @ts-expect-error TS2322 a string where an int32 goes
  max_batch_size: "8",
};

export const numberForString: ModelConfig = {
  // @ts-expect-error TS2322 a number where a string goes
  name: 42,
};

export const floatAsString: ModelSequenceBatching = {
  // @ts-expect-error TS2322 float fields take numbers only
  direct: { minimum_slot_utilization: "0.5" },
};

// @ts-expect-error TS2322 two members of the scheduling_choice oneof
export const twoOneofMembers: ModelConfig = {
  dynamic_batching: {},
  sequence_batching: {},
};

// @ts-expect-error TS2322 two members of a nested oneof (direct and oldest strategies)
export const twoStrategies: ModelSequenceBatching = { direct: {}, oldest: {} };

// The builder's own options are typed as strictly.
export const built = pythonModel({
  name: "m",
  maxBatchSize: 8,
  inputs: [tensor("x", "TYPE_FP32", [4])],
  outputs: [tensor("y", "TYPE_FP32", [4])],
  instances: gpuInstances({ count: 1, gpus: [0] }),
  // @ts-expect-error TS2353 a scheduler option the builder does not know
  batching: dynamicBatching({ preferredBatchSize: [4] }),
});

// @ts-expect-error TS2345 dynamic and sequence batching at once
export const builtTwoSchedulers = pythonModel({
  name: "m",
  maxBatchSize: 8,
  inputs: [],
  outputs: [],
  dynamicBatching: dynamicBatching(),
  sequenceBatching: sequenceBatching(),
});

// @ts-expect-error TS2345 an element type that does not exist
export const badTensor = tensor("x", "TYPE_FLOAT", [1]);

export const missingMaxBatchSize = pythonModel(
  // @ts-expect-error TS2345 maxBatchSize is required: Triton refuses preferred sizes without it
  { name: "m", inputs: [], outputs: [] },
);

// @ts-expect-error TS2353 strategy options of "oldest" are not accepted with "direct"
export const directWithOldestOptions = sequenceBatching({ strategy: "direct", maxCandidateSequences: 4 });

// The validator's accessors (src/config/view.ts) take the field names of their shape.
export const readsMaxBatch = (c: MessageValue): number => num(c, "max_batch_size");
export const readsInputs = (c: MessageValue): MessageValue[] => messages(c, "input");
// @ts-expect-error TS2345 misspelt field in an accessor
export const misspeltField = (c: MessageValue): number => num(c, "max_batch_sise");
// @ts-expect-error TS2345 string accessor over a number field
export const wrongShape = (c: MessageValue): string => str(c, "max_batch_size");
