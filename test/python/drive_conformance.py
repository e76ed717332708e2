"""Runs one of Triton's own model.py files (shared/conformance/python) under the double.

    python3 drive_conformance.py SCENARIO MODEL_PY < config.json

It shows the double is faithful enough for real models: they load, execute and answer
under it exactly as the Triton documentation says they do. SCENARIO: add_sub, optional,
square (decoupled, threads), auto_complete. Prints a JSON report.
"""

import importlib.util
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "doubles"))
import triton_python_backend_utils as pb_utils  # noqa: E402


def load(path):
    spec = importlib.util.spec_from_file_location("conformance_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def initialize(module, config):
    model = module.TritonPythonModel()
    if hasattr(model, "initialize"):
        model.initialize({
            "model_config": json.dumps(config),
            "model_instance_kind": "CPU",
            "model_instance_device_id": "0",
            "model_repository": "/models/" + config["name"],
            "model_version": "1",
            "model_name": config["name"],
        })
    return model


def request(inputs, outputs, decoupled=False):
    """A request as Triton hands it to execute()."""
    return pb_utils._triton_request(inputs, outputs, decoupled=decoupled)


def outputs(response):
    return {
        "error": response.error().message() if response.has_error() else None,
        "outputs": {t.name(): t.as_numpy().tolist() for t in response.output_tensors()},
    }


def add_sub(module, config):
    model = initialize(module, config)
    a = np.array([1, 2, 3, 4], dtype=np.float32)
    b = np.array([4, 3, 2, 1], dtype=np.float32)
    both = request([pb_utils.Tensor("INPUT0", a), pb_utils.Tensor("INPUT1", b)], ["OUTPUT0", "OUTPUT1"])
    responses = model.execute([both, both])
    model.finalize()
    return [outputs(r) for r in responses]


def optional(module, config):
    model = initialize(module, config)
    one = pb_utils.Tensor("INPUT0", np.array([1], dtype=np.int32))
    names = ["OUTPUT0", "OUTPUT1"]
    responses = model.execute([request([one], names), request([], names)])
    return [outputs(r) for r in responses]


def square(module, config):
    model = initialize(module, config)
    requests = [request([pb_utils.Tensor("IN", np.array([n], dtype=np.int32))], ["OUT"], True) for n in (3, 0)]
    returned = model.execute(requests)
    model.finalize()  # waits for the response threads
    deadline = time.time() + 10
    while any(r._sender is None or not r._sender._closed for r in requests) and time.time() < deadline:
        time.sleep(0.01)
    return {
        "returned": None if returned is None else type(returned).__name__,
        "requests": [
            [{"flags": flags, "response": None if resp is None else outputs(resp)} for resp, flags in r._sender._sent]
            for r in requests
        ],
    }


def auto_complete(module, config):
    # As Triton normalises a config before auto-complete: name, max_batch_size, input and output are there.
    empty = {"name": "m", "max_batch_size": 0, "input": [], "output": []}
    completed = module.TritonPythonModel.auto_complete_config(pb_utils.ModelConfig(json.dumps(empty)))
    return completed.as_dict()


def main():
    # Models print (add_sub says "Cleaning up..."): keep stdout for the report alone.
    report_stream, sys.stdout = sys.stdout, sys.stderr
    scenario, path = sys.argv[1], sys.argv[2]
    config = json.load(sys.stdin)
    result = {"add_sub": add_sub, "optional": optional, "square": square, "auto_complete": auto_complete}[scenario](
        load(path), config
    )
    json.dump(result, report_stream)


if __name__ == "__main__":
    main()
