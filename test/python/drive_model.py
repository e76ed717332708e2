"""Runs a generated model.py under the triton_python_backend_utils double and reports what it did.

    python3 drive_model.py SCENARIO MODEL_PY < config.json

config.json is the model config as Triton hands it to initialize (proto field names, numbers).
SCENARIO is basic, stateful, decoupled or auto_complete. The report (JSON on stdout) lists what
came back; the vitest suite compares it with the spec, so every expectation lives there.
"""

import importlib.util
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "doubles"))
import triton_python_backend_utils as pb_utils  # noqa: E402


def load_module(path):
    # As Triton's stub does: the version folder is on sys.path, so model.py imports gen_repo_spec beside it.
    sys.path.append(os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("generated_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def example_array(tensor, batch, max_batch_size, fill):
    """An input array of the configured type and shape; -1 dims become 2, numbers are `fill`."""
    shape = ([batch] if max_batch_size > 0 else []) + [2 if d == -1 else d for d in tensor["dims"]]
    data_type = tensor["data_type"]
    if data_type == "TYPE_STRING":
        return np.full(shape, "é{}".format(fill).encode("utf-8"), dtype=np.object_)
    if data_type == "TYPE_BOOL":
        return np.full(shape, bool(fill % 2), dtype=bool)
    return np.full(shape, fill, dtype=pb_utils.triton_string_to_numpy(data_type))


def triton_request(config, inputs, correlation_id=0):
    """A request as Triton hands it to execute(): every configured output requested."""
    return pb_utils._triton_request(
        inputs,
        [t["name"] for t in config["output"]],
        correlation_id=correlation_id,
        decoupled=bool(config.get("model_transaction_policy", {}).get("decoupled", False)),
    )


def type_name(array):
    """The config's TYPE_ name of an array's dtype (pb_utils.numpy_to_triton_type answers numbers)."""
    for name, numpy_type in pb_utils.TRITON_STRING_TO_NUMPY.items():
        if np.dtype(numpy_type) == array.dtype:
            return name
    return str(array.dtype)


def make_inputs(config, batch, fill, skip=()):
    return [
        pb_utils.Tensor(t["name"], example_array(t, batch, config.get("max_batch_size", 0), fill))
        for t in config["input"]
        if t["name"] not in skip and not t.get("optional", False)
    ]


def describe(response):
    if response is None:
        return None
    if not isinstance(response, pb_utils.InferenceResponse):
        return {"type": type(response).__name__}
    return {
        "error": response.error().message() if response.has_error() else None,
        "outputs": [
            {
                "name": t.name(),
                "data_type": type_name(t.as_numpy()),
                "shape": list(t.as_numpy().shape),
                "first": first_value(t.as_numpy()),
            }
            for t in response.output_tensors()
        ],
    }


def first_value(array):
    if array.size == 0:
        return None
    value = array.reshape(-1)[0]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value.item() if isinstance(value, np.generic) else value


def new_model(module, config):
    model = module.TritonPythonModel()
    model.initialize(
        {
            "model_config": json.dumps(config),
            "model_instance_kind": "GPU",
            "model_instance_device_id": "0",
            "model_repository": "/models/" + config["name"],
            "model_version": "1",
            "model_name": config["name"],
        }
    )
    return model


def batches(config):
    """Batch sizes to try: several when the model batches, within max_batch_size."""
    mbs = config.get("max_batch_size", 0)
    return [1, min(2, mbs), mbs] if mbs > 0 else [1, 1, 1]


def scenario_basic(module, config):
    model = new_model(module, config)
    # Which batch sizes predict saw, call by call.
    predict_batches = []
    placeholder = model.predict

    def predict(inputs):
        predict_batches.append(int(next(iter(inputs.values())).shape[0]) if config.get("max_batch_size", 0) > 0 else 0)
        return placeholder(inputs)

    model.predict = predict
    sizes = batches(config)
    first_input = config["input"][0]["name"]
    requests = [triton_request(config, make_inputs(config, b, 1)) for b in sizes]
    # A request missing its first input must fail alone, with its own error response.
    requests.insert(1, triton_request(config, make_inputs(config, 1, 1, skip={first_input})))
    responses = model.execute(requests)
    model.finalize()
    return {
        "requests": len(requests),
        "batch_sizes": [sizes[0], 1] + sizes[1:],
        "predict_batches": predict_batches,
        "responses": [describe(r) for r in responses] if isinstance(responses, list) else {"type": type(responses).__name__},
    }


def controls(config):
    names = {}
    for control_input in config.get("sequence_batching", {}).get("control_input", []):
        for control in control_input["control"]:
            names[control["kind"]] = (control_input["name"], control.get("data_type"))
    return names


def control_tensors(config, start, end, ready, corrid):
    names = controls(config)
    batched = config.get("max_batch_size", 0) > 0
    shape = [1, 1] if batched else [1]
    tensors = []
    for kind, value in (
        ("CONTROL_SEQUENCE_START", start),
        ("CONTROL_SEQUENCE_END", end),
        ("CONTROL_SEQUENCE_READY", ready),
    ):
        tensors.append(pb_utils.Tensor(names[kind][0], np.full(shape, int(value), dtype=np.int32)))
    name, data_type = names["CONTROL_SEQUENCE_CORRID"]
    if data_type == "TYPE_STRING":
        tensors.append(pb_utils.Tensor(name, np.full(shape, str(corrid).encode(), dtype=np.object_)))
    else:
        tensors.append(pb_utils.Tensor(name, np.full(shape, corrid, dtype=pb_utils.triton_string_to_numpy(data_type))))
    return tensors


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


def scenario_stateful(module, config):
    """Two interleaved sequences with a predict that numbers its actions; see the test for the expectations."""
    clock = FakeClock()
    module.time = clock
    model = new_model(module, config)
    calls = []
    first_output = config["output"][0]
    dtype = pb_utils.triton_string_to_numpy(first_output["data_type"])

    def predict(inputs):
        # The first element of the first input tells the sequences apart; each call makes 3 actions.
        marker = int(first_value(next(iter(inputs.values()))))
        calls.append(marker)
        base = marker * 100 + len([c for c in calls if c == marker]) * 10
        chunk = {}
        for t in config["output"]:
            dims = [1 if d == -1 else d for d in t["dims"]]
            out_dtype = pb_utils.triton_string_to_numpy(t["data_type"])
            values = [base + step for step in range(3)]
            if t["data_type"] == "TYPE_STRING":
                values = [str(v).encode() for v in values]
            chunk[t["name"]] = np.stack([np.full(dims, v, dtype=out_dtype) for v in values])
        return chunk

    model.predict = predict
    A, B = 7, 9

    def request(marker, corrid, start=False, end=False, ready=True, with_controls=True):
        inputs = make_inputs(config, 1, marker)
        if with_controls:
            inputs += control_tensors(config, start, end, ready, corrid)
        return triton_request(config, inputs, correlation_id=corrid if with_controls else 0)

    steps = [
        ("A start", [request(1, A, start=True)]),
        ("B start", [request(2, B, start=True)]),
        ("A and B in one batch", [request(1, A), request(2, B)]),
        ("A", [request(1, A)]),
        ("A refills", [request(1, A)]),
        ("A restarts", [request(1, A, start=True)]),
        ("B", [request(2, B)]),
        ("dummy slot", [request(3, 0, ready=False)]),
        ("no controls", [request(4, 0, with_controls=False)]),
        ("B ends", [request(2, B, end=True)]),
        ("B again", [request(2, B)]),
    ]
    report = []
    for label, requests in steps:
        responses = model.execute(requests)
        report.append({"label": label, "responses": [describe(r) for r in responses], "sequences": len(model.sequences)})
    # Idle timeout: A is dropped once it has been idle longer than max_sequence_idle_microseconds.
    clock.now += model.idle_seconds + 1
    model.execute([request(2, B)])
    report.append({"label": "after idle", "sequences": sorted(model.sequences)})
    return {"steps": report, "predict_calls": calls, "output_dtype": str(np.dtype(dtype))}


def scenario_decoupled(module, config):
    model = new_model(module, config)
    first_input = config["input"][0]["name"]
    sizes = batches(config)
    requests = [triton_request(config, make_inputs(config, b, 1)) for b in sizes]
    requests.append(triton_request(config, make_inputs(config, 1, 1, skip={first_input})))
    returned = model.execute(requests)
    report = []
    for request in requests:
        sender = request._sender
        sent = sender._sent if sender is not None else []
        report.append(
            {
                "sends": [{"response": describe(r), "flags": flags} for r, flags in sent],
                "final_flags": sum(1 for _, flags in sent if flags & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL),
                "final_is_last": bool(sent) and bool(sent[-1][1] & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL),
            }
        )
    return {"returned": None if returned is None else type(returned).__name__, "requests": report, "batch_sizes": sizes + [1]}


def scenario_decoupled_cancel(module, config):
    """A request the client cancels after 2 responses, and one cancelled before execute ran; predict would yield 10."""
    model = new_model(module, config)
    placeholder = model.predict
    produced = []
    closed = []

    def predict(inputs):
        try:
            for outputs in placeholder(inputs):
                for _ in range(10):
                    produced.append(1)
                    yield outputs
                break
        finally:
            closed.append(True)

    model.predict = predict
    streaming, queued = (triton_request(config, make_inputs(config, 1, 1)) for _ in range(2))
    streaming.is_cancelled = lambda: streaming._sender is not None and len(streaming._sender._sent) >= 2
    queued.is_cancelled = lambda: True
    model.execute([streaming, queued])
    report = []
    for request in (streaming, queued):
        sent = request._sender._sent if request._sender is not None else []
        report.append(
            {
                "data": sum(1 for r, _ in sent if r is not None and not r.has_error()),
                "last_error_code": int(sent[-1][0].error().code())
                if sent and sent[-1][0] is not None and sent[-1][0].has_error()
                else None,
                "final_flags": sum(1 for _, flags in sent if flags & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL),
                "final_is_last": bool(sent) and bool(sent[-1][1] & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL),
            }
        )
    return {
        "requests": report,
        "produced": len(produced),
        "closed": len(closed),
        "cancelled_code": int(pb_utils.TritonError.CANCELLED),
    }


def scenario_auto_complete(module, config):
    # What Triton normalises before auto-complete: name, max_batch_size, input and output are always there.
    base = {"name": config["name"], "backend": "python", "max_batch_size": 0, "input": [], "output": []}
    if config.get("model_transaction_policy"):
        base["model_transaction_policy"] = config["model_transaction_policy"]
    completed = module.TritonPythonModel.auto_complete_config(pb_utils.ModelConfig(json.dumps(base)))
    if not isinstance(completed, pb_utils.ModelConfig):
        return {"error": "auto_complete_config must return a pb_utils.ModelConfig"}
    return {"config": completed.as_dict()}


SCENARIOS = {
    "basic": scenario_basic,
    "stateful": scenario_stateful,
    "decoupled": scenario_decoupled,
    "decoupled_cancel": scenario_decoupled_cancel,
    "auto_complete": scenario_auto_complete,
}


def main():
    # Models print (add_sub says "Cleaning up..."): keep stdout for the report alone.
    report_stream, sys.stdout = sys.stdout, sys.stderr
    scenario, model_py = sys.argv[1], sys.argv[2]
    config = json.load(sys.stdin)
    result = SCENARIOS[scenario](load_module(model_py), config)
    json.dump(result, report_stream, ensure_ascii=True)


if __name__ == "__main__":
    main()
