/**
 * The replay of auto_complete_config (src/python/auto-complete-replay.ts)
 * against the real thing: the `triton_python_backend_utils.py` of the local
 * Triton install, run under the install's Python on the same model.py. For
 * each case the message pb_utils raises (the reason Triton gives when the
 * load fails), or none, must be the message the replay reports. The config
 * pb_utils receives is written out as Triton passes it (every field of a
 * tensor printed; outputs without `optional`).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Conflict, replayAutoComplete } from "../../src/python/auto-complete-replay.js";
import { readPythonSource } from "../../src/python/source.js";
import { autoCompletePy, parseClean } from "../support/auto-complete-py.js";
import { realTriton, runClientPython } from "../support/triton.js";

const install = realTriton();

/** Runs each case's model.py under pb_utils; prints one JSON line: each case's error message, or null. */
const RUNNER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import triton_python_backend_utils as pb_utils
out = []
for case in json.load(sys.stdin):
    namespace = {}
    exec(compile(case["py"], "model.py", "exec"), namespace)
    try:
        namespace["TritonPythonModel"].auto_complete_config(pb_utils.ModelConfig(json.dumps(case["config"])))
        out.append(None)
    except Exception as error:
        out.append(str(error))
print(json.dumps(out))
`;

const input = (name: string, dims: number[]) => ({
  name,
  data_type: "TYPE_FP32",
  format: "FORMAT_NONE",
  dims,
  is_shape_tensor: false,
  allow_ragged_batch: false,
  optional: false,
});

/** A config as pbtxt (for the replay) and as the JSON Triton hands the model (for pb_utils). */
interface Config {
  pbtxt: string;
  json: Record<string, unknown>;
}

const BASE: Config = {
  pbtxt: 'name: "m"\nbackend: "python"\nmax_batch_size: 4\n',
  json: { name: "m", backend: "python", max_batch_size: 4, input: [], output: [] },
};
const WITH_IN: Config = {
  pbtxt: `${BASE.pbtxt}input [{ name: "A" data_type: TYPE_FP32 dims: [4, 16] }]\n`,
  json: { ...BASE.json, input: [input("A", [4, 16])] },
};
const DECOUPLED: Config = {
  pbtxt: `${BASE.pbtxt}model_transaction_policy { decoupled: true }\n`,
  json: { ...BASE.json, model_transaction_policy: { decoupled: true } },
};
const DYNAMIC: Config = {
  pbtxt: `${BASE.pbtxt}sequence_batching {}\n`,
  json: { ...BASE.json, sequence_batching: {} },
};

const CASES: [string, Config, string[]][] = [
  ["dims with a string", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, "x", "it's"]})`]],
  ["dims with True", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, True]})`]],
  [
    "dims as a dict",
    WITH_IN,
    [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": {"a": [1, "b"], "c": None}})`],
  ],
  ["dims None", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": None})`]],
  ["other dims", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 8]})`]],
  ["the same dims", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16]})`]],
  ["another data type", WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_INT32", "dims": [4, 16]})`]],
  [
    "optional differs",
    WITH_IN,
    [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16], "optional": True})`],
  ],
  [
    "an output with optional",
    BASE,
    [`c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [2], "optional": True})`],
  ],
  ["an input without a name", BASE, [`c.add_input({"data_type": "TYPE_FP32", "dims": [4]})`]],
  [
    "a name of None and an extra key",
    BASE,
    [`c.add_input({"name": None, "data_type": "TYPE_FP32", "dims": [4], "x": 1})`],
  ],
  ["an input without dims", BASE, [`c.add_input({"name": "A", "data_type": "TYPE_FP32"})`]],
  ["no name and an extra key", BASE, [`c.add_input({"data_type": "TYPE_FP32", "dims": [4], "x": 1})`]],
  ["a name that is a number, no dims", BASE, [`c.add_input({"name": 5, "data_type": "TYPE_FP32"})`]],
  ["an output named True, no data type", BASE, [`c.add_output({"name": True, "dims": [1]})`]],
  [
    "an output named by a list, extra key",
    BASE,
    [`c.add_output({"name": ["B"], "data_type": "TYPE_FP32", "dims": [1], "optional": False})`],
  ],
  [
    "a data type of None against the configured one",
    WITH_IN,
    [`c.add_input({"name": "A", "data_type": None, "dims": [4, 16]})`],
  ],
  ["a name that is not a str, new tensor", BASE, [`c.add_input({"name": 7, "data_type": "TYPE_FP32", "dims": [1]})`]],
  ["max_batch_size changed", BASE, ["c.set_max_batch_size(8)"]],
  ["decoupled changed", DECOUPLED, [`c.set_model_transaction_policy({"decoupled": False})`]],
  ["a policy with another key", BASE, [`c.set_model_transaction_policy({"decoupled": True, "x": 1})`]],
  ["dynamic batching over sequence batching", DYNAMIC, ["c.set_dynamic_batching()"]],
];

describe.skipIf(!install)("auto_complete_config: our replay says what the real pb_utils raises", () => {
  it("for every case, the same message or none", async () => {
    const models = CASES.map(([, , body]) => autoCompletePy(body));
    const run = await runClientPython(["-c", RUNNER, join(install?.backendDirectory ?? "", "python")], {
      input: JSON.stringify(CASES.map(([, config], i) => ({ py: models[i], config: config.json }))),
      timeoutMs: 60_000,
    });
    expect(run.stderr).toBe("");
    const real = JSON.parse(run.stdout) as (string | null)[];
    const ours = CASES.map(([, config], i) => {
      const seen: string[] = [];
      replayAutoComplete(
        parseClean(config.pbtxt),
        "m",
        readPythonSource("m/1/model.py", models[i] as string),
        (c: Conflict) => seen.push(c.message),
      );
      return seen[0] ?? null;
    });
    const named = (messages: (string | null)[]) => CASES.map(([label], i) => [label, messages[i]]);
    expect(named(ours)).toEqual(named(real));
    // The cases reach both answers: most raise, some pass.
    expect(real.filter((m) => m === null).length).toBeGreaterThan(0);
    expect(real.filter((m) => m !== null).length).toBeGreaterThan(10);
  });
});
