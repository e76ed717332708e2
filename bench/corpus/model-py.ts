import { DATA_TYPES, type TensorSpec } from "./tensors.js";

/**
 * The model.py beside each generated Python config: a real TritonPythonModel
 * (PY-1) that reads its inputs and answers every request, uses its device id
 * when it runs on a GPU, and keeps per-sequence state only under sequence
 * batching, keyed by correlation id, so the validator's run-time warnings
 * have nothing to say about it.
 */
export type PythonModelFlavour = "batched" | "decoupled" | "sequence";

function pythonList(names: readonly string[]): string {
  return `[${names.map((name) => JSON.stringify(name)).join(", ")}]`;
}

export function modelPy(
  flavour: PythonModelFlavour,
  inputs: readonly TensorSpec[],
  outputs: readonly TensorSpec[],
): string {
  const outputTypes = outputs
    .map((output) => `${JSON.stringify(output.name)}: ${DATA_TYPES[output.dataType].numpy}`)
    .join(", ");
  const respond =
    flavour === "decoupled"
      ? [
          "        for request in requests:",
          "            sender = request.get_response_sender()",
          "            outputs = self._compute(request)",
          "            sender.send(pb_utils.InferenceResponse(output_tensors=outputs))",
          "            sender.send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)",
          "        return None",
        ]
      : [
          "        responses = []",
          "        for request in requests:",
          "            responses.append(pb_utils.InferenceResponse(output_tensors=self._compute(request)))",
          "        return responses",
        ];
  const sequenceState =
    flavour === "sequence"
      ? [
          "        # One running total per sequence: the sequence batcher routes every",
          "        # request of a sequence to this instance, with its correlation id.",
          "        corrid = request.correlation_id()",
          "        step = self._steps.get(corrid, 0) + 1",
          "        self._steps[corrid] = step",
        ]
      : ["        step = 1"];
  return [
    "import json",
    "",
    "import numpy as np",
    "import triton_python_backend_utils as pb_utils",
    "",
    `INPUTS = ${pythonList(inputs.map((input) => input.name))}`,
    `OUTPUT_TYPES = {${outputTypes}}`,
    "",
    "",
    "class TritonPythonModel:",
    "    def initialize(self, args):",
    '        self.model_config = json.loads(args["model_config"])',
    '        self.device = args["model_instance_kind"].lower()',
    '        self.device_id = int(args["model_instance_device_id"])',
    "        self._steps = {}",
    "",
    "    def _compute(self, request):",
    "        values = []",
    "        for name in INPUTS:",
    "            tensor = pb_utils.get_input_tensor_by_name(request, name)",
    "            if tensor is not None:",
    "                values.append(tensor.as_numpy())",
    ...sequenceState,
    "        outputs = []",
    "        for index, (name, dtype) in enumerate(OUTPUT_TYPES.items()):",
    "            source = values[index % len(values)] if values else np.zeros(1)",
    "            if dtype is np.object_:",
    "                data = np.array([str(step).encode()] * max(1, source.size), dtype=np.object_)",
    "            else:",
    "                data = (source.astype(np.float64) * step).astype(dtype)",
    "            outputs.append(pb_utils.Tensor(name, data))",
    "        return outputs",
    "",
    "    def execute(self, requests):",
    ...respond,
    "",
    "    def finalize(self):",
    "        self._steps.clear()",
    "",
  ].join("\n");
}
