import type { RuleId } from "./codes.js";
import type { RuleBoundaryPair, RuleExamplePair } from "./rule-example.js";

/** The model.py of most examples: a Python model that reads its device (docs/rules.md prints it in full). */
const MODEL_PY = `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`;

/**
 * One failing and one passing model repository per rule that needs the
 * folder layout, a model.py or other models (the config-only rules are in
 * rule-examples.ts). A repository is a flat map: `"m/config.pbtxt": "text"` is
 * a file, `"m/1/": null` a directory. test/validate/rule-docs.test.ts writes
 * each to a temporary folder and runs validateRepository over it, so
 * docs/rules.md cannot show an example the validator disagrees with. Warmup
 * data files hold printable bytes (16 of them are four FP32 values), so the
 * doc can show them.
 */
export const REPOSITORY_EXAMPLES: Readonly<Partial<Record<RuleId, RuleExamplePair>>> = {
  "RL-1": {
    failing: {
      at: { file: ".ipynb_checkpoints" },
      wording: "will be loaded as a model",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
        ".ipynb_checkpoints/": null,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
        "README.md": `not a model`,
      },
    },
  },
  "RL-3": {
    failing: {
      at: { file: "my model" },
      wording: "'my model'",
      files: {
        "my model/config.pbtxt": `name: "my model"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "my model/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "my_model/config.pbtxt": `name: "my_model"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "my_model/1/model.py": MODEL_PY,
      },
    },
  },
  "RL-6": {
    failing: {
      at: { file: "m/config.pbtxt" },
      wording: "failed to open text file for read",
      files: {
        "m/1/model.py": MODEL_PY,
      },
      options: { autoComplete: false },
    },
    passing: {
      files: {
        "m/1/model.py": MODEL_PY,
      },
    },
  },
  "RL-8": {
    failing: {
      at: { file: "m/1abc" },
      wording: "'1abc'",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
        "m/1abc/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
        "m/2/model.py": MODEL_PY,
      },
    },
  },
  "RL-9": {
    failing: {
      at: { file: "m" },
      wording: "at least one version must be available under the version policy of model 'm'",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
      },
    },
  },
  "RL-12": {
    failing: {
      at: { file: "m/1" },
      wording: "'1/model.onnx'",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "onnxruntime"`,
        "m/1/": null,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "onnxruntime"`,
        "m/1/model.onnx": ``,
      },
    },
  },
  "RL-13": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 52 },
      wording: "failed to open text file for read",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "L" data_type: TYPE_FP32 dims: [4] label_filename: "labels.txt" }]`,
        "m/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "L" data_type: TYPE_FP32 dims: [4] label_filename: "labels.txt" }]`,
        "m/1/model.py": MODEL_PY,
        "m/labels.txt": `cat
dog
`,
      },
    },
  },
  "RL-15": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 1 },
      wording: "'my.model.py'",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
default_model_filename: "my.model.py"`,
        "m/1/model.py": MODEL_PY,
        "m/1/my.model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
default_model_filename: "my_model.py"`,
        "m/1/model.py": MODEL_PY,
        "m/1/my_model.py": MODEL_PY,
      },
    },
  },
  "RL-18": {
    failing: {
      at: { file: "m/config.pbtxt", line: 2, column: 1 },
      wording:
        "unable to find backend library for backend 'nosuch', try specifying runtime on the model configuration.",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "nosuch"`,
        "m/1/": null,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "nosuch"`,
        "m/1/": null,
        "m/libtriton_nosuch.so": ``,
      },
    },
  },
  "RL-20": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 1 },
      wording: "'checksum'",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_repository_agents { agents [{ name: "checksum" }] }`,
        "m/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
      },
    },
  },
  "RL-14": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 99 },
      wording: "failed to open text file for read",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]
`,
        "m/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]
`,
        "m/1/model.py": MODEL_PY,
        "m/warmup/in.bin": `0123456789abcdef`,
      },
    },
  },
  "MC-95": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 99 },
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]
`,
        "m/1/model.py": MODEL_PY,
        "m/warmup/in.bin": `01234567`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]
