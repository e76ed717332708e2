import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateRepository } from "../../src/validate/index.js";
import { PLAIN_MODEL_PY, type TreeSpec, makeTree, pythonModel, removeTrees } from "./support/tree.js";

/**
 * The false positives and the false negative of the first real-world run
 * (issue 10), each as a rule: a repository Triton loads must not get the
 * finding, and the same repository with the mistake planted must. The
 * expectations come from Triton's sources (cited per case), not from this
 * tool's output.
 */

afterAll(removeTrees);

type Options = Parameters<typeof validateRepository>[1];

function run(spec: TreeSpec | TreeSpec[], options: Options = {}): Diagnostic[] {
  const specs = Array.isArray(spec) ? spec : [spec];
  return validateRepository(specs.map(makeTree), options).diagnostics;
}

const codes = (ds: readonly Diagnostic[], severity?: Diagnostic["severity"]): string[] =>
  ds.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code);

/** A Python model without config.pbtxt whose model.py is `py`. */
const configless = (name: string, py: string): TreeSpec => ({ [`${name}/1/model.py`]: py });

/** An ensemble over one step `step` mapping IN→INPUT0 and OUTPUT0→OUT. */
const ensemble = (name: string, step: string, extra = ""): TreeSpec => ({
  [`${name}/config.pbtxt`]: `name: "${name}"
platform: "ensemble"
max_batch_size: 0
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [{ model_name: "${step}" model_version: -1 input_map { key: "INPUT0" value: "IN" } output_map { key: "OUTPUT0" value: "OUT" } }] }
${extra}`,
  [`${name}/1/`]: null,
});

const AUTO_LOOP = `import triton_python_backend_utils as pb_utils

NAMES = compute_names()

class TritonPythonModel:
    @staticmethod
    def auto_complete_config(auto_complete_model_config):
        for name in NAMES:
            auto_complete_model_config.add_input({"name": name, "data_type": "TYPE_FP32", "dims": [4]})
        auto_complete_model_config.add_output({"name": "OUTPUT0", "data_type": "TYPE_FP32", "dims": [4]})
        return auto_complete_model_config

    def initialize(self, args):
        pass

    def execute(self, requests):
        return []
`;

const AUTO_LITERAL = `import triton_python_backend_utils as pb_utils

class TritonPythonModel:
    @staticmethod
    def auto_complete_config(auto_complete_model_config):
        auto_complete_model_config.add_input({"name": "INPUT0", "data_type": "TYPE_FP32", "dims": [4]})
        auto_complete_model_config.add_output({"name": "OUTPUT0", "data_type": "TYPE_FP32", "dims": [4]})
        return auto_complete_model_config

    def execute(self, requests):
        return []
`;

