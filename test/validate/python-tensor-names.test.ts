/**
 * TR-8: a tensor name that model.py holds as a string literal and the config
 * does not declare is reported at the literal, with a hint; and the rule
 * raises no false alarm on the real Python models of Triton's examples and QA
 * (shared/conformance/python, each with its own config) nor on any model.py
 * the generator writes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { generateRepository } from "../../src/generate/generate.js";
import { validateRepository } from "../../src/validate/index.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { TR8_CONFIG, tr8 } from "./support/tensor-names.js";
import { makeTree, removeTrees } from "./support/tree.js";

afterAll(removeTrees);

/** A model.py whose execute reads `input` and answers `output`. */
const model = (input: string, output: string, head = "import triton_python_backend_utils as pb_utils") => `${head}


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            x = pb_utils.get_input_tensor_by_name(request, ${input}).as_numpy()
            responses.append(pb_utils.InferenceResponse([pb_utils.Tensor(${output}, x)]))
        return responses
`;

describe("TR-8 valid", () => {
  it.each<[string, string, string?]>([
    ["the config's names", model('"IN"', '"OUT"')],
    ["single quotes", model("'IN'", "'OUT'")],
    ["names read from the config", model("self.input_name", "self.output_name")],
    ["an f-string or concatenation is not a plain literal", model('f"IN{i}"', '"OU" + "T"')],
    [
      "a sequence control input",
      model('"START"', '"OUT"'),
      `${TR8_CONFIG}sequence_batching { control_input [{ name: "START" control [{ kind: CONTROL_SEQUENCE_START int32_false_true: [0, 1] }] }] }\n`,
    ],
    [
      "implicit state",
      model('"STATE_IN"', '"STATE_OUT"'),
      `${TR8_CONFIG}sequence_batching { state [{ input_name: "STATE_IN" output_name: "STATE_OUT" data_type: TYPE_FP32 dims: [1] }] }\n`,
    ],
    [
      "a literal in a comment or docstring",
      `${model('"IN"', '"OUT"')}    # pb_utils.get_input_tensor_by_name(request, "OLD")\n    """pb_utils.Tensor("OLD", x)"""\n`,
    ],
    [
      "a BLS model sends Tensors named after another model's inputs",
      model('"IN"', '"OUT"').replace(
        "        return responses",
        '        pb_utils.InferenceRequest(model_name="other", inputs=[pb_utils.Tensor("INPUT0", x)], requested_output_names=[])\n        return responses',
      ),
    ],
    [
      "torch.Tensor is not pb_utils.Tensor",
      model('"IN"', '"OUT"').replace("        return responses", '        torch.Tensor("x")\n        return responses'),
    ],
    [
      "auto_complete_config adds the name",
      `${model('"IN"', '"EXTRA"')}\n    @staticmethod\n    def auto_complete_config(config):\n        config.add_output({"name": "EXTRA", "data_type": "TYPE_FP32", "dims": [2]})\n        return config\n`,
    ],
    [
      "auto_complete_config adds names we cannot read",
      `${model('"NEW"', '"OUT"')}\n    @staticmethod\n    def auto_complete_config(config):\n        for tensor in SPEC:\n            config.add_input(tensor)\n        return config\n`,
    ],
  ])("%s", (_label, modelPy, config) => {
    expect(tr8(modelPy, config)).toEqual([]);
  });
});

