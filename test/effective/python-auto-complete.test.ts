import { describe, expect, it } from "vitest";
import { effectiveConfig } from "../../src/effective/effective-config.js";
import { completeAtLoad } from "../../src/effective/load-time-completion.js";
import { applyPythonAutoComplete } from "../../src/effective/python-auto-complete.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { readPythonSource } from "../../src/python/source.js";
import { autoCompletePy, parseClean } from "../support/auto-complete-py.js";

/**
 * ND-11 for Python models: what Triton keeps of auto_complete_config
 * (max_batch_size, inputs, outputs, the scheduling choice, decoupled; PY-3
 * merge semantics), then ND-4…ND-6 again. Expectations are the catalogue's
 * (triton-rules.md ND-11, PY-3), written by hand.
 */

const parse = parseClean;

/** A model.py whose auto_complete_config runs `calls` (one per line) on its argument. */
const modelPy = (calls: readonly string[]): string => autoCompletePy(calls.map((call) => `c.${call}`));

const source = (calls: readonly string[]) => readPythonSource("m/1/model.py", modelPy(calls));
const IN = `c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4]})`.slice(2);
const OUT = `c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [2]})`.slice(2);

function completed(written: string, calls: readonly string[]): MessageValue {
  const config = parse(written);
  applyPythonAutoComplete(config, source(calls));
  return config;
}

describe("applyPythonAutoComplete", () => {
  it("takes the tensors, max_batch_size, decoupled and dynamic batching, then normalises again (ND-4)", () => {
    const config = completed(`name: "m"\nbackend: "python"`, [
      IN,
      OUT,
      "set_max_batch_size(8)",
      "set_dynamic_batching()",
      `set_model_transaction_policy({"decoupled": True})`,
    ]);
    expect(config).toMatchObject({
      input: [{ name: "A", data_type: "TYPE_FP32", dims: [4] }],
      output: [{ name: "B", data_type: "TYPE_INT32", dims: [2] }],
      max_batch_size: 8,
      model_transaction_policy: { decoupled: true },
      dynamic_batching: { preferred_batch_size: [8] },
    });
    expect(config.input).toEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4] }]);
  });

  it("keeps the written fields of a tensor it completes, and the optional flag", () => {
    const config = completed(
      `name: "m"\nbackend: "python"\ninput [{ name: "A" allow_ragged_batch: true }, { name: "Z" data_type: TYPE_FP32 dims: [1] }]`,
      [
        `add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4]})`,
        `add_input({"name": "C", "data_type": "TYPE_FP32", "dims": [1], "optional": True})`,
      ],
    );
    // The written optional (false, printed as a primitive) and the model's must agree, so only a new tensor sets it.
    expect(config.input).toEqual([
      { name: "A", allow_ragged_batch: true, data_type: "TYPE_FP32", dims: [4] },
      { name: "Z", data_type: "TYPE_FP32", dims: [1] },
      { name: "C", data_type: "TYPE_FP32", dims: [1], optional: true },
    ]);
  });

  it("takes optional from a second add_input of a tensor the model added without it", () => {
    const config = completed(`name: "m"\nbackend: "python"`, [
      IN,
      `add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4], "optional": True})`,
    ]);
    expect(config.input).toEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4], optional: true }]);
  });

  it("adds nothing the model does not set: no max_batch_size, no scheduler, no policy", () => {
    const config = completed(`name: "m"\nbackend: "python"`, [IN]);
    expect(config.max_batch_size).toBeUndefined();
    expect(config.dynamic_batching).toBeUndefined();
    expect(config.model_transaction_policy).toBeUndefined();
    expect(config.output).toBeUndefined();
  });

  it("leaves decoupled unset when the model sets it false (proto3: false is not printed)", () => {
    for (const policy of ["model_transaction_policy {}", "model_transaction_policy { decoupled: false }"]) {
      const config = completed(`name: "m"\nbackend: "python"\n${policy}`, [
        `set_model_transaction_policy({"decoupled": False})`,
      ]);
      expect(config.model_transaction_policy).toEqual({});
    }
  });

  it("leaves a written dynamic_batching as written (set_dynamic_batching is a no-op then)", () => {
    const config = completed(
      `name: "m"\nbackend: "python"\nmax_batch_size: 8\ndynamic_batching { preferred_batch_size: [2] }`,
      ["set_dynamic_batching()"],
    );
    expect(config.dynamic_batching).toEqual({ preferred_batch_size: [2] });
  });

  it("changes nothing when a call conflicts (the load fails) or the replay is not the whole story", () => {
    const conflict = `name: "m"\nbackend: "python"\nmax_batch_size: 8`;
    expect(completed(conflict, ["set_max_batch_size(4)", IN])).toEqual(parse(conflict));
    const loop = `name: "m"\nbackend: "python"`;
    expect(completed(loop, [IN, "set_max_batch_size(compute())"])).toEqual(parse(loop));
  });
});