describe("FP-1: ensemble steps completed at load time", () => {
  it("a step whose auto_complete_config cannot be replayed gets a note, not MC-86", () => {
    const ds = run({ ...configless("step", AUTO_LOOP), ...ensemble("ens", "step") }, { gpus: [] });
    expect(codes(ds, "error")).toEqual([]);
    const note = ds.find((d) => d.code === "ND-11");
    expect(note?.severity).toBe("info");
    expect(note?.message).toContain("'step'");
    expect(note?.message).toContain("line 8");
  });

  it("a step whose literal auto_complete_config adds the tensors is checked against them", () => {
    expect(codes(run({ ...configless("step", AUTO_LITERAL), ...ensemble("ens", "step") }, { gpus: [] }))).toEqual([]);
    const typo = AUTO_LITERAL.replace('"name": "INPUT0"', '"name": "INPUT_0"');
    expect(codes(run({ ...configless("step", typo), ...ensemble("ens", "step") }, { gpus: [] }), "error")).toEqual([
      "MC-86",
    ]);
  });

  it("a step whose class comes by import, or a backend that completes its config, is not a step without inputs", () => {
    const imported = configless("step", "from pkg import *\n");
    expect(codes(run({ ...imported, ...ensemble("ens", "step") }, { gpus: [] }), "error")).toEqual([]);
    const vllm = {
      "step/config.pbtxt": 'backend: "vllm"\ninstance_group [{ kind: KIND_MODEL }]',
      "step/1/model.json": "{}",
    };
    expect(codes(run({ ...vllm, ...ensemble("ens", "step") }, { gpus: [] }), "error")).toEqual([]);
  });

  it("a tensor an ONNX step declares without type or dims gets them at load time; a declared type is still compared", () => {
    const onnx = (io: string): TreeSpec => ({
      "step/config.pbtxt": `backend: "onnxruntime"\n${io}`,
      "step/1/model.onnx": "",
    });
    const untyped = 'input [{ name: "INPUT0" }]\noutput [{ name: "OUTPUT0" }]';
    expect(codes(run({ ...onnx(untyped), ...ensemble("ens", "step") }, { gpus: [] }), "error")).toEqual([]);
    const wrong =
      'input [{ name: "INPUT0" data_type: TYPE_INT32 dims: [4] }]\noutput [{ name: "OUTPUT0" data_type: TYPE_FP32 dims: [4] }]';
    expect(codes(run({ ...onnx(wrong), ...ensemble("ens", "step") }, { gpus: [] }), "error")).toEqual(["MC-89"]);
  });

  it("a step that cannot add tensors still fails MC-86 (the oracle: ensemble_utils.cc on the step's config)", () => {
    const plain = pythonModel(
      "step",
      "",
      PLAIN_MODEL_PY.replace('self.device = args["model_instance_device_id"]', "pass"),
    );
    const ds = run({ ...plain, ...ensemble("ens", "step") }, { gpus: [] });
    expect(codes(ds, "error")).toEqual(["MC-86"]);
    expect(codes(run({ ...plain, ...ensemble("ens", "step") }, { gpus: [], autoComplete: false }), "error")).toContain(
      "MC-86",
    );
  });
});

describe("FP-2: conditional setter calls in auto_complete_config", () => {
  const policy = (guarded: boolean): string => `import triton_python_backend_utils as pb_utils

class TritonPythonModel:
    @staticmethod
    def auto_complete_config(auto_complete_model_config):
        config = auto_complete_model_config.as_dict()
        auto_complete_model_config.set_model_transaction_policy({"decoupled": False})
${guarded ? '        if "decoupled" in config["parameters"]:\n    ' : ""}        auto_complete_model_config.set_model_transaction_policy({"decoupled": True})
        return auto_complete_model_config

    def execute(self, requests):
        return []
`;

  it("a conflict that needs a branch is a warning naming it", () => {
    const ds = run(configless("m", policy(true)), { gpus: [] });
    const py3 = ds.filter((d) => d.code === "PY-3");
    expect(py3.map((d) => d.severity)).toEqual(["warning"]);
    expect(py3[0]?.hint).toContain('if "decoupled" in config["parameters"]:');
    expect(py3[0]).toMatchObject({ file: "m/1/model.py", line: 9, column: 13 });
  });

  it("a conflict between two calls that always run is an error at the second call", () => {
    const py3 = run(configless("m", policy(false)), { gpus: [] }).filter((d) => d.code === "PY-3");
    expect(py3.map((d) => d.severity)).toEqual(["error"]);
    expect(py3[0]).toMatchObject({ line: 8, column: 9 });
  });
});

describe("FP-3: TritonPythonModel that comes by import", () => {
  for (const [label, py] of [
    ["a star import", "from pkg import *\n"],
    ["a named import", "from pkg.mod import TritonPythonModel\n"],
    ["an import under another name", "from pkg.mod import Model as TritonPythonModel\n"],
    ["an assignment", "import pkg\nTritonPythonModel = pkg.Model\n"],
  ] as const) {
    it(`${label} binds it`, () => {
      expect(codes(run(pythonModel("m", "", py), { gpus: [] }))).not.toContain("PY-1");
    });
  }

  it("without any binding PY-1 stays, at line 1, column 1", () => {
    const ds = run(pythonModel("m", "", "import pkg\nclass Model:\n    pass\n"), { gpus: [] });
    expect(ds.find((d) => d.code === "PY-1")).toMatchObject({ file: "m/1/model.py", line: 1, column: 1 });
  });
});