describe("TR-8 invalid", () => {
  it("an input renamed in the config: at the literal, with the names and a suggestion", () => {
    expect(tr8(model('"IN"', '"OUT"'), TR8_CONFIG.replace('"IN"', '"IN2"'))).toEqual([
      {
        code: "TR-8",
        severity: "warning",
        message: `m/1/model.py reads input "IN", which the config of model 'm' does not declare (inputs: "IN2")`,
        file: "m/1/model.py",
        line: 8,
        column: 60,
        hint: 'did you mean "IN2"? every request fails at run time; use the config\'s input name, or read names from args["model_config"] (pb_utils.get_input_config_by_name) so model.py follows config.pbtxt',
      },
    ]);
  });

  // Columns counted by hand: the opening quote of the literal.
  it.each<[string, string, string, number, number]>([
    ["an output renamed in the config", model('"IN"', '"OUT"'), `builds output "OUT"`, 9, 74],
    [
      "imported names and a module alias",
      model(
        '"IN"',
        '"OUT"',
        "import triton_python_backend_utils as pb\nfrom triton_python_backend_utils import Tensor, get_input_tensor_by_name as get_input",
      )
        .replace(/pb_utils\.get_input_tensor_by_name/, "get_input")
        .replace(/pb_utils\.Tensor/, "Tensor")
        .replace(/pb_utils\./g, "pb."),
      `builds output "OUT"`,
      10,
      59,
    ],
    [
      "Tensor.from_dlpack",
      model('"IN"', '"OUT"').replace("pb_utils.Tensor(", "pb_utils.Tensor.from_dlpack("),
      `builds output "OUT"`,
      9,
      86,
    ],
  ])("%s", (_label, modelPy, says, line, column) => {
    const found = tr8(modelPy, TR8_CONFIG.replace('"OUT"', '"RESULT"'));
    expect(found.map((d) => [d.message.includes(says), d.line, d.column, d.severity])).toEqual([
      [true, line, column, "warning"],
    ]);
  });

  it("models of one repository that reach pb_utils differently are each read with their own imports", () => {
    // Call patterns are shared between models that import pb_utils the same way: each model must still get its own.
    const aliased = (alias: string) => model('"IN"', '"OUT"', `import triton_python_backend_utils as ${alias}`);
    const imported = model('"IN"', '"OUT"', "from triton_python_backend_utils import Tensor, get_input_tensor_by_name")
      .replace(/pb_utils\.(Tensor|get_input_tensor_by_name)/g, "$1")
      .replace(/pb_utils\./g, "np.");
    const config = (name: string) => TR8_CONFIG.replace('"m"', `"${name}"`).replace('"OUT"', '"RESULT"');
    const root = makeTree({
      // `a` and `c` spell their calls as `pb_utils.`, `b` as `pb.` (its `pb_utils.` calls are another module's).
      "a/config.pbtxt": config("a"),
      "a/1/model.py": model('"IN"', '"OUT"'),
      "b/config.pbtxt": config("b"),
      "b/1/model.py": aliased("pb"),
      "c/config.pbtxt": config("c"),
      "c/1/model.py": model('"IN"', '"OUT"'),
      "d/config.pbtxt": config("d"),
      "d/1/model.py": imported,
      "e/config.pbtxt": config("e"),
      "e/1/model.py": aliased("pb").replace(/pb_utils\./g, "pb."),
    });
    const found = validateRepository(root)
      .diagnostics.filter((d) => d.code === "TR-8")
      .map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(found).toEqual(["a/1/model.py:9:74", "c/1/model.py:9:74", "d/1/model.py:9:59", "e/1/model.py:9:62"]);
  });

  it("--strict makes it an error", () => {
    const root = makeTree({
      "m/config.pbtxt": TR8_CONFIG.replace('"IN"', '"X"'),
      "m/1/model.py": model('"IN"', '"OUT"'),
    });
    expect(
      validateRepository(root, { strict: true })
        .diagnostics.filter((d) => d.code === "TR-8")
        .map((d) => d.severity),
    ).toEqual(["error"]);
  });
});

describe.skipIf(!sharedAvailable())("TR-8 on Triton's own Python models", () => {
  type Entry = { file: string; roundtrip_config?: string | null };
  const manifest = JSON.parse(readFileSync(sharedPath("conformance", "python", "manifest.json"), "utf8")) as Entry[];
  const paired = manifest.filter(
    (e): e is Entry & { roundtrip_config: string } => typeof e.roundtrip_config === "string",
  );

  it.each(paired.map((e) => [e.file, e.roundtrip_config]))("%s with %s: no finding", (file, config) => {
    const text = readFileSync(sharedPath("conformance", "roundtrip", config), "utf8").replace(/^name:.*$/m, "");
    expect(tr8(readFileSync(sharedPath("conformance", "python", file), "utf8"), `name: "m"\n${text}`)).toEqual([]);
  });

  it("covers most of them", () => {
    expect(paired.length).toBeGreaterThanOrEqual(25);
  });

  it("and reports them once their config renames the inputs and outputs", () => {
    const renamed = paired.filter((e) => {
      const text = readFileSync(sharedPath("conformance", "roundtrip", e.roundtrip_config), "utf8").replace(
        /^name:.*$/m,
        "",
      );
      const value = parseConfig(`name: "m"\n${text}`).value as {
        input?: { name: string }[];
        output?: { name: string }[];
      };
      for (const t of [...(value.input ?? []), ...(value.output ?? [])]) t.name = `${t.name}_renamed`;
      const config = printConfig(value as Parameters<typeof printConfig>[0]);
      return tr8(readFileSync(sharedPath("conformance", "python", e.file), "utf8"), config).length > 0;
    });
    // 30 of the 31: bls_async reads its inputs through names it computes.
    expect(renamed.length).toBeGreaterThanOrEqual(paired.length - 1);
  });
});

describe("TR-8 on generated models", () => {
  it("no finding for any template, with or without auto-complete", () => {
    const out = makeTree({});
    const result = generateRepository(
      loadSpecFile(join(import.meta.dirname, "..", "generate", "specs", "all-templates.yaml")),
      { out },
    );
    expect(result.ok).toBe(true);
    expect(validateRepository(join(out, "model_repository")).diagnostics.filter((d) => d.code === "TR-8")).toEqual([]);
  });
});
