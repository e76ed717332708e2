import type { DataType, Int64Input, ModelInput, ModelOutput } from "../../generated/model-config.js";

/** The fields an input and an output share, so one `tensor(...)` serves as either. */
export type TensorSpec = Pick<ModelInput & ModelOutput, "name" | "data_type" | "dims">;

/**
 * A tensor for `input` or `output`: `tensor("image__1", "TYPE_FP32", [3, 480, 640])`.
 * `dims` leave out the batch dimension when the model batches
 * (`max_batch_size > 0`); -1 marks a size that varies between requests.
 * Input-only settings spread in: `{ ...tensor("mask", "TYPE_BOOL", [-1]), optional: true }`.
 */
export function tensor(name: string, dataType: DataType, dims: readonly Int64Input[]): TensorSpec {
  return { name, data_type: dataType, dims: [...dims] };
}
