/**
 * Tests aimed at mutants that survived in the replay of pb_utils'
 * auto_complete_config (src/python/auto-complete-replay.ts) and in TR-8
 * (src/validate/rules/python-tensor-names.ts).
 *
 * Oracles: the replay's messages and merge semantics are pb_utils' own
 * (python_backend src/resources/triton_python_backend_utils.py, ModelConfig:
 * set_max_batch_size, set_dynamic_batching, add_input, add_output,
 * set_model_transaction_policy), with Python's str() of the values, and the
 * JSON Triton hands the backend (every primitive field printed, so a
 * configured input carries `optional: false`; ModelOutput has no optional).
 * TR-8's findings are written by hand from the model.py texts below (which
 * names a call passes, which names the config declares); hints are the
 * product's wording, asserted as written.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type Conflict, replayAutoComplete } from "../../src/python/auto-complete-replay.js";
import { readPythonSource } from "../../src/python/source.js";
import { autoCompletePy, parseClean } from "../support/auto-complete-py.js";
import { TR8_CONFIG, tr8 } from "./support/tensor-names.js";
import { removeTrees } from "./support/tree.js";

afterAll(removeTrees);

// ---------------------------------------------------------------------------------------------------------------
// The replay of auto_complete_config

const parse = parseClean;

/** The 1-based line of body line `i` in autoCompletePy. */
const bodyLine = (i: number): number => 6 + i;

interface Seen {
  message: string;
  hint: string;
  line: number;
  branch: { line: number; text: string } | undefined;
}

function replay(config: string, body: readonly string[]) {
  const text = autoCompletePy(body);
  const conflicts: Seen[] = [];
  const state = replayAutoComplete(parse(config), "m", readPythonSource("m/1/model.py", text), (c: Conflict) =>
    conflicts.push({
      message: c.message,
      hint: c.hint,
      line: text.slice(0, c.offset).split("\n").length,
      branch: c.branch,
    }),
  );
  return { state, conflicts };
}

const BASE = `name: "m"\nbackend: "python"\nmax_batch_size: 4\n`;
const WITH_IN = `${BASE}input [{ name: "A" data_type: TYPE_FP32 dims: [4, 16] }]\n`;

