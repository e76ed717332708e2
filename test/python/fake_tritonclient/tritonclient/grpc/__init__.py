"""The part of tritonclient.grpc the generated scripts use, answered in-process (see tritonclient/__init__.py).

It behaves as tritonclient 2.73 against Triton 2.51 does (test/triton/double-parity.test.ts runs the
calls of test/python/parity/client_cases.py against both): InferInput checks dtype and shape as the
real one, the server's refusals carry Triton's texts and gRPC status, and a stream answers on a
thread of its own, after async_stream_infer has returned, calling back with result= and error=.
"""

import importlib.util
import json
import os
import queue
import sys
import threading
import time
import traceback

import numpy as np

from tritonclient.utils import InferenceServerException, np_to_triton_dtype, raise_error

try:
    import triton_python_backend_utils as pb_utils
except ImportError:  # the double is on PYTHONPATH in tests; without it only ensembles and metadata work
    pb_utils = None


def _log(entry):
    path = os.environ.get("FAKE_TRITON_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")


def _configs():
    path = os.environ.get("FAKE_TRITON_CONFIGS")
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class InferInput:
    def __init__(self, name, shape, datatype):
        self._name = name
        self._shape = list(shape)
        self._datatype = datatype
        self._data = None

    def name(self):
        return self._name

    def datatype(self):
        return self._datatype

    def shape(self):
        return self._shape

    def set_data_from_numpy(self, input_tensor):
        if not isinstance(input_tensor, np.ndarray):
            raise_error("input_tensor must be a numpy array")
        dtype = np_to_triton_dtype(input_tensor.dtype)
        if self._datatype != dtype:
            raise_error("got unexpected datatype {} from numpy array, expected {}.".format(dtype, self._datatype))
        # Dimension by dimension over the declared shape, as the real one: an array with fewer
        # dimensions than declared ends in an IndexError, not in the shape message.
        valid = len(self._shape) == len(input_tensor.shape)
        for i in range(len(self._shape)):
            if self._shape[i] != input_tensor.shape[i]:
                valid = False
        if not valid:
            raise_error(
                "got unexpected numpy array shape [{}], expected [{}]".format(
                    str(input_tensor.shape)[1:-1], str(self._shape)[1:-1]
                )
            )
        self._data = input_tensor
        return self


class InferRequestedOutput:
    def __init__(self, name, class_count=0):
        self._name = name

    def name(self):
        return self._name


class _Param:
    def __init__(self, bool_param):
        self.bool_param = bool_param


class _Named:
    def __init__(self, name):
        self.name = name


class _Response:
    """The protobuf response's fields the scripts read. Only streamed responses carry
    triton_final_response (a unary one has no parameters)."""

    def __init__(self, outputs, final):
        self.outputs = [_Named(name) for name in outputs]
        self.parameters = {} if final is None else {"triton_final_response": _Param(final)}


class InferResult:
    def __init__(self, outputs, final=None):
        self._outputs = outputs
        self._final = final

    def as_numpy(self, name):
        return self._outputs.get(name)

    def get_response(self):
        return _Response(self._outputs, self._final)


# TritonError codes to the gRPC status Triton answers with.
_GRPC_STATUS = {
    0: "StatusCode.UNKNOWN",
    1: "StatusCode.INTERNAL",
    2: "StatusCode.NOT_FOUND",
    3: "StatusCode.INVALID_ARGUMENT",
    4: "StatusCode.UNAVAILABLE",
    5: "StatusCode.UNIMPLEMENTED",
    6: "StatusCode.ALREADY_EXISTS",
    7: "StatusCode.CANCELLED",
}


class _ServerError(Exception):
    """A refusal of the server: the message and the gRPC status of a unary call (a stream
    reports the message alone, through the callback)."""

    def __init__(self, message, status):
        super().__init__(message)
        self.text = message
        self.status = status

    def unary(self):
        return InferenceServerException(msg=self.text, status=self.status)

    def streamed(self):
        return InferenceServerException(msg=self.text)


def _request_prefix(request_id):
    return "[request id: {}] ".format(request_id or "<id_unknown>")


