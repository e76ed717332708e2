"""The part of tritonclient.grpc the generated scripts use, answered in-process (see tritonclient/__init__.py)."""

import importlib.util
import json
import os
import sys

import numpy as np

from tritonclient.utils import InferenceServerException, np_to_triton_dtype

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
            raise InferenceServerException("input_tensor must be a numpy array")
        dtype = np_to_triton_dtype(input_tensor.dtype)
        if self._datatype != dtype:
            raise InferenceServerException(
                "got unexpected datatype {} from numpy array, expected {}".format(dtype, self._datatype)
            )
        if list(input_tensor.shape) != self._shape:
            raise InferenceServerException(
                "got unexpected numpy array shape [{}], expected [{}]".format(
                    str(list(input_tensor.shape))[1:-1], str(self._shape)[1:-1]
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
    def __init__(self, outputs, final):
        self.outputs = [_Named(name) for name in outputs]
        self.parameters = {"triton_final_response": _Param(final)}


class InferResult:
    def __init__(self, outputs, final=True):
        self._outputs = outputs
        self._final = final

    def as_numpy(self, name):
        return self._outputs.get(name)

    def get_response(self):
        return _Response(self._outputs, self._final)


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
        self._callback = None
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

    def infer(self, model_name, inputs, model_version="", outputs=None, request_id="", sequence_id=0,
              sequence_start=False, sequence_end=False, priority=0, timeout=None, client_timeout=None,
              headers=None, compression_algorithm=None, parameters=None):
        self._log_request("infer", model_name, inputs, sequence_id, sequence_start, sequence_end)
        config = self._config(model_name)
        if self._decoupled(config, ()):
            # Triton's unary ModelInfer refuses a decoupled model, an ensemble over a decoupled step included.
            raise InferenceServerException(
                "[StatusCode.UNIMPLEMENTED] ModelInfer RPC doesn't support models with decoupled transaction "
                "policy")
        results = self._run(config, inputs, outputs, sequence_id, sequence_start, sequence_end)
        if len(results) != 1:
            raise InferenceServerException("expected one response, got {}".format(len(results)))
        return results[0][0]

    def start_stream(self, callback, stream_timeout=None, headers=None, compression_algorithm=None):
        _log({"call": "start_stream"})
        self._callback = callback

    def stop_stream(self, cancel_requests=False):
        _log({"call": "stop_stream"})
        self._callback = None

    def async_stream_infer(self, model_name, inputs, model_version="", outputs=None, request_id="", sequence_id=0,
                           sequence_start=False, sequence_end=False, enable_empty_final_response=False,
                           priority=0, timeout=None, parameters=None):
        if self._callback is None:
            raise InferenceServerException("stream not available, use start_stream() to make one available.")
        self._log_request("async_stream_infer", model_name, inputs, sequence_id, sequence_start, sequence_end)
        config = self._config(model_name)
        try:
            results = self._run(config, inputs, outputs, sequence_id, sequence_start, sequence_end)
        except InferenceServerException as error:
            self._callback(None, error)
            return
        for result, final, has_data in results:
            if has_data or enable_empty_final_response:
                self._callback(result, None)

    # --- internal ---

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
            raise InferenceServerException("Request for unknown model: '{}' is not found".format(model_name))
        return self._configs[model_name]

    def _check_inputs(self, config, inputs):
        by_name = {t["name"]: t for t in config["input"]}
        given = set()
        for tensor in inputs:
            if tensor.name() not in by_name:
                raise InferenceServerException("unexpected inference input '{}'".format(tensor.name()))
            if tensor._data is None:
                raise InferenceServerException("input '{}' has no data".format(tensor.name()))
            expected = by_name[tensor.name()]["data_type"]
            if _TYPE_NAMES.get(tensor.datatype()) != expected:
                raise InferenceServerException(
                    "inference input '{}' data-type is '{}', but model '{}' expects '{}'".format(
                        tensor.name(), tensor.datatype(), config["name"], expected
                    )
                )
            given.add(tensor.name())
        missing = [n for n, t in by_name.items() if n not in given and not t.get("optional", False)]
        if missing:
            raise InferenceServerException("expected {} inputs but got {} inputs for model '{}'".format(
                len(by_name), len(given), config["name"]))

    def _check_sequence(self, config, sequence_id, start, end):
        if "sequence_batching" not in config:
            return
        if sequence_id in (0, ""):
            raise InferenceServerException(
                "inference request to model '{}' must specify a non-zero or non-empty correlation ID".format(
                    config["name"]))
        # Each model's sequence batcher keeps its own sequences.
        key = (config["name"], sequence_id)
        if not start and key not in self._sequences:
            raise InferenceServerException(
                "inference request for sequence {} to model '{}' must specify the START flag on the first "
                "request of the sequence".format(sequence_id, config["name"]))
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

    def _run(self, config, inputs, outputs, sequence_id, start, end):
        """Returns (InferResult, final, has_data) per response of the request."""
        self._check_inputs(config, inputs)
        self._check_sequence(config, sequence_id, start, end)
        wanted = [o.name() for o in outputs] if outputs else [t["name"] for t in config["output"]]
        if config.get("platform") == "ensemble":
            return self._run_ensemble(config, inputs, wanted, sequence_id, start, end)
        model = self._model(config)
        tensors = [pb_utils.Tensor(i.name(), i._data) for i in inputs] + self._controls(config, sequence_id, start, end)
        request = pb_utils.InferenceRequest(inputs=tensors, correlation_id=sequence_id, requested_output_names=wanted)
        returned = model.execute([request])
        if config.get("model_transaction_policy", {}).get("decoupled"):
            sender = request._sender
            sent = sender.sent if sender is not None else []
            if not sent or not sent[-1][1] & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL:
                raise InferenceServerException("the model sent no final flag")
            results = []
            for response, flags in sent:
                final = bool(flags & pb_utils.TRITONSERVER_RESPONSE_COMPLETE_FINAL)
                if response is not None and response.has_error():
                    raise InferenceServerException(response.error().message())
                data = {} if response is None else {
                    t.name(): t.as_numpy() for t in response.output_tensors() if t.name() in wanted}
                results.append((InferResult(data, final), final, response is not None))
            return results
        if not isinstance(returned, list) or len(returned) != 1:
            raise InferenceServerException("execute must return one response per request")
        response = returned[0]
        if response.has_error():
            raise InferenceServerException(response.error().message())
        data = {t.name(): t.as_numpy() for t in response.output_tensors() if t.name() in wanted}
        return [(InferResult(data), True, True)]

    def _run_ensemble(self, config, inputs, wanted, sequence_id, start, end):
        """Runs the steps as Triton's ensemble scheduler does: each step once its inputs exist, with the
        request's correlation id and sequence flags (so a stateful step checks them), and every
        response of a decoupled step running the rest of the pipeline on its own. A decoupled
        ensemble streams one response per completed branch, then an empty final one."""
        branches = []
        self._flow(config, {i.name(): i._data for i in inputs}, frozenset(), sequence_id, start, end, branches)
        decoupled = self._decoupled(config, ())
        results = []
        for tensors in branches:
            missing = [name for name in wanted if name not in tensors]
            if missing:
                raise InferenceServerException("ensemble '{}' did not produce {}".format(config["name"], missing))
            results.append((InferResult({name: tensors[name] for name in wanted}, not decoupled), not decoupled, True))
        if decoupled:
            results.append((InferResult({}, True), True, False))
        return results

    def _flow(self, config, tensors, done, sequence_id, start, end, branches):
        for index, step in enumerate(config["ensemble_scheduling"]["step"]):
            if index in done or not all(t in tensors for t in step["input_map"].values()):
                continue
            step_config = self._config(step["model_name"])
            step_inputs = []
            for key, tensor in step["input_map"].items():
                array = tensors[tensor]
                step_inputs.append(InferInput(key, array.shape, np_to_triton_dtype(array.dtype)).set_data_from_numpy(array))
            requested = [InferRequestedOutput(key) for key in step["output_map"]]
            for result, _final, has_data in self._run(step_config, step_inputs, requested, sequence_id, start, end):
                if not has_data:
                    continue
                branch = dict(tensors)
                for key, tensor in step["output_map"].items():
                    array = result.as_numpy(key)
                    if array is None:
                        raise InferenceServerException(
                            "in ensemble '{}', model '{}' returned no output '{}'".format(config["name"], step["model_name"], key))
                    branch[tensor] = array
                self._flow(config, branch, done | {index}, sequence_id, start, end, branches)
            return
        branches.append(tensors)