describe("effectiveConfig runs Python auto-complete", () => {
  const python = source([IN, "set_max_batch_size(4)"]);

  it("for a Python model, unless auto-complete is disabled", () => {
    expect(effectiveConfig(parse(`name: "m"\nbackend: "python"`), { python })).toMatchObject({
      max_batch_size: 4,
      input: [{ name: "A" }],
    });
    expect(effectiveConfig(parse(`name: "m"\nbackend: "python"`), { python, autoComplete: false })).not.toHaveProperty(
      "input",
    );
  });

  it("not for a model of another backend", () => {
    expect(effectiveConfig(parse(`name: "m"\nbackend: "identity"`), { python })).not.toHaveProperty("input");
  });

  it("returns a config of its own: changing it leaves the written one alone", () => {
    const written = parse(`name: "m"\nbackend: "python"\ninput [{ name: "X" data_type: TYPE_FP32 dims: [1] }]`);
    const before = structuredClone(written);
    const result = effectiveConfig(written);
    const [input] = result.input as MessageValue[];
    if (input) input.name = "changed";
    (result.input as MessageValue[]).push({ name: "more" });
    expect(written).toEqual(before);
  });
});

describe("completeAtLoad", () => {
  const config = (text: string) => parse(text);

  it("is the written config when auto-complete is off, and for ensembles", () => {
    const c = config(`name: "m"\nbackend: "onnxruntime"`);
    expect(completeAtLoad(c, undefined, false)).toEqual({ config: c, open: undefined });
    const e = config(`name: "e"\nplatform: "ensemble"`);
    expect(completeAtLoad(e, undefined, true)).toEqual({ config: e, open: undefined });
  });

  it("is closed for backends that never complete, open for those that read the model file", () => {
    const c = config(`name: "m"\nbackend: "pytorch"`);
    expect(completeAtLoad(c, undefined, true)).toEqual({ config: c, open: undefined });
    expect(completeAtLoad(config(`name: "m"\nbackend: "onnxruntime"`), undefined, true).open).toBe(
      "the onnxruntime backend completes inputs and outputs from the model file at load time",
    );
    expect(completeAtLoad(config(`name: "m"\nbackend: "mine"`), undefined, true).open).toBe(
      "the mine backend may complete inputs and outputs at load time",
    );
    expect(completeAtLoad(config(`name: "m"`), undefined, true).open).toBe(
      "the model's backend may complete inputs and outputs at load time",
    );
  });

  it("sets vLLM models decoupled, keeping the rest of the written policy", () => {
    const written = config(`name: "m"\nbackend: "vllm"`);
    const { config: done, open } = completeAtLoad(written, undefined, true);
    expect(done.model_transaction_policy).toEqual({ decoupled: true });
    expect(written.model_transaction_policy).toBeUndefined();
    expect(open).toBe("the vllm backend's auto_complete_config adds inputs and outputs at load time");
  });

  it("replays a Python model's literal calls, appending only new tensors", () => {
    const written = config(`name: "m"\nbackend: "python"\ninput [{ name: "A" data_type: TYPE_FP32 dims: [4] }]`);
    const python = source([
      IN,
      `add_input({"name": "C", "data_type": "TYPE_FP32", "dims": [1], "optional": True})`,
      OUT,
      "set_max_batch_size(2)",
      `set_model_transaction_policy({"decoupled": True})`,
    ]);
    const { config: done, open } = completeAtLoad(written, python, true);
    expect(open).toBeUndefined();
    expect(done.input).toEqual([
      { name: "A", data_type: "TYPE_FP32", dims: [4] },
      { name: "C", data_type: "TYPE_FP32", dims: [1], optional: true },
    ]);
    expect(done.output).toEqual([{ name: "B", data_type: "TYPE_INT32", dims: [2] }]);
    expect(done.max_batch_size).toBe(2);
    expect(done.model_transaction_policy).toEqual({ decoupled: true });
    expect(written.output).toBeUndefined();
  });

  it("fills a configured tensor's unset data_type and dims from the model, as pb_utils does", () => {
    const written = config(
      `name: "m"\nbackend: "python"\ninput [{ name: "A" }]\noutput [{ name: "B" data_type: TYPE_INT32 }]`,
    );
    const { config: done } = completeAtLoad(written, source([IN, OUT]), true);
    expect(done.input).toEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4] }]);
    expect(done.output).toEqual([{ name: "B", data_type: "TYPE_INT32", dims: [2] }]);
    expect(written.input).toEqual([{ name: "A" }]);
    // Untouched by the model: left as written, and nothing the model does not set appears.
    const other = config(`name: "m"\nbackend: "python"\ninput [{ name: "Z" }]`);
    expect(completeAtLoad(other, source([OUT]), true).config.input).toEqual([{ name: "Z" }]);
    const bare = completeAtLoad(config(`name: "m"\nbackend: "python"`), source([OUT]), true).config;
    expect(bare).not.toHaveProperty("input");
    expect(bare).not.toHaveProperty("max_batch_size");
    expect(bare).not.toHaveProperty("model_transaction_policy");
  });

  it("says why a Python model's tensors stay open", () => {
    const py = config(`name: "m"\nbackend: "python"`);
    expect(completeAtLoad(py, undefined, true).open).toBe("its model.py could not be read");
    expect(completeAtLoad(py, readPythonSource("m/1/model.py", ""), true).open).toBe("its model.py could not be read");
    expect(completeAtLoad(py, readPythonSource("m/1/model.py", "from lib import TritonPythonModel\n"), true).open).toBe(
      "TritonPythonModel comes from code imported by m/1/model.py, whose auto_complete_config is not read",
    );
    const inherits = "class TritonPythonModel(Base):\n    def execute(self, requests):\n        return []\n";
    expect(completeAtLoad(py, readPythonSource("m/1/model.py", inherits), true).open).toBe(
      "TritonPythonModel in m/1/model.py may inherit an auto_complete_config",
    );
    const plain = "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n";
    expect(completeAtLoad(py, readPythonSource("m/1/model.py", plain), true)).toEqual({ config: py, open: undefined });
    const noParameter = plain.replace(
      "class TritonPythonModel:\n",
      "class TritonPythonModel:\n    @staticmethod\n    def auto_complete_config():\n        return None\n\n",
    );
    expect(completeAtLoad(py, readPythonSource("m/1/model.py", noParameter), true)).toEqual({
      config: py,
      open: "the auto_complete_config of m/1/model.py cannot be read",
    });
    expect(completeAtLoad(py, source([IN, "set_max_batch_size(compute())"]), true).open).toMatch(
      /^the auto_complete_config of m\/1\/model\.py cannot be replayed: /,
    );
  });
});
