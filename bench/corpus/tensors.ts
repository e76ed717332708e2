import type { PbtxtWriter } from "./pbtxt-writer.js";
import type { Random } from "./random.js";

/** Triton's DataType enum (model_config.proto): number and element size in bytes (0 for strings). */
export const DATA_TYPES = {
  TYPE_BOOL: { number: 1, bytes: 1, numpy: "np.bool_" },
  TYPE_UINT8: { number: 2, bytes: 1, numpy: "np.uint8" },
  TYPE_INT8: { number: 6, bytes: 1, numpy: "np.int8" },
  TYPE_INT32: { number: 8, bytes: 4, numpy: "np.int32" },
  TYPE_INT64: { number: 9, bytes: 8, numpy: "np.int64" },
  TYPE_UINT64: { number: 5, bytes: 8, numpy: "np.uint64" },
  TYPE_FP16: { number: 10, bytes: 2, numpy: "np.float16" },
  TYPE_FP32: { number: 11, bytes: 4, numpy: "np.float32" },
  TYPE_FP64: { number: 12, bytes: 8, numpy: "np.float64" },
  TYPE_STRING: { number: 13, bytes: 0, numpy: "np.object_" },
} as const;

export type DataTypeName = keyof typeof DATA_TYPES;

export interface TensorSpec {
  name: string;
  dataType: DataTypeName;
  /** Without the batch dimension; -1 for a variable size. */
  dims: number[];
  optional?: boolean;
  /** Image layout of an input; needs exactly 3 dims (MC-24). */
  format?: "FORMAT_NHWC" | "FORMAT_NCHW";
  /** `reshape { shape: [...] }`; an empty list makes a scalar of a `[1]` tensor. */
  reshape?: number[];
  /** Output label file, relative to the model directory. */
  labelFile?: string;
}

const COMMON_TYPES: ReadonlyArray<readonly [number, DataTypeName]> = [
  [5, "TYPE_FP32"],
  [2, "TYPE_INT32"],
  [2, "TYPE_INT64"],
  [1, "TYPE_FP16"],
  [1, "TYPE_UINT8"],
  [1, "TYPE_STRING"],
  [0.5, "TYPE_BOOL"],
  [0.5, "TYPE_FP64"],
];

const SHAPES: ReadonlyArray<readonly [number, number[]]> = [
  [3, [-1]],
  [2, [1]],
  [2, [16]],
  [1, [3, 224, 224]],
  [1, [-1, 768]],
  [1, [128]],
  [1, [4]],
  [1, [-1, -1]],
  [1, [1000]],
];

export function randomDataType(rnd: Random): DataTypeName {
  return rnd.weighted(COMMON_TYPES);
}

export function randomDims(rnd: Random): number[] {
  return [...rnd.weighted(SHAPES)];
}

/** Tensors with distinct names `<prefix><i>` or realistic names when there are few. */
export function randomTensors(rnd: Random, count: number, prefix: "INPUT" | "OUTPUT"): TensorSpec[] {
  const named =
    prefix === "INPUT"
      ? ["input_ids", "attention_mask", "IMAGE", "TEXT", "token_type_ids"]
      : ["logits", "embeddings", "SCORES", "LABELS"];
  const useNames = count <= named.length && rnd.chance(0.4);
  return Array.from({ length: count }, (_, i) => ({
    name: useNames ? (named[i] ?? `${prefix}${i}`) : `${prefix}${i}`,
    dataType: randomDataType(rnd),
    dims: randomDims(rnd),
  }));
}

function writeTensorBody(w: PbtxtWriter, tensor: TensorSpec): void {
  w.field("name", w.str(tensor.name));
  w.field("data_type", w.enumValue(tensor.dataType, DATA_TYPES[tensor.dataType].number));
  w.list(
    "dims",
    tensor.dims.map((dim) => w.int(dim)),
  );
  if (tensor.format) w.field("format", w.enumValue(tensor.format, tensor.format === "FORMAT_NHWC" ? 1 : 2));
  if (tensor.reshape) {
    const shape = tensor.reshape;
    // `shape: [ ]` is how Triton's docs spell the scalar reshape; it needs a list, never one-by-one.
    w.message("reshape", () =>
      w.field("shape", shape.length === 0 ? "[ ]" : `[ ${shape.map((dim) => w.int(dim)).join(", ")} ]`),
    );
  }
  if (tensor.optional) w.field("optional", w.bool(true));
  if (tensor.labelFile) w.field("label_filename", w.str(tensor.labelFile));
}

export function writeTensors(w: PbtxtWriter, field: "input" | "output", tensors: readonly TensorSpec[]): void {
  w.messages(
    field,
    tensors.map((tensor) => () => writeTensorBody(w, tensor)),
  );
}
