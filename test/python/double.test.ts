/**
 * The triton_python_backend_utils double is faithful: Triton's own example
 * models (shared/conformance/python) load and answer under it exactly as
 * Triton documents, and it refuses what the real backend refuses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
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

/**
 * The refusals the generated models and drivers lean on, with the backend's own first lines
 * (measured in Triton 24.10; test/triton/double-parity.test.ts compares every case of
 * test/python/parity/backend_cases.py with the real backend, call by call).
 */
describe.skipIf(!pythonWithNumpyAvailable())("the double refuses what the backend refuses", () => {
  const check = (code: string) =>
    runPython([
      "-c",
      `import sys, json\nsys.path.insert(0, ${JSON.stringify(join(PYTHON_DIR, "doubles"))})\nimport numpy as np\nimport triton_python_backend_utils as pb_utils\n${code}`,
    ]);
  const incompatible = "TypeError: __init__(): incompatible constructor arguments.";
  const sender = (decoupled: boolean) =>
    `s = pb_utils._triton_request([], ["y"], decoupled=${decoupled ? "True" : "False"}).get_response_sender()\n` +
    "r = pb_utils.InferenceResponse([])\nF = pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL\n";
  it.each([
    ["a Tensor of a list", 'pb_utils.Tensor("x", [1, 2])', incompatible],
    [
      "a Tensor of str_",
      'pb_utils.Tensor("x", np.array(["a"]))',
      "TritonModelException: NumPy dtype is not supported.",
    ],
    ["a response of arrays", "pb_utils.InferenceResponse(output_tensors=[np.zeros(1)])", incompatible],
    ["a response of None", "pb_utils.InferenceResponse(output_tensors=None)", incompatible],
    ["a TritonError of a plain int code", 'pb_utils.TritonError("m", 7)', incompatible],
    [
      "a BLS request without a model name",
      "pb_utils.InferenceRequest(inputs=[], requested_output_names=[])",
      incompatible,
    ],
    [
      "triton_dtype()",
      'pb_utils.Tensor("x", np.zeros(1)).triton_dtype()',
      "TypeError: Unable to convert function return value",
    ],
    [
      "a send after the final flag",
      `${sender(true)}s.send(flags=F)\ns.send(r)`,
      "TritonModelException: Unable to send response. Response sender has been closed.",
    ],
    [
      "flags other than 0 and FINAL",
      `${sender(true)}s.send(r, flags=2)`,
      "TritonModelException: Unable to send response. Unsupported flag provided.",
    ],
    [
      "no response and no flags",
      `${sender(true)}s.send()`,
      "Inference Response object must be provided when the response flags is set to zero.",
    ],
    [
      "two responses from a model that is not decoupled",
      `${sender(false)}s.send(r)\ns.send(r)`,
      "Unable to send response. Non-decoupled model cannot send more than one response.",
    ],
    [
      "the final flag alone from a model that is not decoupled",
      `${sender(false)}s.send(flags=F)`,
      "Non-decoupled model cannot send complete final before sending a response.",
    ],
    [
      "add_output with optional",
      'pb_utils.ModelConfig(json.dumps({"name": "m", "max_batch_size": 0, "input": [], "output": []})).add_output({"name": "o", "data_type": "TYPE_FP32", "dims": [1], "optional": True})',
      "contains property other than 'name', 'data_type' and 'dims'.",
    ],
    [
      "a smaller max_batch_size than configured",
      'pb_utils.ModelConfig(json.dumps({"name": "m", "max_batch_size": 8})).set_max_batch_size(4)',
      "configuration specified max_batch_size 8, but in auto-complete-config function for model 'm'",
    ],
    [
      "dynamic batching on a sequence model",
      'pb_utils.ModelConfig(json.dumps({"name": "m", "sequence_batching": {}})).set_dynamic_batching()',
      "scheduling_choice as 'sequence_batching'",
    ],
    ["a ModelConfig of a dict", 'pb_utils.ModelConfig({"name": "m"})', "the JSON object must be str"],
    ["TYPE_BF16 as numpy", 'pb_utils.triton_string_to_numpy("TYPE_BF16")', "KeyError"],
  ])("%s", (_label, code, message) => {
    const r = check(code);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it("accepts what the backend accepts: object arrays of anything, bytes_ arrays", () => {
    const r = check(
      'print(pb_utils.Tensor("x", np.array([1, None], dtype=np.object_)).shape(), pb_utils.Tensor("x", np.array([b"a"])).shape())',
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("[2] [1]");
  });

  it("maps numpy types to Triton's numbers, as the backend does", () => {
    const r = check("print(pb_utils.numpy_to_triton_type(np.float32), pb_utils.numpy_to_triton_type(np.object_))");
    expect(r.stdout.trim()).toBe("11 13");
  });
});
