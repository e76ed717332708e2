import type { MessageValue } from "../../pbtxt/types.js";
import { bool, enumName, messages, msg, num, numbers, str, toNumber } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const INPUTS_OUTPUTS_REPORTS = [
  "MC-16",
  "MC-17",
  "MC-18",
  "MC-19",
  "MC-20",
  "MC-21",
  "MC-22",
  "MC-23",
  "MC-24",
  "MC-25",
  "MC-26",
  "TR-3",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof INPUTS_OUTPUTS_REPORTS)[number]>;

const INT64_MAX = 9223372036854775807n;
const WILDCARD = -1;

/** Product of dims as Triton's GetElementCount sees it: -1 when any dim is variable, 0 for an empty list. */
function elementCount(dims: readonly bigint[]): bigint {
  if (dims.length === 0) return 0n;
  let count = 1n;
  for (const d of dims) {
    if (d === -1n) return -1n;
    count *= d;
  }
  return count;
}

/** A repeated int64 field, exactly: numbers() rounds beyond 2^53, which turns [2^62 - 1, 2] into an overflow. */
function exactNumbers(value: MessageValue | undefined, field: string): bigint[] {
  const v = value?.[field];
  return Array.isArray(v) ? v.map((x) => (typeof x === "bigint" ? x : BigInt(Math.trunc(toNumber(x))))) : [];
}

/**
 * Products of the runs of fixed dims between variable ones: `[2,4,-1,6]` → `[8, 6]`. Exact, like Triton's
 * int64 products: numbers() would round `9007199254740993` and refuse `[-1, 3, 3002399751580331]` against it.
 */
function segmentCounts(dims: readonly bigint[]): bigint[] {
  // Stryker disable next-line ArrayDeclaration: both lists compared get the same first entry
  const out: bigint[] = [];
  let current = 1n;
  for (const d of dims) {
    if (d === -1n) {
      out.push(current);
      current = 1n;
    } else current *= d;
  }
  out.push(current);
  return out;
}

/** Whether the model's backend can fill missing tensors in at load time (MC-30). */
function autoCompletable(ctx: Ctx): boolean {
  if (ctx.options.autoComplete === false) return false;
  const backend = str(ctx.config, "backend");
  if (backend === "onnxruntime" || backend === "tensorrt" || backend === "openvino") return true;
  // An empty model.py is a stand-in whose real content we cannot see: give it the benefit of the doubt.
  return (
    backend === "python" &&
    ctx.python !== undefined &&
    (ctx.python.empty || /\bdef\s+auto_complete_config\b/.test(ctx.python.code))
  );
}

/**
 * ValidateIOShape for one tensor: Triton's checks in Triton's order, stopping
 * at the first (the later ones read values the earlier ones vouch for).
 */
function checkShape(ctx: Ctx, io: MessageValue, path: string, kind: "input" | "output", lenient: boolean): void {
  const suffix = ` for ${ctx.name}`;
  const prefix = `model ${kind} `;
  const tensor = str(io, "name");
  if (tensor === "") {
    ctx.report("MC-16", path, `${prefix}must specify 'name'${suffix}`, {
      hint: `give every ${kind} a name`,
      ...(lenient ? { severity: "warning" as const } : {}),
    });
    return;
  }
  const named = `${prefix}'${tensor}' `;
  const maxBatch = num(ctx.config, "max_batch_size");
  if (enumName(io, "data_type", "TYPE_INVALID") === "TYPE_INVALID") {
    ctx.report("MC-17", path, `${named}must specify 'data_type'${suffix}`, {
      hint: "add data_type: TYPE_FP32 (or the type the model uses)",
      ...(lenient ? { severity: "warning" as const } : {}),
    });
    return;
  }
  const dims = numbers(io, "dims");
  if (dims.length === 0) {
    ctx.report("MC-18", path, `${named}must specify 'dims'${suffix}`, {
      hint: "a scalar is written dims: [1] with reshape: { shape: [] }",
      ...(lenient ? { severity: "warning" as const } : {}),
    });
    return;
  }
  const reshape = msg(io, "reshape");
  const shape = numbers(reshape, "shape");
  if (
    !reshape &&
    kind === "input" &&
    !bool(io, "is_shape_tensor") &&
    elementCount(exactNumbers(io, "dims")) > INT64_MAX
  ) {
    // Checked when the scheduler is created (S9), for every input that is not a shape tensor.
    ctx.report(
      "MC-22",
      `${path}.dims`,
      `element count for tensor '${tensor}' exceeds maximum size of 9223372036854775807`,
      {
        hint: "the product of the dims does not fit in 64 bits",
      },
    );
    return;
  }
  if (reshape && shape.length === 0 && maxBatch === 0) {
    ctx.report(
      "MC-19",
      `${path}.reshape`,
      `${named}cannot have empty reshape for non-batching model as scalar tensors are not supported${suffix}`,
      {
        hint: "an empty reshape makes a scalar, which only a batching model (max_batch_size > 0) can have",
      },
    );
    return;
  }
  const badDim = dims.findIndex((d) => d < 1 && d !== WILDCARD);
  if (badDim !== -1) {
    ctx.report(
      "MC-20",
      `${path}.dims[${badDim}]`,
      `${named}dimension must be integer >= 1, or -1 to indicate a variable-size dimension${suffix}`,
      {
        hint: `dims[${badDim}] is ${dims[badDim]}: use a size >= 1, or -1 for a variable size`,
      },
    );
    return;
  }
  if (!reshape) return;
  const badShape = shape.findIndex((d) => d < 1 && d !== WILDCARD);
  if (badShape !== -1) {
    ctx.report(
      "MC-21",
      `${path}.reshape.shape[${badShape}]`,
      `${named}reshape dimensions must be integer >= 1, or -1 to indicate a variable-size dimension${suffix}`,
      {
        hint: `reshape shape[${badShape}] is ${shape[badShape]}: use a size >= 1, or -1 for a variable size`,
      },
    );
    return;
  }
  const exactDims = exactNumbers(io, "dims");
  const exactShape = exactNumbers(reshape, "shape");
  const dimsCount = elementCount(exactDims);
  const reshapeCount = elementCount(exactShape);
  for (const [count, what, at] of [
    [dimsCount, "dims", `${path}.dims`],
    [reshapeCount, "reshape", `${path}.reshape`],
  ] as const) {
    if (count > INT64_MAX) {
      ctx.report(
        "MC-22",
        at,
        `element count for tensor '${tensor} ${what}' exceeds maximum size of 9223372036854775807${suffix}`,
        {
          hint: "the product of the dims does not fit in 64 bits",
        },
      );
      return;
    }
  }
  if (dimsCount !== reshapeCount && (reshapeCount !== 0n || dimsCount !== 1n)) {
    ctx.report("MC-23", `${path}.reshape`, `${named}has different size for dims and reshape${suffix}`, {
      hint: `dims [${dims.join(",")}] and reshape [${shape.join(",")}] must hold the same number of elements`,
    });
    return;
  }
  if (dimsCount === -1n) {
    const a = segmentCounts(exactDims);
    const b = segmentCounts(exactShape);
    if (a.length !== b.length) {
      ctx.report(
        "MC-23",
        `${path}.reshape`,
        `${named}has different number of variable-size dimensions for dims and reshape${suffix}`,
        {
          hint: "dims and reshape must have the same number of -1 entries",
        },
      );
      return;
    }
    if (a.some((x, i) => x !== b[i])) {
      ctx.report("MC-23", `${path}.reshape`, `${named}has different size for dims and reshape${suffix}`, {
        hint: "between two -1 entries, dims and reshape must hold the same number of elements",
      });
    }
  }
}