describe("FP-4: how auto_complete_config is declared", () => {
  const declared = (decorator: string): string => `class TritonPythonModel:
${decorator}    def auto_complete_config(${decorator.includes("class") ? "cls, " : decorator.includes("static") ? "" : "self, "}auto_complete_model_config):
        return auto_complete_model_config

    def execute(self, requests):
        return []
`;

  it("a @classmethod or @staticmethod is called correctly by the stub", () => {
    expect(codes(run(pythonModel("m", "", declared("    @classmethod\n")), { gpus: [] }))).not.toContain("PY-2");
    expect(codes(run(pythonModel("m", "", declared("    @staticmethod\n")), { gpus: [] }))).not.toContain("PY-2");
  });

  it("a binding by assignment (staticmethod(f)) is not read as a def", () => {
    const py =
      "def _complete(config):\n    return config\n\nclass TritonPythonModel:\n    auto_complete_config = staticmethod(_complete)\n\n    def execute(self, requests):\n        return []\n";
    expect(codes(run(pythonModel("m", "", py), { gpus: [] }))).not.toContain("PY-2");
  });

  it("a plain instance method is PY-2 at its def line", () => {
    expect(run(pythonModel("m", "", declared("")), { gpus: [] }).find((d) => d.code === "PY-2")).toMatchObject({
      line: 2,
      column: 5,
    });
  });
});

describe("FP-5: what a decoupled execute returns", () => {
  const decoupledModel = (body: string): TreeSpec =>
    pythonModel(
      "m",
      "model_transaction_policy { decoupled: true }",
      `class TritonPythonModel:
    def execute(self, requests):
        for request in requests:
            sender = request.get_response_sender()
${body}

    def helper(self, requests):
        responses = []
        return responses
`,
    );

  for (const [label, body] of [
    ["a bare return", "            return\n        return None"],
    ["return None", "        return None"],
    ["a dispatch to a method", "        return self.helper(requests)"],
  ] as const) {
    it(`${label} is not PY-6`, () => {
      expect(codes(run(decoupledModel(body), { gpus: [] }))).not.toContain("PY-6");
    });
  }

  it("a list returned only on the branch for non-decoupled use is not PY-6", () => {
    const body =
      "        responses = []\n        if not self.decoupled:\n            return responses\n        return None";
    expect(codes(run(decoupledModel(body), { gpus: [] }))).not.toContain("PY-6");
    const elseBody =
      "        responses = []\n        if self.decoupled:\n            return None\n        else:\n            return responses";
    expect(codes(run(decoupledModel(elseBody), { gpus: [] }))).not.toContain("PY-6");
  });

  it("a list is PY-6, at the return", () => {
    const ds = run(decoupledModel("        responses = []\n        return responses"), { gpus: [] });
    expect(ds.find((d) => d.code === "PY-6")).toMatchObject({
      severity: "warning",
      file: "m/1/model.py",
      line: 6,
      column: 9,
    });
  });
});

describe("FP-6: TR-5 only where the default device can be wrong", () => {
  const torchPy =
    'import torch\n\nclass TritonPythonModel:\n    def execute(self, requests):\n        x = torch.zeros(1).to("cuda")\n        return []\n';
  const numpyPy =
    "import numpy as np\n\nclass TritonPythonModel:\n    def execute(self, requests):\n        return []\n";

  it("is reported for GPU-library code with instances on several GPUs", () => {
    expect(codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU }]", torchPy), { gpus: [0, 1] }))).toContain(
      "TR-5",
    );
    expect(
      codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU gpus: [1] }]", torchPy), { gpus: [0, 1] })),
    ).toContain("TR-5");
  });

  it("is not reported for instances pinned to GPU 0, a one-GPU host, or numpy-only code", () => {
    expect(
      codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU gpus: [0] }]", torchPy), { gpus: [0, 1] })),
    ).not.toContain("TR-5");
    expect(codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU }]", torchPy), { gpus: [0] }))).not.toContain(
      "TR-5",
    );
    expect(codes(run(pythonModel("m", "", torchPy), { gpus: [0] }))).not.toContain("TR-5");
    expect(
      codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU }]", numpyPy), { gpus: [0, 1] })),
    ).not.toContain("TR-5");
    // A tokenizer from transformers runs on the CPU: torch-based libraries use a GPU only when told to.
    const tokenizerPy = numpyPy.replace("import numpy as np", "from transformers import AutoTokenizer");
    expect(
      codes(run(pythonModel("m", "instance_group [{ kind: KIND_GPU }]", tokenizerPy), { gpus: [0, 1] })),
    ).not.toContain("TR-5");
    expect(
      codes(
        run(pythonModel("m", "instance_group [{ kind: KIND_GPU }]", `${tokenizerPy}\nDEVICE = "cuda"\n`), {
          gpus: [0, 1],
        }),
      ),
    ).toContain("TR-5");
  });
});