_TYPE_NAMES = {
    "BOOL": "TYPE_BOOL",
    "UINT8": "TYPE_UINT8",
    "UINT16": "TYPE_UINT16",
    "UINT32": "TYPE_UINT32",
    "UINT64": "TYPE_UINT64",
    "INT8": "TYPE_INT8",
    "INT16": "TYPE_INT16",
    "INT32": "TYPE_INT32",
    "INT64": "TYPE_INT64",
    "FP16": "TYPE_FP16",
    "FP32": "TYPE_FP32",
    "FP64": "TYPE_FP64",
    "BYTES": "TYPE_STRING",
}


class InferenceServerClient:
    def __init__(self, url, verbose=False, **_options):
        self._url = url
        self._configs = _configs()
        self._models = {}
        self._sequences = set()
        self._stream = None
        # One model instance at a time, as Triton runs an instance's execute (the stream's thread and
        # the caller's may both run models).
        self._lock = threading.RLock()
        _log({"call": "connect", "url": url})

    def is_server_live(self, headers=None, client_timeout=None):
        _log({"call": "is_server_live"})
        return True

    def is_server_ready(self, headers=None, client_timeout=None):
        _log({"call": "is_server_ready"})
        return True

    def is_model_ready(self, model_name, model_version="", headers=None, client_timeout=None):
        _log({"call": "is_model_ready", "model": model_name})
        return self._loads(model_name, ())

    def close(self):
        _log({"call": "close"})
        self._stop()

    def infer(self, model_name, inputs, model_version="", outputs=None, request_id="", sequence_id=0,
              sequence_start=False, sequence_end=False, priority=0, timeout=None, client_timeout=None,
              headers=None, compression_algorithm=None, parameters=None):
        if type(model_version) is not str:
            raise_error("model version must be a string")
        self._log_request("infer", model_name, inputs, sequence_id, sequence_start, sequence_end)
        try:
            config = self._config(model_name)
            if self._decoupled(config, ()):
                # Triton's unary ModelInfer refuses a decoupled model, an ensemble over a decoupled step included.
                raise _ServerError(
                    "ModelInfer RPC doesn't support models with decoupled transaction policy",
                    "StatusCode.UNIMPLEMENTED",
                )
            items = self._run(config, inputs, outputs, sequence_id, sequence_start, sequence_end, request_id)
        except _ServerError as error:
            raise error.unary() from None
        for item in items:
            if item["error"] is not None:
                raise item["error"].unary()
        data = [item for item in items if item["outputs"] is not None]
        if len(data) != 1:
            raise InferenceServerException("the fake expected one response, got {}".format(len(data)))
        return InferResult(data[0]["outputs"])

    def start_stream(self, callback, stream_timeout=None, headers=None, compression_algorithm=None):
        if self._stream is not None:
            raise_error(
                "cannot start another stream with one already running. 'InferenceServerClient' supports only a "
                "single active stream at a given time."
            )
        _log({"call": "start_stream"})
        # As the real client: the responses are handled on a thread of the stream's own, in order, and
        # the callback runs there, never inside async_stream_infer.
        requests = queue.Queue()
        worker = threading.Thread(target=self._serve_stream, args=(requests, callback), daemon=True)
        self._stream = (requests, worker)
        worker.start()

    def stop_stream(self, cancel_requests=False):
        _log({"call": "stop_stream"})
        self._stop()

    def async_stream_infer(self, model_name, inputs, model_version="", outputs=None, request_id="", sequence_id=0,
                           sequence_start=False, sequence_end=False, enable_empty_final_response=False,
                           priority=0, timeout=None, parameters=None):
        if self._stream is None:
            raise_error("stream not available, use start_stream() to make one available.")
        if type(model_version) is not str:
            raise_error("model version must be a string")
        self._log_request("async_stream_infer", model_name, inputs, sequence_id, sequence_start, sequence_end)
        self._stream[0].put(
            (model_name, list(inputs), outputs, request_id, sequence_id, sequence_start, sequence_end,
             enable_empty_final_response)
        )

    # --- internal ---

    def _stop(self):
        """Lets the stream answer what it was sent, then ends it (the real stop_stream waits too)."""
        if self._stream is None:
            return
        requests, worker = self._stream
        self._stream = None
        requests.put(None)
        worker.join(timeout=60)

    def _serve_stream(self, requests, callback):
        while True:
            request = requests.get()
            if request is None:
                return
            model_name, inputs, outputs, request_id, sequence_id, start, end, empty_final = request
            try:
                items = self._run(self._config(model_name), inputs, outputs, sequence_id, start, end, request_id)
            except _ServerError as error:
                callback(result=None, error=error.streamed())
                continue
            for item in items:
                if item["error"] is not None:
                    callback(result=None, error=item["error"].streamed())
                elif item["outputs"] is not None:
                    callback(result=InferResult(item["outputs"], item["final"]), error=None)
                elif item["final"] and empty_final:
                    callback(result=InferResult({}, True), error=None)

    def _log_request(self, call, model_name, inputs, sequence_id, start, end):
        _log({
            "call": call,
            "model": model_name,
            "inputs": [{"name": i.name(), "datatype": i.datatype(), "shape": i.shape()} for i in inputs],
            "sequence_id": sequence_id,
            "sequence_start": bool(start),
            "sequence_end": bool(end),
        })

    def _config(self, model_name):
        if model_name not in self._configs:
            raise _ServerError(
                "Request for unknown model: '{}' is not found".format(model_name), "StatusCode.NOT_FOUND")
        return self._configs[model_name]

    def _check_inputs(self, config, inputs, request_id):
        """Triton's checks of a request's inputs against the config, with its texts."""
        name = config["name"]
        prefix = _request_prefix(request_id)
        invalid = "StatusCode.INVALID_ARGUMENT"
        by_name = {t["name"]: t for t in config["input"]}
        for tensor in inputs:
            if tensor.name() not in by_name:
                raise _ServerError(
                    "unexpected inference input '{}' for model '{}'".format(tensor.name(), name), invalid)
        given = [t.name() for t in inputs]
        # Measured: with an optional input in the config Triton lets a missing required one through.
        if not any(t.get("optional", False) for t in config["input"]) and len(given) != len(by_name):
            missing = [n for n in by_name if n not in given]
            raise _ServerError(
                "{}expected {} inputs but got {} inputs for model '{}'. Got input(s) [{}], but missing required "
                "input(s) [{}]. Please provide all required input(s).".format(
                    prefix, len(by_name), len(given), name, ",".join("'{}'".format(n) for n in given),
                    ",".join("'{}'".format(n) for n in missing)), invalid)
        max_batch_size = config.get("max_batch_size", 0)
        if max_batch_size > 0 and inputs and inputs[0].shape() and inputs[0].shape()[0] > max_batch_size:
            raise _ServerError(
                "{}inference request batch-size must be <= {} for '{}'".format(prefix, max_batch_size, name), invalid)
        for tensor in inputs:
            spec = by_name[tensor.name()]
            expected_type = "BYTES" if spec["data_type"] == "TYPE_STRING" else spec["data_type"][len("TYPE_"):]
            if tensor.datatype() != expected_type:
                raise _ServerError(
                    "{}inference input '{}' data-type is '{}', but model '{}' expects '{}'".format(
                        prefix, tensor.name(), tensor.datatype(), name, expected_type), invalid)
            expected = ([-1] if max_batch_size > 0 else []) + list(spec["dims"])
            shape = list(tensor.shape())
            if len(shape) != len(expected) or any(e not in (-1, s) for s, e in zip(shape, expected)):
                note = (
                    "NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be "
                    "prepended to each input shape. If you want to specify the full shape including the batch dim "
                    "in your input dims config, try setting max_batch_size to zero. See the model configuration "
                    "docs for more info on max_batch_size." if max_batch_size > 0 else "")
                raise _ServerError(
                    "{}unexpected shape for input '{}' for model '{}'. Expected [{}], got [{}]. {}".format(
                        prefix, tensor.name(), name, ",".join(str(d) for d in expected),
                        ",".join(str(d) for d in shape), note), invalid)
        for tensor in inputs:
            if tensor._data is None:
                raise _ServerError(
                    "unable to find data for input tensor '{}' for model '{}' in request.".format(tensor.name(), name),
                    invalid)

    def _check_sequence(self, config, sequence_id, start, end):
        if "sequence_batching" not in config:
            return
        invalid = "StatusCode.INVALID_ARGUMENT"
        if sequence_id in (0, ""):
            raise _ServerError(
                "inference request to model '{}' must specify a non-zero or non-empty correlation ID".format(
                    config["name"]), invalid)
        # Each model's sequence batcher keeps its own sequences.
        key = (config["name"], sequence_id)
        if not start and key not in self._sequences:
            raise _ServerError(
                "inference request for sequence {} to model '{}' must specify the START flag on the first "
                "request of the sequence".format(sequence_id, config["name"]), invalid)
        self._sequences.add(key)
        if end:
            self._sequences.discard(key)

    def _loads(self, model_name, seen):
        """Whether a model is loaded: an ensemble loads only when every step model does (MC-81, MC-83)."""
        config = self._configs.get(model_name)
        if config is None or model_name in seen:
            return False
        steps = config.get("ensemble_scheduling", {}).get("step", [])
        return all(self._loads(step["model_name"], seen + (model_name,)) for step in steps)

    def _decoupled(self, config, seen):
        """The transaction policy Triton serves. For an ensemble it ignores what the config says and
        derives it from the steps (ND-10): decoupled when some step model is (in a valid ensemble every
        step lies on a path from the inputs to the outputs)."""
        if config.get("platform") != "ensemble":
            return bool(config.get("model_transaction_policy", {}).get("decoupled"))
        if config["name"] in seen:
            return False
        return any(
            self._decoupled(self._configs[step["model_name"]], seen + (config["name"],))
            for step in config["ensemble_scheduling"]["step"]
            if step["model_name"] in self._configs
        )

    def _model(self, config):
        name = config["name"]
        if name not in self._models:
            path = os.path.join(os.environ["FAKE_TRITON_REPOSITORY"], name, "1", "model.py")
            spec = importlib.util.spec_from_file_location("model_" + str(len(self._models)), path)
            module = importlib.util.module_from_spec(spec)
            # Triton runs each model in a process of its own, with its version folder on sys.path:
            # here every model must import its own gen_repo_spec, not the one of the model loaded before.
            sys.modules.pop("gen_repo_spec", None)
            sys.path.insert(0, os.path.dirname(path))
            try:
                spec.loader.exec_module(module)
            finally:
                sys.path.remove(os.path.dirname(path))
            model = module.TritonPythonModel()
            model.initialize({
                "model_config": json.dumps(config),
                "model_instance_kind": "CPU",
                "model_instance_device_id": "0",
                "model_repository": os.path.dirname(os.path.dirname(path)),
                "model_version": "1",
                "model_name": name,
            })
            self._models[name] = model
        return self._models[name]

    def _controls(self, config, sequence_id, start, end):
        tensors = []
        shape = [1, 1] if config.get("max_batch_size", 0) > 0 else [1]
        for control_input in config.get("sequence_batching", {}).get("control_input", []):
            for control in control_input["control"]:
                kind = control["kind"]
                if kind == "CONTROL_SEQUENCE_CORRID":
                    if control.get("data_type") == "TYPE_STRING":
                        data = np.full(shape, str(sequence_id).encode(), dtype=np.object_)
                    else:
                        data = np.full(shape, sequence_id, dtype=pb_utils.triton_string_to_numpy(control["data_type"]))
                else:
                    value = {"CONTROL_SEQUENCE_START": start, "CONTROL_SEQUENCE_END": end}.get(kind, True)
                    data = np.full(shape, int(bool(value)), dtype=np.int32)
                tensors.append(pb_utils.Tensor(control_input["name"], data))
        return tensors

    def _run(self, config, inputs, outputs, sequence_id, start, end, request_id=""):
        """The responses of one request, each {"outputs": dict or None, "final": bool, "error": _ServerError
        or None}; raises _ServerError when Triton refuses the request itself."""
        with self._lock:
            self._check_inputs(config, inputs, request_id)
            self._check_sequence(config, sequence_id, start, end)
            wanted = [o.name() for o in outputs] if outputs else [t["name"] for t in config["output"]]
            if config.get("platform") == "ensemble":
                return self._run_ensemble(config, inputs, wanted, sequence_id, start, end)
            decoupled = bool(config.get("model_transaction_policy", {}).get("decoupled"))
            model = self._model(config)
            tensors = [pb_utils.Tensor(i.name(), i._data) for i in inputs]
            tensors += self._controls(config, sequence_id, start, end)
            flags = (pb_utils.TRITONSERVER_REQUEST_FLAG_SEQUENCE_START if start else 0) | (
                pb_utils.TRITONSERVER_REQUEST_FLAG_SEQUENCE_END if end else 0)
            request = pb_utils._triton_request(
                tensors, wanted, correlation_id=sequence_id, flags=flags, request_id=request_id, decoupled=decoupled)
            try:
                returned = model.execute([request])
            except Exception as error:  # Triton answers a failed execute with the Python error
                raise _ServerError(
                    "Failed to process the request(s) for model '{}_0_0', message: {}: {}\n\nAt:\n{}".format(
                        config["name"], type(error).__name__, error, "".join(traceback.format_tb(error.__traceback__))),
                    "StatusCode.INTERNAL") from None
        if decoupled or returned is None:
            return self._sent(config, request, wanted)
        if not isinstance(returned, list) or len(returned) != 1:
            raise _ServerError("the fake expected execute to return one response per request", "StatusCode.INTERNAL")
        return [self._item(returned[0], True, wanted)]

    def _sent(self, config, request, wanted):
        """What the model sent through its response sender, once it sent the final flag (a model may
        send from a thread of its own after execute returned). Triton would wait for ever; the fake
        gives up after 30 s."""
        deadline = time.monotonic() + 30
        while (request._sender is None or not request._sender._closed) and time.monotonic() < deadline:
            time.sleep(0.005)
        if request._sender is None or not request._sender._closed:
            raise _ServerError("the fake waited 30 s for the final flag of '{}'".format(config["name"]),
                               "StatusCode.DEADLINE_EXCEEDED")
        return [self._item(response, bool(flags & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL), wanted)
                for response, flags in request._sender._sent]

    @staticmethod
    def _item(response, final, wanted):
        if response is None:
            return {"outputs": None, "final": final, "error": None}
        if response.has_error():
            error = response.error()
            status = _GRPC_STATUS.get(int(error.code()), "StatusCode.UNKNOWN")
            return {"outputs": None, "final": final, "error": _ServerError(error.message(), status)}
        data = {t.name(): t.as_numpy() for t in response.output_tensors() if t.name() in wanted}
        return {"outputs": data, "final": final, "error": None}

    def _run_ensemble(self, config, inputs, wanted, sequence_id, start, end):
        """Runs the steps as Triton's ensemble scheduler does: each step once its inputs exist, with the
        request's correlation id and sequence flags (so a stateful step checks them), and every
        response of a decoupled step running the rest of the pipeline on its own. A decoupled
        ensemble streams one response per completed branch, then an empty final one."""
        branches = []
        try:
            self._flow(config, {i.name(): i._data for i in inputs}, frozenset(), sequence_id, start, end, branches)
        except _ServerError as error:
            # Triton names the ensemble before a step's refusal, and keeps the step's status.
            raise _ServerError("in ensemble '{}', {}".format(config["name"], error.text), error.status) from None
        decoupled = self._decoupled(config, ())
        items = []
        for tensors in branches:
            missing = [name for name in wanted if name not in tensors]
            if missing:
                raise _ServerError("ensemble '{}' did not produce {}".format(config["name"], missing),
                                   "StatusCode.INTERNAL")
            items.append({"outputs": {name: tensors[name] for name in wanted}, "final": not decoupled, "error": None})
        if decoupled:
            items.append({"outputs": None, "final": True, "error": None})
        return items

    def _flow(self, config, tensors, done, sequence_id, start, end, branches):
        for index, step in enumerate(config["ensemble_scheduling"]["step"]):
            if index in done or not all(t in tensors for t in step["input_map"].values()):
                continue
            step_config = self._config(step["model_name"])
            step_inputs = []
            for key, tensor in step["input_map"].items():
                array = tensors[tensor]
                step_input = InferInput(key, list(array.shape), np_to_triton_dtype(array.dtype))
                step_inputs.append(step_input.set_data_from_numpy(array))
            requested = [InferRequestedOutput(key) for key in step["output_map"]]
            for item in self._run(step_config, step_inputs, requested, sequence_id, start, end):
                if item["error"] is not None:
                    raise item["error"]
                if item["outputs"] is None:
                    continue
                branch = dict(tensors)
                for key, tensor in step["output_map"].items():
                    array = item["outputs"].get(key)
                    if array is None:
                        raise _ServerError(
                            "in ensemble '{}', model '{}' returned no output '{}'".format(
                                config["name"], step["model_name"], key), "StatusCode.INTERNAL")
                    branch[tensor] = array
                self._flow(config, branch, done | {index}, sequence_id, start, end, branches)
            return
        branches.append(tensors)