`,
        "m/1/model.py": MODEL_PY,
        "m/warmup/in.bin": `0123456789abcdef`,
      },
    },
  },
  "MC-81": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 1 },
      wording: "ensemble e contains models that are not available or ambiguous: a",
      files: {
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-82": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 1 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "e" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-84": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 23 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a"  input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: 1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-85": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 23 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 16
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 4
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-86": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 66 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "NOPE" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-87": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 23 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "X2" data_type: TYPE_FP32 dims: [4] }]`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
input [{ name: "X2" data_type: TYPE_FP32 dims: [4] optional: true }]`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-88": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 101 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "NOPE" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-89": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 66 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_INT32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-90": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 66 },
      wording:
        "in ensemble e, ensemble tensor IN: inconsistent shape: [-1,4] is inferred from model e while [-1,5] is inferred from model a",
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [5] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [-1] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "MC-91": {
    failing: {
      at: { file: "e/config.pbtxt", line: 6, column: 1 },
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }`,
        "a/1/": null,
        "b/config.pbtxt": `name: "b"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }`,
        "b/1/": null,
        "c/config.pbtxt": `name: "c"
backend: "identity"
max_batch_size: 8
input [{ name: "X1" data_type: TYPE_FP32 dims: [4] }, { name: "X2" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]`,
        "c/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "T1" } }, { model_name: "b" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "T2" } }, { model_name: "c" model_version: -1 input_map [{ key: "X1" value: "T1" }, { key: "X2" value: "T2" }] output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
    passing: {
      files: {
        "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: 8
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }`,
        "a/1/": null,
        "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
        "e/1/": null,
      },
    },
  },
  "PY-1": {
    failing: {
      at: { file: "m/1/model.py", line: 1, column: 1 },
      wording: "Python model m/1/model.py does not implement `execute` method.",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `class TritonPythonModel:
    def initialize(self, args):
        pass
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
      },
    },
  },
  "PY-2": {
    failing: {
      at: { file: "m/1/model.py", line: 11, column: 5 },
      wording: "@staticmethod",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]

    def auto_complete_config(auto_complete_model_config):
        return auto_complete_model_config
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]

    @staticmethod
    def auto_complete_config(auto_complete_model_config):
        return auto_complete_model_config
`,
      },
    },
  },
  "PY-6": {
    failing: {
      at: { file: "m/1/model.py", line: 9, column: 9 },
      wording: "Python model 'm' is using the decoupled mode and the execute function must return None.",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }`,
        "m/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
model_transaction_policy { decoupled: true }`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        for r in requests:
            r.get_response_sender().send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)
        return None
`,
      },
    },
  },
  "PY-3": {
    failing: {
      at: { file: "m/1/model.py", line: 13, column: 9 },
      wording:
        "unable to load model 'm', configuration expects datatype TYPE_FP32 for input 'IN', model provides TYPE_INT32",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]

    @staticmethod
    def auto_complete_config(config):
        config.add_input({"name": "IN", "data_type": "TYPE_INT32", "dims": [4]})
        return config
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]

    @staticmethod
    def auto_complete_config(config):
        config.add_input({"name": "IN", "data_type": "TYPE_FP32", "dims": [4]})
        return config
`,
      },
    },
  },
  "TR-1": {
    failing: {
      at: { file: "m/1/model.py" },
      wording: "per-sequence state",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
dynamic_batching {}`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]
        self.sessions = {}

    def execute(self, requests):
        for request in requests:
            self.sessions[request.correlation_id()] = 1
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
sequence_batching { control_input [{ name: "C" control [{ kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_UINT64 }] }] }`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]
        self.sessions = {}

    def execute(self, requests):
        for request in requests:
            self.sessions[request.correlation_id()] = 1
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
    },
  },
  "TR-5": {
    failing: {
      at: { file: "m/config.pbtxt", line: 6, column: 19 },
      wording: "model_instance_device_id",
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_GPU }]`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = "cuda"

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
      options: { gpus: [0, 1] },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
instance_group [{ kind: KIND_GPU }]`,
        "m/1/model.py": MODEL_PY,
      },
      options: { gpus: [0] },
    },
  },
  "TR-8": {
    failing: {
      at: { file: "m/1/model.py", line: 9, column: 61 },
      wording: '"RENAMED"',
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([pb_utils.Tensor("RENAMED", pb_utils.get_input_tensor_by_name(r, "IN").as_numpy())]) for r in requests]
`,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([pb_utils.Tensor("OUT", pb_utils.get_input_tensor_by_name(r, "IN").as_numpy())]) for r in requests]
`,
      },
    },
  },
  "TR-6": {
    failing: {
      at: { file: "m/config.pbtxt" },
      wording: "Not a regular file",
      files: {
        "m/config.pbtxt/": null,
        "m/1/model.py": MODEL_PY,
      },
    },
    passing: {
      files: {
        "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
`,
        "m/1/model.py": MODEL_PY,
      },
    },
  },
};

/** Python model `m` with `policy` on line 6 of its config and a model.py in each of the version folders `dirs`. */
function versioned(policy: string, dirs: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {
    "m/config.pbtxt": `name: "m"
backend: "python"
max_batch_size: 8
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
${policy}
`,
  };
  for (const dir of dirs) files[`m/${dir}/model.py`] = MODEL_PY;
  return files;
}

/** Ensemble `e` (max_batch_size `ensemble`) over one step, model `a` (max_batch_size `step`); the step is on line 6. */
function stepEnsemble(ensemble: number, step: number): Record<string, string | null> {
  return {
    "a/config.pbtxt": `name: "a"
backend: "identity"
max_batch_size: ${step}
input [{ name: "X" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]
`,
    "a/1/": null,
    "e/config.pbtxt": `name: "e"
platform: "ensemble"
max_batch_size: ${ensemble}
input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]
ensemble_scheduling { step [ { model_name: "a" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } } ] }
`,
    "e/1/": null,
  };
}

