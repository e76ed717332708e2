import type { ValidateOptions } from "../../../src/validate/index.js";
import { PLAIN_MODEL_PY, type TreeSpec, pythonModel } from "./tree.js";

/**
 * Cases for every rule that needs the folder layout or other models: a
 * repository that breaks the rule and the nearest one that keeps it.
 */
export interface RepositoryCase {
  /** One tree per repository root. */
  trees: TreeSpec[];
  options?: ValidateOptions;
  /** Validate a root that does not exist instead. */
  missingRoot?: boolean;
}
/**
 * Where the invalid repository's first finding of the rule is, read off its
 * files: the file relative to the repository root, and the line and column in
 * it when the finding is about a field or a statement. RL-4's finding names
 * an absolute path (the second root), so its row leaves it out.
 */
export interface RepositoryFinding {
  file: string;
  line?: number;
  column?: number;
}
export type RepositoryRow = [code: string, invalid: RepositoryCase, valid: RepositoryCase, at?: RepositoryFinding];

const r = (tree: TreeSpec, options?: ValidateOptions): RepositoryCase =>
  options ? { trees: [tree], options } : { trees: [tree] };

/** A step model `a`: X → Y, batching 8, loading version 1. */
const STEP_A = (extra = "", x = "TYPE_FP32", dims = "[4]"): TreeSpec => ({
  "a/config.pbtxt": `name: "a"\nbackend: "identity"\nmax_batch_size: 8\ninput [{ name: "X" data_type: ${x} dims: ${dims} }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\n${extra}`,
  "a/1/": null,
});

/** Ensemble `e`: IN → a → OUT. */
const ENSEMBLE = (steps: string, extra = "", mbs = 8): TreeSpec => ({
  "e/config.pbtxt": `name: "e"\nplatform: "ensemble"\nmax_batch_size: ${mbs}\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [ ${steps} ] }\n${extra}`,
  "e/1/": null,
});
const STEP = (model = "a", version = "-1", x = "X", y = "Y"): string =>
  `{ model_name: "${model}" ${version === "" ? "" : `model_version: ${version}`} input_map { key: "${x}" value: "IN" } output_map { key: "${y}" value: "OUT" } }`;
const GOOD_ENSEMBLE: TreeSpec = { ...STEP_A(), ...ENSEMBLE(STEP()) };

const STATEFUL_PY = `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]
        self.sessions = {}

    def execute(self, requests):
        for request in requests:
            self.sessions[request.correlation_id()] = 1
        return [pb_utils.InferenceResponse([]) for _ in requests]
`;