describe("FP-7: model files a repository agent supplies", () => {
  const agentModel = (agents: string): TreeSpec => ({
    "m/config.pbtxt": `backend: "onnxruntime"\n${agents}`,
    "m/1/": null,
  });

  it("are not missing; the agent's part is a note", () => {
    const ds = run(agentModel('model_repository_agents { agents [{ name: "checksum" }] }'), { gpus: [] });
    expect(codes(ds, "error")).toEqual([]);
    expect(ds.find((d) => d.code === "RL-20")).toMatchObject({ severity: "info" });
  });

  it("without an agent the file is missing (RL-12)", () => {
    expect(codes(run(agentModel(""), { gpus: [] }), "error")).toEqual(["RL-12"]);
  });
});

describe("FN-1: properties an ensemble takes from its steps", () => {
  const cache = "response_cache { enable: true }";
  const step = (policy: string): TreeSpec => ({
    "step/config.pbtxt": `backend: "identity"\nmax_batch_size: 0\ninput [{ name: "INPUT0" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUTPUT0" data_type: TYPE_FP32 dims: [4] }]\n${policy}`,
    "step/1/": null,
  });

  it("a response cache on an ensemble made decoupled by its step is MC-98 (ensemble_utils.cc sets decoupled, model_config_utils.cc refuses the cache)", () => {
    const ds = run(
      { ...step("model_transaction_policy { decoupled: true }"), ...ensemble("ens", "step", cache) },
      { gpus: [] },
    );
    expect(ds.filter((d) => d.severity === "error").map((d) => [d.code, d.file])).toEqual([
      ["MC-98", "ens/config.pbtxt"],
    ]);
  });

  it("through a Python step whose auto_complete_config always sets decoupled", () => {
    const py = AUTO_LITERAL.replace(
      "return auto_complete_model_config",
      'auto_complete_model_config.set_model_transaction_policy({"decoupled": True})\n        return auto_complete_model_config',
    );
    expect(codes(run({ ...configless("step", py), ...ensemble("ens", "step", cache) }, { gpus: [] }), "error")).toEqual(
      ["MC-98"],
    );
  });

  it("not when no step is decoupled", () => {
    expect(codes(run({ ...step(""), ...ensemble("ens", "step", cache) }, { gpus: [] }), "error")).toEqual([]);
  });
});

describe("names in several repositories", () => {
  const repo = (stepPy: string): TreeSpec => ({
    ...configless("composing", stepPy),
    ...ensemble("ens_a", "composing"),
  });

  it("without namespacing every copy is dropped (RL-4) and the ensembles over it fail with MC-81", () => {
    const ds = run(
      [repo(AUTO_LITERAL), { ...configless("composing", AUTO_LITERAL), ...ensemble("ens_b", "composing") }],
      { gpus: [] },
    );
    expect(codes(ds, "error").sort()).toEqual(["MC-81", "MC-81", "RL-4", "RL-4"]);
  });

  it("with --model-namespacing each ensemble finds the step of its own repository", () => {
    const other = AUTO_LITERAL.replace(/INPUT0/g, "OTHER_IN");
    const ds = run([repo(AUTO_LITERAL), { ...configless("composing", other), ...ensemble("ens_b", "composing") }], {
      gpus: [],
      modelNamespacing: true,
    });
    // ens_b maps INPUT0, which only the first repository's composing model has: resolved in its own repository, it fails.
    expect(
      ds.filter((d) => d.severity === "error").map((d) => [d.code, d.file?.split("/").slice(-2).join("/")]),
    ).toEqual([["MC-86", "ens_b/config.pbtxt"]]);
  });
});

