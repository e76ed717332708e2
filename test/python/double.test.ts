/**
 * The triton_python_backend_utils double is faithful: Triton's own example
 * models (shared/conformance/python) load and answer under it exactly as
 * Triton documents, and it refuses what the real backend refuses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/textformat/parser.js";
import { PYTHON_DIR, pythonWithNumpyAvailable, runPython, tritonConfigJson } from "../generate/python.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

const ready = pythonWithNumpyAvailable() && sharedAvailable();

function drive(scenario: string, model: string, config?: string): unknown {
  const text = config ? readFileSync(sharedPath("conformance", "roundtrip", config), "utf8") : "";
  const json = config ? tritonConfigJson(parseConfig(text).value) : "{}";
  const r = runPython(
    [join(PYTHON_DIR, "drive_conformance.py"), scenario, sharedPath("conformance", "python", model)],
    { input: json },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as unknown;
}

describe.skipIf(!ready)("Triton's example models under the double", () => {
  it("add_sub: one response per request with both outputs", () => {
    const sum = { error: null, outputs: { OUTPUT0: [5, 5, 5, 5], OUTPUT1: [-3, -1, 1, 3] } };
    expect(
      drive("add_sub", "python_backend__examples__add_sub__model.py", "python_backend__examples__add_sub.pbtxt"),
    ).toEqual([sum, sum]);
  });

  it("optional inputs: a missing input is None", () => {
    expect(
      drive("optional", "server__qa__python_models__optional__model.py", "server__qa__python_models__optional.pbtxt"),
    ).toEqual([
      { error: null, outputs: { OUTPUT0: [6], OUTPUT1: [-4] } },
      { error: null, outputs: { OUTPUT0: [10], OUTPUT1: [0] } },
    ]);
  });

  it("decoupled square: n responses from a thread, then the final flag alone", () => {
    const report = drive(
      "square",
      "python_backend__examples__decoupled__square_model.py",
      "python_backend__examples__decoupled__square_config.pbtxt",
    ) as {
      returned: string | null;
      requests: { flags: number; response: unknown }[][];
    };
    expect(report.returned).toBeNull();
    const three = { flags: 0, response: { error: null, outputs: { OUT: [3] } } };
    expect(report.requests).toEqual([
      [three, three, three, { flags: 1, response: null }],
      [{ flags: 1, response: null }],
    ]);
  });

  it("auto_complete_config: the batch example fills inputs, outputs, batch size and dynamic batching", () => {
    const config = drive("auto_complete", "python_backend__examples__auto_complete__batch_model.py") as Record<
      string,
      unknown
    >;
    expect(config).toEqual({
      name: "m",
      input: [
        { name: "INPUT0", data_type: "TYPE_FP32", dims: [4] },
        { name: "INPUT1", data_type: "TYPE_FP32", dims: [4] },
      ],
      output: [
        { name: "OUTPUT0", data_type: "TYPE_FP32", dims: [4] },
        { name: "OUTPUT1", data_type: "TYPE_FP32", dims: [4] },
      ],
      max_batch_size: 4,
      dynamic_batching: {},
    });
  });
});

describe.skipIf(!pythonWithNumpyAvailable())("the double refuses what the backend refuses", () => {
  const check = (code: string) =>
    runPython([
      "-c",
      `import sys\nsys.path.insert(0, ${JSON.stringify(join(PYTHON_DIR, "doubles"))})\nimport numpy as np\nimport triton_python_backend_utils as pb_utils\n${code}`,
    ]);
  it.each([
    ["a Tensor of a list", 'pb_utils.Tensor("x", [1, 2])', "data must be a numpy array"],
    [
      "an object Tensor of ints",
      'pb_utils.Tensor("x", np.array([1], dtype=np.object_))',
      "object arrays must hold bytes or str",
    ],
    ["a response of arrays", "pb_utils.InferenceResponse(output_tensors=[np.zeros(1)])", "pb_utils.Tensor objects"],
    [
      "a send after the final flag",
      "s = pb_utils.InferenceRequest().get_response_sender()\ns.send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)\ns.send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)",
      "Response sender has been closed",
    ],
    [
      "add_output with optional",
      'pb_utils.ModelConfig({}, "m").add_output({"name": "o", "data_type": "TYPE_FP32", "dims": [1], "optional": True})',
      "contains property other than 'name', 'data_type', 'dims'",
    ],
    [
      "a smaller max_batch_size than configured",
      'pb_utils.ModelConfig({"max_batch_size": 8}, "m").set_max_batch_size(4)',
      "configuration specified max_batch_size 8",
    ],
    [
      "dynamic batching on a sequence model",
      'pb_utils.ModelConfig({"sequence_batching": {}}, "m").set_dynamic_batching()',
      "scheduling_choice as 'sequence_batching'",
    ],
    ["TYPE_BF16 as numpy", 'pb_utils.triton_string_to_numpy("TYPE_BF16")', "KeyError"],
  ])("%s", (_label, code, message) => {
    const r = check(code);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
  });
});