export const REPOSITORY_ROWS: RepositoryRow[] = [
  [
    "RL-1",
    r({ ...pythonModel("m"), ".ipynb_checkpoints/": null }),
    r({ ...pythonModel("m"), "README.md": "not a model" }),
    { file: ".ipynb_checkpoints" },
  ],
  ["RL-3", r(renameModel(pythonModel("m"), "my model")), r(pythonModel("my_model")), { file: "my model" }],
  ["RL-4", { trees: [pythonModel("m"), pythonModel("m")] }, { trees: [pythonModel("m"), pythonModel("n")] }],
  ["RL-5", { trees: [], missingRoot: true }, r(pythonModel("m")), { file: "." }],
  [
    "RL-6",
    r({ "m/1/model.py": PLAIN_MODEL_PY }, { autoComplete: false }),
    r({ "m/1/model.py": PLAIN_MODEL_PY }),
    { file: "m/config.pbtxt" },
  ],
  [
    "RL-8",
    r({ ...pythonModel("m"), "m/1abc/model.py": PLAIN_MODEL_PY }),
    r({ ...pythonModel("m"), "m/2/model.py": PLAIN_MODEL_PY }),
    { file: "m/1abc" },
  ],
  ["RL-9", r({ "m/config.pbtxt": pythonModel("m")["m/config.pbtxt"] as string }), r(pythonModel("m")), { file: "m" }],
  [
    "RL-9",
    r({ ...STEP_A(), "e/config.pbtxt": GOOD_ENSEMBLE["e/config.pbtxt"] as string }),
    r(GOOD_ENSEMBLE),
    { file: "e" },
  ],
  [
    "RL-12",
    r({ "m/config.pbtxt": `name: "m"\nbackend: "onnxruntime"`, "m/1/": null }),
    r({ "m/config.pbtxt": `name: "m"\nbackend: "onnxruntime"`, "m/1/model.onnx": "" }),
    { file: "m/1" },
  ],
  [
    "RL-13",
    r(pythonModel("m", `output [{ name: "L" data_type: TYPE_FP32 dims: [4] label_filename: "labels.txt" }]`)),
    r({
      ...pythonModel("m", `output [{ name: "L" data_type: TYPE_FP32 dims: [4] label_filename: "labels.txt" }]`),
      "m/labels.txt": "cat\ndog\n",
    }),
    { file: "m/config.pbtxt", line: 6, column: 52 },
  ],
  [
    "RL-14",
    r(
      pythonModel(
        "m",
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]`,
      ),
    ),
    r({
      ...pythonModel(
        "m",
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]`,
      ),
      "m/warmup/in.bin": Buffer.alloc(16),
    }),
    { file: "m/config.pbtxt", line: 6, column: 99 },
  ],
  [
    "MC-95",
    r({
      ...pythonModel(
        "m",
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]`,
      ),
      "m/warmup/in.bin": Buffer.alloc(8),
    }),
    r({
      ...pythonModel(
        "m",
        `model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]`,
      ),
      "m/warmup/in.bin": Buffer.alloc(16),
    }),
    { file: "m/config.pbtxt", line: 6, column: 99 },
  ],
  [
    "RL-15",
    r({ ...pythonModel("m", `default_model_filename: "my.model.py"`), "m/1/my.model.py": PLAIN_MODEL_PY }),
    r({ ...pythonModel("m", `default_model_filename: "my_model.py"`), "m/1/my_model.py": PLAIN_MODEL_PY }),
    { file: "m/config.pbtxt", line: 6, column: 1 },
  ],
  [
    "RL-18",
    r({ "m/config.pbtxt": `name: "m"\nbackend: "nosuch"`, "m/1/": null }),
    r({ "m/config.pbtxt": `name: "m"\nbackend: "nosuch"`, "m/1/": null, "m/libtriton_nosuch.so": "" }),
    { file: "m/config.pbtxt", line: 2, column: 1 },
  ],
  // Noted, not checked: the files an agent supplies are not looked for.
  [
    "RL-20",
    r(pythonModel("m", `model_repository_agents { agents [{ name: "checksum" }] }`)),
    r(pythonModel("m")),
    { file: "m/config.pbtxt", line: 6, column: 1 },
  ],
  [
    "MC-17",
    r(pythonModel("m", `input [{ name: "B" dims: [1] }]`)),
    r(pythonModel("m")),
    { file: "m/config.pbtxt", line: 6, column: 1 },
  ],
  ["MC-81", r(ENSEMBLE(STEP())), r(GOOD_ENSEMBLE), { file: "e/config.pbtxt", line: 6, column: 1 }],
  [
    "MC-82",
    r({ ...STEP_A(), ...ENSEMBLE(STEP("e")) }),
    r(GOOD_ENSEMBLE),
    { file: "e/config.pbtxt", line: 6, column: 1 },
  ],
  [
    "MC-83",
    r({ ...STEP_A("dynamic_batching { preferred_batch_size: [16] }"), ...ENSEMBLE(STEP()) }),
    r(GOOD_ENSEMBLE),
    { file: "e/config.pbtxt", line: 6, column: 23 },
  ],
  [
    "MC-84",
    r({ ...STEP_A(), ...ENSEMBLE(STEP("a", "")) }),
    r({ ...STEP_A(), ...ENSEMBLE(STEP("a", "1")) }),
    { file: "e/config.pbtxt", line: 6, column: 23 },
  ],
  [
    "MC-85",
    r({ ...STEP_A(), ...ENSEMBLE(STEP(), "", 16) }),
    r({ ...STEP_A(), ...ENSEMBLE(STEP(), "", 4) }),
    { file: "e/config.pbtxt", line: 6, column: 23 },
  ],
  [
    "MC-86",
    r({ ...STEP_A(), ...ENSEMBLE(STEP("a", "-1", "NOPE")) }),
    r(GOOD_ENSEMBLE),
    { file: "e/config.pbtxt", line: 6, column: 66 },
  ],
  [
    "MC-87",
    r({ ...STEP_A(`input [{ name: "X2" data_type: TYPE_FP32 dims: [4] }]`), ...ENSEMBLE(STEP()) }),
    r({ ...STEP_A(`input [{ name: "X2" data_type: TYPE_FP32 dims: [4] optional: true }]`), ...ENSEMBLE(STEP()) }),
    { file: "e/config.pbtxt", line: 6, column: 23 },
  ],
  [
    "MC-88",
    r({ ...STEP_A(), ...ENSEMBLE(STEP("a", "-1", "X", "NOPE")) }),
    r(GOOD_ENSEMBLE),
    { file: "e/config.pbtxt", line: 6, column: 101 },
  ],
  [
    "MC-89",
    r({ ...STEP_A("", "TYPE_INT32"), ...ENSEMBLE(STEP()) }),
    r(GOOD_ENSEMBLE),
    { file: "e/config.pbtxt", line: 6, column: 66 },
  ],
  [
    "MC-90",
    r({ ...STEP_A("", "TYPE_FP32", "[5]"), ...ENSEMBLE(STEP()) }),
    r({ ...STEP_A("", "TYPE_FP32", "[-1]"), ...ENSEMBLE(STEP()) }),
    { file: "e/config.pbtxt", line: 6, column: 66 },
  ],
  [
    "MC-91",
    r({
      ...STEP_A("model_transaction_policy { decoupled: true }"),
      "b/config.pbtxt": `name: "b"\nbackend: "identity"\nmax_batch_size: 8\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]\nmodel_transaction_policy { decoupled: true }`,
      "b/1/": null,
      "c/config.pbtxt": `name: "c"\nbackend: "identity"\nmax_batch_size: 8\ninput [{ name: "X1" data_type: TYPE_FP32 dims: [4] }, { name: "X2" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]`,
      "c/1/": null,
      ...ENSEMBLE(
        `{ model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "T1" } }, { model_name: "b" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "T2" } }, { model_name: "c" model_version: -1 input_map [{ key: "X1" value: "T1" }, { key: "X2" value: "T2" }] output_map { key: "Y" value: "OUT" } }`,
      ),
    }),
    r({ ...STEP_A("model_transaction_policy { decoupled: true }"), ...ENSEMBLE(STEP()) }),
    { file: "e/config.pbtxt", line: 6, column: 1 },
  ],
  [
    "PY-1",
    r(pythonModel("m", "", "class TritonPythonModel:\n    def initialize(self, args):\n        pass\n")),
    r(pythonModel("m")),
    { file: "m/1/model.py", line: 1, column: 1 },
  ],
  [
    "PY-2",
    r(
      pythonModel(
        "m",
        "",
        `${PLAIN_MODEL_PY}\n    def auto_complete_config(auto_complete_model_config):\n        return auto_complete_model_config\n`,
      ),
    ),
    r(
      pythonModel(
        "m",
        "",
        `${PLAIN_MODEL_PY}\n    @staticmethod\n    def auto_complete_config(auto_complete_model_config):\n        return auto_complete_model_config\n`,
      ),
    ),
    { file: "m/1/model.py", line: 11, column: 5 },
  ],
  [
    "PY-6",
    r(pythonModel("m", "model_transaction_policy { decoupled: true }", PLAIN_MODEL_PY)),
    r(
      pythonModel(
        "m",
        "model_transaction_policy { decoupled: true }",
        PLAIN_MODEL_PY.replace(
          "return [pb_utils.InferenceResponse([]) for _ in requests]",
          "for r in requests:\n            r.get_response_sender().send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)\n        return None",
        ),
      ),
    ),
    { file: "m/1/model.py", line: 9, column: 9 },
  ],
  [
    "PY-3",
    r(
      pythonModel(
        "m",
        "",
        `${PLAIN_MODEL_PY}\n    @staticmethod\n    def auto_complete_config(config):\n        config.add_input({"name": "IN", "data_type": "TYPE_INT32", "dims": [4]})\n        return config\n`,
      ),
    ),
    r(
      pythonModel(
        "m",
        "",
        `${PLAIN_MODEL_PY}\n    @staticmethod\n    def auto_complete_config(config):\n        config.add_input({"name": "IN", "data_type": "TYPE_FP32", "dims": [4]})\n        return config\n`,
      ),
    ),
    { file: "m/1/model.py", line: 13, column: 9 },
  ],
  [
    "TR-1",
    r(pythonModel("m", "dynamic_batching {}", STATEFUL_PY)),
    r(
      pythonModel(
        "m",
        `sequence_batching { control_input [{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_UINT64 }] }] }`,
        STATEFUL_PY,
      ),
    ),
    { file: "m/1/model.py" },
  ],
  [
    "TR-5",
    r(
      pythonModel(
        "m",
        "instance_group [{ kind: KIND_GPU }]",
        PLAIN_MODEL_PY.replace('args["model_instance_device_id"]', '"cuda"'),
      ),
      { gpus: [0, 1] },
    ),
    r(pythonModel("m", "instance_group [{ kind: KIND_GPU }]"), { gpus: [0] }),
    { file: "m/config.pbtxt", line: 6, column: 19 },
  ],
  [
    "TR-8",
    r(
      pythonModel(
        "m",
        "",
        PLAIN_MODEL_PY.replace(
          "return [pb_utils.InferenceResponse([]) for _ in requests]",
          'return [pb_utils.InferenceResponse([pb_utils.Tensor("RENAMED", pb_utils.get_input_tensor_by_name(r, "IN").as_numpy())]) for r in requests]',
        ),
      ),
    ),
    r(
      pythonModel(
        "m",
        "",
        PLAIN_MODEL_PY.replace(
          "return [pb_utils.InferenceResponse([]) for _ in requests]",
          'return [pb_utils.InferenceResponse([pb_utils.Tensor("OUT", pb_utils.get_input_tensor_by_name(r, "IN").as_numpy())]) for r in requests]',
        ),
      ),
    ),
    { file: "m/1/model.py", line: 9, column: 61 },
  ],
  [
    "TR-6",
    r({ "m/config.pbtxt/": null, "m/1/model.py": PLAIN_MODEL_PY }),
    r(pythonModel("m")),
    { file: "m/config.pbtxt" },
  ],
  [
    "TR-7",
    r({ "m/config.pbtxt": `# ${"x".repeat(65 * 1024 * 1024)}\n`, "m/1/model.py": PLAIN_MODEL_PY }),
    r(pythonModel("m")),
    { file: "m/config.pbtxt" },
  ],
];

/** The same tree with its model directory renamed. */
function renameModel(tree: TreeSpec, to: string): TreeSpec {
  const out: TreeSpec = {};
  for (const [path, content] of Object.entries(tree)) {
    const [first, ...rest] = path.split("/");
    out[[first === "m" ? to : (first as string), ...rest].join("/")] =
      typeof content === "string" ? content.replace('name: "m"', `name: "${to}"`) : content;
  }
  return out;
}
