"""Runs model.py (and so backend_cases.py) under the triton_python_backend_utils double, as Triton would.

    python3 run_double.py < job.json

job.json: {"config": the model config as Triton hands it to initialize, "requests": [{"inputs":
{name: [values, numpy dtype]}, "request_id": str}]}. The model writes its records where its
"record" parameter says, as it does inside Triton.
"""

import importlib.util
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "doubles"))
sys.path.insert(0, HERE)  # the version folder: model.py imports backend_cases beside it
import triton_python_backend_utils as pb_utils  # noqa: E402


def main():
    job = json.load(sys.stdin)
    config = job["config"]
    spec = importlib.util.spec_from_file_location("parity_model", os.path.join(HERE, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.TritonPythonModel()
    model.initialize({
        "model_config": json.dumps(config),
        "model_instance_kind": "CPU",
        "model_instance_device_id": "0",
        "model_repository": "",
        "model_version": "1",
        "model_name": config["name"],
    })
    decoupled = pb_utils.using_decoupled_model_transaction_policy(config)
    for request in job["requests"]:
        tensors = [pb_utils.Tensor(name, np.array(values, dtype=dtype))
                   for name, (values, dtype) in request["inputs"].items()]
        outputs = [t["name"] for t in config["output"]]
        model.execute([pb_utils._triton_request(tensors, outputs, request_id=request["request_id"],
                                                decoupled=decoupled)])


if __name__ == "__main__":
    main()