describe("repositories as people keep them", () => {
  it("reports every placeholder of a templated config, and checks the rest", () => {
    const tree = {
      ...pythonModel("m"),
      "m/config.pbtxt":
        'backend: "python"\nmax_batch_size: ${mbs}\nparameters { key: "p" value: { string_value: "${dir}" } }\ninstance_group [{ kind: KIND_CPU gpus: [0] }]\n',
    };
    const ds = run(tree, { gpus: [0] });
    expect(ds.filter((d) => d.code === "PB-TEMPLATE").map((d) => [d.severity, d.line, d.column])).toEqual([
      ["error", 2, 17],
      ["info", 3, 47],
    ]);
    // The unrelated mistake is still found; nothing about max_batch_size's stand-in values is.
    expect(codes(ds, "error").filter((c) => c !== "PB-TEMPLATE")).toEqual(["MC-38"]);
    const filled = run(tree, { gpus: [0], templateVars: { mbs: "8", dir: "/x" } });
    expect(codes(filled)).not.toContain("PB-TEMPLATE");
  });

  it("--no-model-files skips model binaries with one summary line, not model.py", () => {
    const tree = {
      "onnx/config.pbtxt": 'backend: "onnxruntime"',
      "onnx/1/": null,
      "none/config.pbtxt": 'backend: "onnxruntime"',
      "py/config.pbtxt": 'backend: "python"',
      "py/1/": null,
      // No version folder yet (git keeps no empty folder; the README's step makes it with its files).
      "later_py/config.pbtxt": 'backend: "python"',
      "ens/config.pbtxt":
        'platform: "ensemble"\ninput [{ name: "I" data_type: TYPE_FP32 dims: [1] }]\noutput [{ name: "O" data_type: TYPE_FP32 dims: [1] }]\nensemble_scheduling { step [{ model_name: "onnx" model_version: -1 input_map { key: "x" value: "I" } output_map { key: "y" value: "O" } }] }',
    };
    const ds = run(tree, { gpus: [], noModelFiles: true });
    expect(codes(ds, "error")).toEqual(["RL-12"]);
    expect(ds.find((d) => d.code === "RL-12" && d.severity === "error")?.file).toBe("py/1");
    expect(ds.filter((d) => d.severity === "info" && d.code === "RL-12").map((d) => d.message)).toEqual([
      "--no-model-files: the model files of 4 models were not checked (ens, later_py, none, onnx)",
    ]);
    expect(codes(run(tree, { gpus: [] }), "error").sort()).toEqual(["RL-12", "RL-12", "RL-9", "RL-9", "RL-9"]);
  });

  it("names a config.pbtxt that sits inside a version folder", () => {
    const ds = run({ "e/1/config.pbtxt": 'platform: "ensemble"' }, { gpus: [] });
    expect(ds.find((d) => d.code === "RL-11")).toMatchObject({ severity: "error", file: "e/1/config.pbtxt" });
  });

  it("--triton-version decides the stock backends", () => {
    const tf = { "m/config.pbtxt": 'platform: "tensorflow_savedmodel"', "m/1/model.savedmodel/": null };
    expect(codes(run(tf, { gpus: [], tritonVersion: "25.03" }), "error")).toEqual([]);
    const later = run(tf, { gpus: [], tritonVersion: "25.04" });
    expect(codes(later, "error")).toEqual(["RL-18"]);
    expect(later[0]?.hint).toContain("left the stock image after 25.03");
    expect(validateRepository(makeTree(tf), { tritonVersion: "24.10" }).summary.tritonVersion).toBe("24.10");
  });
});

describe("a repository root given twice", () => {
  it("keeps files relative to their own root", () => {
    const a = makeTree(pythonModel("a", "dynamic_batching { preferred_batch_size: [0] }"));
    const b = makeTree(pythonModel("b"));
    const ds = validateRepository([a, b], { gpus: [] }).diagnostics;
    expect(ds.filter((d) => d.severity === "error").map((d) => d.file)).toEqual([join(a, "a/config.pbtxt")]);
  });
});
