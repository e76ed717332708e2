/**
 * Inputs for the tests of pb_utils' auto_complete_config replay: a config
 * that must read cleanly, and a model.py whose auto_complete_config runs
 * the given lines on its argument `c`.
 */
import { expect } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";

/** The config read from `text`, which must read without a diagnostic. */
export function parseClean(text: string): MessageValue {
  const parsed = parseConfig(text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.value;
}

/**
 * A model.py whose auto_complete_config(c) runs `body` (lines as written, indented under the method), then
 * returns c. Body line `i` (0-based) is line `6 + i` of the file.
 */
export function autoCompletePy(body: readonly string[]): string {
  return [
    "import triton_python_backend_utils as pb_utils",
    "",
    "class TritonPythonModel:",
    "    @staticmethod",
    "    def auto_complete_config(c):",
    ...body.map((line) => `        ${line}`),
    "        return c",
    "",
    "    def execute(self, requests):",
    "        return []",
    "",
  ].join("\n");
}
