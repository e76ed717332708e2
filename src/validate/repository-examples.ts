import type { RuleId } from "./codes.js";
import type { RuleExamplePair } from "./rule-example.js";

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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "my model/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "my_model/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
    },
  },
  "RL-6": {
    failing: {
      at: { file: "m/config.pbtxt" },
      wording: "failed to open text file for read",
      files: {
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
      options: { autoComplete: false },
    },
    passing: {
      files: {
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
        "m/1abc/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
        "m/2/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
output [{ name: "L" data_type: TYPE_FP32 dims: [4] label_filename: "labels.txt" }]`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
        "m/1/my.model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
default_model_filename: "my_model.py"`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
        "m/1/my_model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
model_warmup [{ name: "w" batch_size: 1 inputs { key: "IN" value { data_type: TYPE_FP32 dims: [4] input_data_file: "in.bin" } } }]
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
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
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
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
`,
        "m/1/model.py": `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`,
      },
    },
  },
};