/**
 * Boundary pairs of the repository rules: each version policy (`latest`,
 * `all`, `specific`) against version folders that are missing, non-numeric
 * (`abc/`, `2.0/`), zero-led (`01/`), negative (`-1/`) or `0/`, and the
 * ensemble's max_batch_size at its step's and one above. A finding about a
 * folder names the folder and has no line.
 */
export const REPOSITORY_BOUNDARIES: Readonly<Partial<Record<RuleId, readonly RuleBoundaryPair[]>>> = {
  "RL-12": [
    {
      label: "an empty version folder 1/ of a Python model refused, 1/model.py allowed",
      failing: {
        at: { file: "m/1" },
        wording: "Python model file not found in",
        files: { ...versioned("", []), "m/1/": null },
      },
      passing: { files: versioned("", ["1"]) },
    },
  ],
  "RL-9": [
    {
      label: "latest { num_versions: 1 }: no version folder refused, 1/ allowed",
      failing: {
        at: { file: "m" },
        wording: "at least one version must be available under the version policy of model 'm'",
        files: versioned("version_policy { latest { num_versions: 1 } }", []),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 1 } }", ["1"]) },
    },
    {
      label: "all {}: only a non-numeric abc/ refused (ignored by Triton), 1/ allowed",
      failing: {
        at: { file: "m" },
        wording: "at least one version must be available under the version policy of model 'm'",
        alsoReports: ["RL-8"],
        files: versioned("version_policy { all {} }", ["abc"]),
      },
      passing: { files: versioned("version_policy { all {} }", ["1"]) },
    },
    {
      label: "latest: only 01/ refused (leading zero, ignored), 0/ allowed",
      failing: {
        at: { file: "m" },
        wording: "at least one version must be available under the version policy of model 'm'",
        alsoReports: ["RL-8"],
        files: versioned("version_policy { latest { num_versions: 1 } }", ["01"]),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 1 } }", ["0"]) },
    },
    {
      label: "specific [2] with only 1/ refused, specific [1] allowed",
      failing: {
        at: { file: "m/config.pbtxt", line: 6, column: 1 },
        wording: "at least one version must be available under the version policy of model 'm'",
        files: versioned("version_policy { specific { versions: [2] } }", ["1"]),
      },
      passing: { files: versioned("version_policy { specific { versions: [1] } }", ["1"]) },
    },
    {
      label: "specific [1] with only a non-numeric abc/ refused, with 1/ allowed",
      failing: {
        at: { file: "m" },
        wording: "at least one version must be available under the version policy of model 'm'",
        alsoReports: ["RL-8"],
        files: versioned("version_policy { specific { versions: [1] } }", ["abc"]),
      },
      passing: { files: versioned("version_policy { specific { versions: [1] } }", ["1"]) },
    },
  ],
  "RL-8": [
    {
      label: "-1/ refused (a negative version), 0/ allowed",
      failing: {
        at: { file: "m/-1" },
        wording: "negative version -1",
        files: versioned("version_policy { latest { num_versions: 2 } }", ["-1"]),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 2 } }", ["0"]) },
    },
    {
      label: "2.0/ refused (read as version 2), 2/ allowed",
      failing: {
        at: { file: "m/2.0" },
        wording: "is read by Triton as version 2",
        alsoReports: ["RL-12"],
        files: versioned("version_policy { latest { num_versions: 2 } }", ["2.0"]),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 2 } }", ["2"]) },
    },
    {
      label: "01/ beside 1/ reported as ignored, 1/ alone not",
      failing: {
        at: { file: "m/01" },
        wording: "ignore version directory '01' which contains leading zeros in its directory name",
        files: versioned("version_policy { latest { num_versions: 2 } }", ["1", "01"]),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 2 } }", ["1"]) },
    },
    {
      label: "abc/ beside 1/ reported as ignored, 1/ alone not",
      failing: {
        at: { file: "m/abc" },
        wording: "ignore version directory 'abc' which fails to convert to integral number",
        files: versioned("version_policy { latest { num_versions: 2 } }", ["1", "abc"]),
      },
      passing: { files: versioned("version_policy { latest { num_versions: 2 } }", ["1"]) },
    },
  ],
  "MC-85": [
    {
      label: "ensemble max_batch_size 9 over the step's 8 refused, 8 allowed",
      failing: { at: { file: "e/config.pbtxt", line: 6, column: 23 }, files: stepEnsemble(9, 8) },
      passing: { files: stepEnsemble(8, 8) },
    },
    {
      label: "ensemble max_batch_size 2 over the step's 1 refused, 1 allowed",
      failing: { at: { file: "e/config.pbtxt", line: 6, column: 23 }, files: stepEnsemble(2, 1) },
      passing: { files: stepEnsemble(1, 1) },
    },
  ],
};