function checkFormats(ctx: Ctx, io: MessageValue, path: string, kind: "input" | "output"): void {
  const suffix = ` for ${ctx.name}`;
  const platform = str(ctx.config, "platform");
  const dims = numbers(io, "dims");
  if (kind === "input") {
    const format = enumName(
      io,
      "format",
      // Stryker disable next-line StringLiteral: any default other than the two image formats reads the same
      "FORMAT_NONE",
    );
    if ((format === "FORMAT_NHWC" || format === "FORMAT_NCHW") && dims.length !== 3) {
      ctx.report("MC-24", `${path}.format`, `model input NHWC/NCHW require 3 dims${suffix}`, {
        hint: "image formats describe 3 dims (without the batch dim)",
      });
    }
  }
  if (platform !== "tensorrt_plan" && bool(io, "is_shape_tensor")) {
    ctx.report("MC-25", `${path}.is_shape_tensor`, `shape tensors are only supported for TensorRT platform${suffix}`, {
      hint: 'remove is_shape_tensor, or use platform: "tensorrt_plan"',
    });
  }
  if (bool(io, "is_non_linear_format_io")) {
    if (platform !== "tensorrt_plan") {
      ctx.report(
        "MC-26",
        `${path}.is_non_linear_format_io`,
        `Non-linear IO format is only supported for the TensorRT platform${suffix}`,
        {
          hint: "remove is_non_linear_format_io",
        },
      );
    } else if (dims.length !== 3) {
      ctx.report("MC-26", `${path}.is_non_linear_format_io`, `Non-linear IO format ${kind} requires 3 dims${suffix}`, {
        hint: "non-linear formats describe 3 dims",
      });
    }
  }
}

/** Duplicate names load, then every request fails (MC-27): our TR-3 warning. */
function checkDuplicates(ctx: Ctx, list: MessageValue[], field: "input" | "output"): void {
  const seen = new Map<string, number>();
  list.forEach((io, i) => {
    const tensor = str(io, "name");
    if (tensor === "") return;
    const first = seen.get(tensor);
    if (first === undefined) {
      seen.set(tensor, i);
      return;
    }
    ctx.report(
      "TR-3",
      `${field}[${i}].name`,
      `${field} '${tensor}' of model '${ctx.name}' is declared twice (${field}[${first}] and ${field}[${i}])`,
      {
        hint:
          field === "input"
            ? 'Triton loads it, then every request fails with "expected N inputs but got N-1": remove or rename one'
            : "Triton loads it, but clients see one output of that name: remove or rename one",
      },
    );
  });
}

/** MC-16…MC-26 and TR-3: ValidateModelIOConfig's per-tensor checks. */
export function checkInputsOutputs(ctx: Ctx): void {
  const lenient = autoCompletable(ctx);
  const inputs = messages(ctx.config, "input");
  const outputs = messages(ctx.config, "output");
  inputs.forEach((io, i) => {
    checkShape(ctx, io, `input[${i}]`, "input", lenient);
    checkFormats(ctx, io, `input[${i}]`, "input");
  });
  outputs.forEach((io, i) => {
    checkShape(ctx, io, `output[${i}]`, "output", lenient);
    checkFormats(ctx, io, `output[${i}]`, "output");
  });
  checkDuplicates(ctx, inputs, "input");
  checkDuplicates(ctx, outputs, "output");
}
