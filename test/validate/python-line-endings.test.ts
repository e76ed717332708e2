/**
 * Python reads source with universal newlines: `\n`, `\r\n` and a lone `\r`
 * all end a line, and it skips a UTF-8 byte order mark; so a model.py means
 * the same whichever its editor wrote, and Triton's Python backend loads it
 * the same. The model.py checks must
 * then say the same of it: every finding, at the same line and column, as
 * for the `\n` version (the oracle; the rules' own suites test that one). The
 * models are Triton's own (shared/conformance/python, each with its config,
 * also with inputs and outputs renamed so that there are findings) and a
 * hand-written one that trips the decoupled-return and tensor-name rules.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { validateRepository } from "../../src/validate/index.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { makeTree, removeTrees } from "./support/tree.js";

afterAll(removeTrees);

const ENDINGS = { crlf: "\r\n", cr: "\r" } as const;

/** Every finding of the repository holding `modelPy` beside `config`, as text. */
function findings(modelPy: string, config: string): string[] {
  const root = makeTree({ "m/config.pbtxt": config, "m/1/model.py": modelPy });
  return validateRepository(root, { gpus: [0] }).diagnostics.map(
    (d) => `${d.file}:${d.line ?? ""}:${d.column ?? ""} ${d.severity} ${d.code}: ${d.message}`,
  );
}

function expectSameFindings(modelPy: string, config: string): string[] {
  const lf = findings(modelPy, config);
  for (const [name, ending] of Object.entries(ENDINGS))
    expect(findings(modelPy.replace(/\n/g, ending), config), name).toEqual(lf);
  // A UTF-8 byte order mark is not part of the source either (Python skips it; so do editors' columns).
  expect(findings(`\uFEFF${modelPy}`, config), "byte order mark").toEqual(lf);
  return lf;
}

const DECOUPLED = `name: "m"
backend: "python"
max_batch_size: 0
model_transaction_policy { decoupled: true }
input [{ name: "IN" data_type: TYPE_FP32 dims: [2] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [2] }]
instance_group [{ kind: KIND_CPU }]
`;

const DECOUPLED_MODEL = `import triton_python_backend_utils as pb_utils
import cupy  # a GPU library in a CPU instance


class TritonPythonModel:
    """Answers OUTPUT, which the config does not declare.

    The docstring spans lines, \\
    with a continued one.
    """

    def execute(self, requests):
        note = "a string with a \\
continuation"
        responses = []
        for request in requests:
            x = pb_utils.get_input_tensor_by_name(request, "IN").as_numpy()
            responses.append(pb_utils.InferenceResponse([pb_utils.Tensor("OUTPUT", x)]))
        return responses
`;

describe("model.py with \\r\\n or \\r line endings", () => {
  it("a model with findings of several rules: the same findings at the same places", () => {
    const lf = expectSameFindings(DECOUPLED_MODEL, DECOUPLED);
    // The oracle is not empty: the decoupled return (PY-6) and the undeclared output (TR-8) are found.
    expect(lf.join("\n")).toMatch(/TR-8/);
    expect(lf.join("\n")).toMatch(/PY-6/);
    expect(lf.length).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(!sharedAvailable())("Triton's own Python models with \\r\\n or \\r line endings", () => {
  type Entry = { file: string; roundtrip_config?: string | null };
  const manifest = JSON.parse(readFileSync(sharedPath("conformance", "python", "manifest.json"), "utf8")) as Entry[];
  const configOf = (entry: Entry): string =>
    typeof entry.roundtrip_config === "string"
      ? `name: "m"\n${readFileSync(sharedPath("conformance", "roundtrip", entry.roundtrip_config), "utf8").replace(/^name:.*$/m, "")}`
      : 'name: "m"\nbackend: "python"\n';
  const renamed = (config: string): string => {
    const value = parseConfig(config).value as { input?: { name: string }[]; output?: { name: string }[] };
    for (const t of [...(value.input ?? []), ...(value.output ?? [])]) t.name = `${t.name}_renamed`;
    return printConfig(value as Parameters<typeof printConfig>[0]);
  };

  it.each(manifest.map((e) => [e.file, e]))("%s: the same findings as with \\n", (_file, entry) => {
    const text = readFileSync(sharedPath("conformance", "python", entry.file), "utf8").replace(/\r\n?/g, "\n");
    const config = configOf(entry);
    expectSameFindings(text, config);
    expectSameFindings(text, renamed(config));
  });
});
