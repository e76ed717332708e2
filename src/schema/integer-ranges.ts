import type { ScalarType } from "./descriptors.js";

/**
 * The value range of each protobuf integer type, in one place: the text
 * reader, the JSON reader and the generated JSON Schema all check against it.
 */
export interface IntegerRange {
  min: bigint;
  max: bigint;
  is64: boolean;
}

export const INTEGER_RANGES = {
  int32: { min: -(2n ** 31n), max: 2n ** 31n - 1n, is64: false },
  uint32: { min: 0n, max: 2n ** 32n - 1n, is64: false },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, is64: true },
  uint64: { min: 0n, max: 2n ** 64n - 1n, is64: true },
} as const satisfies Record<string, IntegerRange>;

/** The range of an integer scalar type, or undefined for floats, bool, string and bytes. */
export function integerRange(type: ScalarType): IntegerRange | undefined {
  switch (type) {
    case "int32":
    case "sint32":
    case "sfixed32":
      return INTEGER_RANGES.int32;
    case "uint32":
    case "fixed32":
      return INTEGER_RANGES.uint32;
    case "int64":
    case "sint64":
    case "sfixed64":
      return INTEGER_RANGES.int64;
    case "uint64":
    case "fixed64":
      return INTEGER_RANGES.uint64;
    default:
      return undefined;
  }
}