describe("replay: configured tensors as the backend receives them", () => {
  it("inputs carry optional false, outputs no optional at all", () => {
    const { state } = replay(`${WITH_IN}output [{ name: "B" data_type: TYPE_INT32 dims: [2] }]\n`, []);
    expect(state).toStrictEqual({
      maxBatch: 4,
      input: [{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }],
      output: [{ name: "B", data_type: "TYPE_INT32", dims: [2] }],
      decoupled: undefined,
      dynamicBatching: false,
      incomplete: undefined,
    });
  });

  it("an optional input the model adds to a configured one that is not optional: pb_utils' optional error", () => {
    const { state, conflicts } = replay(WITH_IN, [
      `c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16], "optional": True})`,
    ]);
    expect(conflicts).toEqual([
      {
        message:
          "model 'm', tensor 'A': the model expects optional True but the model configuration specifies optional False",
        hint: "make auto_complete_config and config.pbtxt agree on input 'A'",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
    expect(state?.input).toStrictEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }]);
  });

  it("a configured optional input: the model may not make it required", () => {
    const { conflicts } = replay(WITH_IN.replace("dims: [4, 16] }", "dims: [4, 16] optional: true }"), [
      `c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16], "optional": False})`,
    ]);
    expect(conflicts.map((c) => c.message)).toEqual([
      "model 'm', tensor 'A': the model expects optional False but the model configuration specifies optional True",
    ]);
  });

  it("the same optional value merges, and a missing optional keeps the configured one", () => {
    const { state, conflicts } = replay(`${WITH_IN}output [{ name: "B" data_type: TYPE_INT32 dims: [2] }]\n`, [
      `c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16], "optional": False})`,
      `c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [2]})`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state?.input).toStrictEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }]);
    expect(state?.output).toStrictEqual([{ name: "B", data_type: "TYPE_INT32", dims: [2] }]);
    const second = replay(WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16]})`]);
    expect(second.state?.input).toStrictEqual([{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }]);
  });
});

describe("replay: dims", () => {
  it.each<[string, string, string]>([
    ["a different second dim", "[4, 8]", "[4, 8]"],
    ["a prefix of the configured dims", "[4]", "[4]"],
    ["longer dims", "[4, 16, 1]", "[4, 16, 1]"],
    ["None", "None", "None"],
    ["a list with a bool (Python prints True)", "[4, True]", "[4, True]"],
    ["a list with strings (Python quotes them)", `[4, "x", "it's"]`, `[4, 'x', "it's"]`],
    ["a dict (Python's str of a dict)", `{"a": [1, "b"], "c": None}`, "{'a': [1, 'b'], 'c': None}"],
  ])("%s: pb_utils' dims error with Python's str() of both", (_label, dims, printed) => {
    const { conflicts } = replay(WITH_IN, [`c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": ${dims}})`]);
    expect(conflicts).toEqual([
      {
        message: `model 'm', tensor 'A': the model expects dims ${printed} but the model configuration specifies dims [4, 16]`,
        hint: "make auto_complete_config and config.pbtxt agree on input 'A'",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
  });

  it("the same dims merge, and the model's dims fill a configured tensor without dims", () => {
    const { state, conflicts } = replay(`${WITH_IN}output [{ name: "B" data_type: TYPE_INT32 }]\n`, [
      `c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16]})`,
      `c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [3, 5]})`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state?.output).toStrictEqual([{ name: "B", data_type: "TYPE_INT32", dims: [3, 5] }]);
  });

  it("dims that are not all numbers are kept as no dims (new and merged tensors)", () => {
    const { state, conflicts } = replay(`${BASE}output [{ name: "B" data_type: TYPE_INT32 }]\n`, [
      `c.add_input({"name": "N", "data_type": "TYPE_FP32", "dims": [4, "x"]})`,
      `c.add_input({"name": "P", "data_type": "TYPE_FP32", "dims": None})`,
      `c.add_input({"name": "Q", "data_type": "TYPE_FP32", "dims": [2, 3]})`,
      `c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": ["y", 2]})`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state?.input).toStrictEqual([
      { name: "N", data_type: "TYPE_FP32", dims: [] },
      { name: "P", data_type: "TYPE_FP32", dims: [] },
      { name: "Q", data_type: "TYPE_FP32", dims: [2, 3] },
    ]);
    expect(state?.output).toStrictEqual([{ name: "B", data_type: "TYPE_INT32", dims: [] }]);
  });
});

describe("replay: properties", () => {
  it("an output may not carry optional (pb_utils' add_output property list)", () => {
    const { conflicts } = replay(BASE, [
      `c.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [2], "optional": True})`,
    ]);
    expect(conflicts.map((c) => c.message)).toEqual([
      "output 'B' in auto-complete-config function for model 'm' contains property other than 'name', 'data_type' and 'dims'.",
    ]);
  });

  it("an input without a name: pb_utils' missing-name error; the hint names None", () => {
    const { conflicts } = replay(BASE, [`c.add_input({"data_type": "TYPE_FP32", "dims": [4]})`]);
    expect(conflicts).toEqual([
      {
        message: "input in auto-complete-config function for model 'm' is missing 'name' property.",
        hint: "make auto_complete_config and config.pbtxt agree on input 'None'",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
  });

  it("a name of None: pb_utils concatenates it, and the load fails with Python's TypeError", () => {
    // Checked on the real triton_python_backend_utils.py: test/effective/auto-complete-replay.real.test.ts.
    const { conflicts } = replay(BASE, [`c.add_input({"name": None, "data_type": "TYPE_FP32", "dims": [4], "x": 1})`]);
    expect(conflicts.map((c) => c.message)).toEqual(['can only concatenate str (not "NoneType") to str']);
  });
});

describe("replay: the transaction policy", () => {
  const DECOUPLED = `${BASE}model_transaction_policy { decoupled: true }\n`;

  it("changing a configured decoupled True: pb_utils prints True", () => {
    const { state, conflicts } = replay(DECOUPLED, [`c.set_model_transaction_policy({"decoupled": False})`]);
    expect(conflicts).toEqual([
      {
        message:
          "trying to change decoupled property in auto-complete-config for model 'm', which is already set to 'True'.",
        hint: "make the config's model_transaction_policy agree with auto_complete_config",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
    expect(state?.decoupled).toBe(true);
  });

  it("a policy without decoupled, or with a value computed at run time, changes nothing", () => {
    const { state, conflicts } = replay(DECOUPLED, [
      "c.set_model_transaction_policy({})",
      `c.set_model_transaction_policy({"decoupled": FLAG})`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state?.decoupled).toBe(true);
  });

  it("another key is refused even next to decoupled", () => {
    const { conflicts } = replay(BASE, [`c.set_model_transaction_policy({"decoupled": True, "other": 1})`]);
    expect(conflicts).toEqual([
      {
        message:
          "model transaction property in auto-complete-config function for model 'm' contains property other than 'decoupled'.",
        hint: "only 'decoupled' may be set",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
  });

  it("a policy that is not a dict, or an input that is not a dict, is not replayed", () => {
    const { state, conflicts } = replay(WITH_IN, [
      "c.set_model_transaction_policy(None)",
      "c.add_input(None)",
      `c.add_input(["A"])`,
      "c.set_max_batch_size()",
      `c.set_max_batch_size("8")`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state).toStrictEqual({
      maxBatch: 4,
      input: [{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }],
      output: [],
      decoupled: undefined,
      dynamicBatching: false,
      incomplete: undefined,
    });
  });
});

describe("replay: scheduling", () => {
  it("set_dynamic_batching with an argument we cannot read is not replayed (no scheduler conflict)", () => {
    const { state, conflicts } = replay(`${BASE}sequence_batching {}\n`, ["c.set_dynamic_batching(flag)"]);
    expect(conflicts).toEqual([]);
    expect(state?.dynamicBatching).toBe(false);
    expect(state?.incomplete).toBe(
      `set_dynamic_batching() is called with a value computed at run time (line ${bodyLine(0)})`,
    );
  });

  it("set_dynamic_batching with ensemble_scheduling: pb_utils' scheduler error", () => {
    const { conflicts } = replay(`${BASE}ensemble_scheduling { step [] }\n`, ["c.set_dynamic_batching()"]);
    expect(conflicts).toEqual([
      {
        message:
          "Configuration specified scheduling_choice as 'ensemble_scheduling', but auto-complete-config function for model 'm' tries to set scheduling_choice as 'dynamic_batching'",
        hint: "remove set_dynamic_batching() or the config's scheduler",
        line: bodyLine(0),
        branch: undefined,
      },
    ]);
  });
});

describe("replay: conditional calls and the first error", () => {
  it("conditional setters leave the state as configured and say why it is incomplete", () => {
    const { state, conflicts } = replay(WITH_IN, [
      "if FLAG:",
      "    c.set_max_batch_size(16)",
      "    c.set_dynamic_batching()",
      `    c.set_model_transaction_policy({"decoupled": True})`,
      `    c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 16], "optional": False})`,
      `    c.add_input({"name": "C", "data_type": "TYPE_FP32", "dims": [1]})`,
    ]);
    expect(conflicts).toEqual([]);
    expect(state).toStrictEqual({
      maxBatch: 4,
      input: [{ name: "A", data_type: "TYPE_FP32", dims: [4, 16], optional: false }],
      output: [],
      decoupled: undefined,
      dynamicBatching: false,
      incomplete: `a call inside \`if FLAG:\` (line ${bodyLine(0)}) may or may not run`,
    });
  });

  it("a conditional conflict is a warning naming the branch, and the replay goes on to the next error", () => {
    const { conflicts } = replay(WITH_IN, [
      "if FLAG:",
      `    c.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [4, 8]})`,
      "c.set_max_batch_size(2)",
      "c.set_max_batch_size(1)",
    ]);
    expect(conflicts).toEqual([
      {
        message:
          "model 'm', tensor 'A': the model expects dims [4, 8] but the model configuration specifies dims [4, 16]",
        hint: `make auto_complete_config and config.pbtxt agree on input 'A'; it fails only when a call inside \`if FLAG:\` (line ${bodyLine(0)}) runs`,
        line: bodyLine(1),
        branch: { line: bodyLine(0), text: "if FLAG:" },
      },
      {
        message:
          "configuration specified max_batch_size 4, but in auto-complete-config function for model 'm' specified max_batch_size 2",
        hint: "lower max_batch_size in the config to 2 or less, or raise it in auto_complete_config",
        line: bodyLine(2),
        branch: undefined,
      },
    ]);
  });

  it("a value computed at run time inside a dict, a list or a nested dict: that tensor is not replayed", () => {
    for (const arg of [
      `{"name": "C", "data_type": T, "dims": [1]}`,
      `{"name": "C", "data_type": "TYPE_FP32", "dims": [1, N]}`,
      `{"name": "C", "data_type": "TYPE_FP32", "dims": [1], "x": {"j": 1, "k": N}}`,
    ]) {
      const { state, conflicts } = replay(BASE, [`c.add_input(${arg})`]);
      expect(conflicts).toEqual([]);
      expect(state?.input).toEqual([]);
      expect(state?.incomplete).toBe("add_input() is called with a value computed at run time");
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// TR-8 (columns: the opening quote of the literal, counted by hand from the texts)

const said = (ds: Diagnostic[]) => ds.map((d) => [d.message, d.line, d.column]);

const INPUT_HINT = (fix: string) =>
  `${fix}every request fails at run time; use the config's input name, or read names from args["model_config"] (pb_utils.get_input_config_by_name) so model.py follows config.pbtxt`;
const OUTPUT_HINT = (fix: string) =>
  `${fix}every request fails at run time; use the config's output name, or read names from args["model_config"] (pb_utils.get_output_config_by_name) so model.py follows config.pbtxt`;

/** model.py with `head` as its imports and `body` as execute's loop body (one request). */
const py = (head: string, body: readonly string[], extra: readonly string[] = []) =>
  [
    head,
    "",
    "",
    "class TritonPythonModel:",
    "    def execute(self, requests):",
    "        responses = []",
    "        for request in requests:",
    ...body.map((l) => `            ${l}`),
    "        return responses",
    ...extra,
    "",
  ].join("\n");

describe("TR-8: the whole diagnostic", () => {
  it("an output no name comes close to: no guess, the output accessor, all names listed", () => {
    const config = TR8_CONFIG.replace(
      'output [{ name: "OUT" data_type: TYPE_FP32 dims: [2] }]',
      'output [{ name: "OUT" data_type: TYPE_FP32 dims: [2] }, { name: "SCORES" data_type: TYPE_FP32 dims: [2] }]',
    );
    const found = tr8(
      py("import triton_python_backend_utils as pb_utils", ['t = pb_utils.Tensor("zzzzzzzz", x)']),
      config,
    );
    expect(found).toEqual([
      {
        code: "TR-8",
        severity: "warning",
        message: `m/1/model.py builds output "zzzzzzzz", which the config of model 'm' does not declare (outputs: "OUT", "SCORES")`,
        file: "m/1/model.py",
        line: 8,
        column: 33,
        hint: OUTPUT_HINT(""),
      },
    ]);
  });

  it("a config without outputs lists none", () => {
    const config = TR8_CONFIG.replace('output [{ name: "OUT" data_type: TYPE_FP32 dims: [2] }]\n', "");
    const found = tr8(py("import triton_python_backend_utils as pb_utils", ['t = pb_utils.Tensor("OUT", x)']), config);
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        `m/1/model.py builds output "OUT", which the config of model 'm' does not declare (outputs: none)`,
        OUTPUT_HINT(""),
      ],
    ]);
  });

  it("an empty name is a name no config declares", () => {
    const found = tr8(py("import triton_python_backend_utils as pb_utils", ['t = pb_utils.Tensor("", x)']));
    expect(said(found)).toEqual([
      [`m/1/model.py builds output "", which the config of model 'm' does not declare (outputs: "OUT")`, 8, 33],
    ]);
  });

  it("a batch input's target name is an input the model can read", () => {
    const config = `${TR8_CONFIG}batch_input [{ kind: BATCH_ELEMENT_COUNT target_name: "BI" data_type: TYPE_FP32 source_input: "IN" }]\n`;
    const found = tr8(
      py("import triton_python_backend_utils as pb_utils", [
        'a = pb_utils.get_input_tensor_by_name(request, "BI")',
        'b = pb_utils.get_input_tensor_by_name(request, "NOPE")',
      ]),
      config,
    );
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        `m/1/model.py reads input "NOPE", which the config of model 'm' does not declare (inputs: "IN", "BI")`,
        INPUT_HINT(""),
      ],
    ]);
  });
});

describe("TR-8: how model.py reaches pb_utils", () => {
  it("a plain import, without an alias", () => {
    const found = tr8(py("import triton_python_backend_utils", ['t = triton_python_backend_utils.Tensor("X", x)']));
    expect(said(found)).toEqual([
      [`m/1/model.py builds output "X", which the config of model 'm' does not declare (outputs: "OUT")`, 8, 52],
    ]);
  });

  it("an indented import (inside try:) with extra blanks between the words", () => {
    const head = "try:\n    import  triton_python_backend_utils  as  pb\nexcept ImportError:\n    pb = None";
    const found = tr8(py(head, ['t = pb.Tensor("X", x)']));
    expect(said(found)).toEqual([
      [`m/1/model.py builds output "X", which the config of model 'm' does not declare (outputs: "OUT")`, 11, 27],
    ]);
  });

  it("names imported from the module only: each name, a second name, an alias, a method of an imported class", () => {
    const head =
      "try:\n    from  triton_python_backend_utils  import  InferenceResponse,Tensor, get_input_tensor_by_name  as  get_input\nexcept ImportError:\n    raise";
    const found = tr8(
      py(head, [
        'xs = [get_input(request, "NOPE")]',
        'responses.append(InferenceResponse([Tensor("X", x)]))',
        'y = Tensor.from_dlpack("Y", x)',
        'print(requests, "not a call of pb_utils")',
        'z = (requests, "nor is a tuple")',
      ]),
    );
    expect(said(found)).toEqual([
      [`m/1/model.py reads input "NOPE", which the config of model 'm' does not declare (inputs: "IN")`, 11, 38],
      [`m/1/model.py builds output "X", which the config of model 'm' does not declare (outputs: "OUT")`, 12, 56],
      [`m/1/model.py builds output "Y", which the config of model 'm' does not declare (outputs: "OUT")`, 13, 36],
    ]);
  });
});

describe("TR-8: a parenthesised import on one line", () => {
  it("reads the names inside the parentheses, whatever the blanks before them", () => {
    const found = tr8(
      py("from triton_python_backend_utils import  (Tensor, InferenceResponse)", [
        'responses.append(InferenceResponse([Tensor("X", x)]))',
      ]),
    );
    expect(said(found)).toEqual([
      [`m/1/model.py builds output "X", which the config of model 'm' does not declare (outputs: "OUT")`, 8, 56],
    ]);
  });
});

describe("TR-8: which argument a call passes", () => {
  it("commas inside (), [] and {} of the first argument are not argument separators", () => {
    const found = tr8(
      py("import triton_python_backend_utils as pb_utils", [
        'a = pb_utils.get_input_tensor_by_name(pick(requests, 0), "A1")',
        'b = pb_utils.get_input_tensor_by_name([request, 0][0], "A2")',
        'c = pb_utils.get_input_tensor_by_name({"r": request, "i": 0}["r"], "A3")',
      ]),
    );
    expect(said(found)).toEqual([
      [`m/1/model.py reads input "A1", which the config of model 'm' does not declare (inputs: "IN")`, 8, 70],
      [`m/1/model.py reads input "A2", which the config of model 'm' does not declare (inputs: "IN")`, 9, 68],
      [`m/1/model.py reads input "A3", which the config of model 'm' does not declare (inputs: "IN")`, 10, 80],
    ]);
  });

  it("a call that ends before its second argument reads nothing from the code after it", () => {
    const found = tr8(
      py("import triton_python_backend_utils as pb_utils", [
        "a = pb_utils.get_input_tensor_by_name(*call_args)",
        'y = np.full((1, 2), "B")',
      ]),
    );
    expect(found).toEqual([]);
  });
});

describe("TR-8: names auto_complete_config adds", () => {
  const acc = (lines: readonly string[]) => [
    "",
    "    @staticmethod",
    "    def auto_complete_config(config):",
    ...lines.map((l) => `        ${l}`),
    "        return config",
  ];

  it("names after nested brackets, spaced colons and layouts are read; the check stays on", () => {
    const found = tr8(
      py(
        "import triton_python_backend_utils as pb_utils",
        ['t = pb_utils.Tensor("WRONG", x)'],
        acc([
          'config.add_output({"data_type": "TYPE_FP32", "dims": [SHAPE[0]], "name": "E1"})',
          'config.add_output({**{"data_type": "TYPE_FP32", "dims": [2]}, "name" : "E2"})',
          'config.add_output({"data_type": "TYPE_FP32", "dims": list((2,)), "name":"E3"})',
          "config.add_output(",
          '    {"data_type": "TYPE_FP32", "dims": [2], "name":  "E4"}',
          ")",
        ]),
      ),
    );
    expect(found.map((d) => d.message)).toEqual([
      `m/1/model.py builds output "WRONG", which the config of model 'm' does not declare (outputs: "OUT", "E1", "E2", "E3", "E4")`,
    ]);
  });

  it("an added tensor whose name cannot be read turns the check off, whatever later calls name", () => {
    for (const added of [
      'config.add_input({"data_type": "TYPE_FP32", "dims": [4]})',
      'config.add_input(with_defaults({"name": "A"}))',
    ]) {
      const found = tr8(
        py(
          "import triton_python_backend_utils as pb_utils",
          ['a = pb_utils.get_input_tensor_by_name(request, "NOPE")'],
          acc([added, 'config.add_output({"name": "OUT", "data_type": "TYPE_FP32", "dims": [2]})']),
        ),
      );
      expect(found).toEqual([]);
    }
  });
});
