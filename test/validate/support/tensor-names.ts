/**
 * TR-8 (tensor names model.py reads and answers) on a one-model repository:
 * the config both TR-8 suites start from, and the findings of a model.py
 * against it.
 */
import type { Diagnostic } from "../../../src/diagnostics/diagnostic.js";
import { validateRepository } from "../../../src/validate/index.js";
import { makeTree } from "./tree.js";

/** A Python model with input IN and output OUT, FP32 [2], batching up to 4. */
export const TR8_CONFIG = `name: "m"
backend: "python"
max_batch_size: 4
input [{ name: "IN" data_type: TYPE_FP32 dims: [2] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [2] }]
`;

/** The TR-8 findings of `modelPy` as m/1/model.py beside `config`. */
export function tr8(modelPy: string, config = TR8_CONFIG): Diagnostic[] {
  const root = makeTree({ "m/config.pbtxt": config, "m/1/model.py": modelPy });
  return validateRepository(root).diagnostics.filter((d) => d.code === "TR-8");
}
