"""The model behind the client parity cases: y = x + 1, twice and then the final flag when decoupled.

An x that starts with -1 gets an error response instead (with the final flag when decoupled)."""

import json

import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.decoupled = pb_utils.using_decoupled_model_transaction_policy(json.loads(args["model_config"]))

    def execute(self, requests):
        responses = []
        for request in requests:
            y = pb_utils.get_input_tensor_by_name(request, "x").as_numpy() + 1
            response = pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor("y", y)])
            if y.reshape(-1)[0] == 0:
                error = pb_utils.InferenceResponse(error=pb_utils.TritonError("x starts with -1"))
                if not self.decoupled:
                    responses.append(error)
                    continue
                request.get_response_sender().send(error, flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)
            elif self.decoupled:
                sender = request.get_response_sender()
                sender.send(response)
                sender.send(response)
                sender.send(flags=pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)
            else:
                responses.append(response)
        return None if self.decoupled else responses
