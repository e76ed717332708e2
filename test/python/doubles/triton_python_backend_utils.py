"""A test double of triton_python_backend_utils, the module Triton's Python backend gives model.py.

It implements the part of the real API that model.py files use (see the models in
shared/conformance/python): Tensor, InferenceRequest, InferenceResponse, the response
sender of decoupled models, TritonError, TritonModelException, Logger, ModelConfig for
auto_complete_config, the config lookup helpers and the type maps. It is strict where
the real backend is strict, so a generated model that passes here does not fail there
for the same reason: Tensor wants a numpy array of a type Triton can carry, a response
sender refuses anything after its final flag, a response is built from Tensors only.
Tests drive it through InferenceRequest(...) as Triton would build the requests.
"""

import json

import numpy as np

TRITONSERVER_RESPONSE_COMPLETE_FINAL = 1
TRITONSERVER_REQUEST_FLAG_SEQUENCE_START = 1
TRITONSERVER_REQUEST_FLAG_SEQUENCE_END = 2
TRITONSERVER_REQUEST_RELEASE_ALL = 1
TRITONSERVER_REQUEST_RELEASE_RESCHEDULE = 2

# Triton's type names to numpy, as the real module maps them (TYPE_BF16 has no numpy type).
_TRITON_STRING_TO_NUMPY = {
    "TYPE_BOOL": bool,
    "TYPE_UINT8": np.uint8,
    "TYPE_UINT16": np.uint16,
    "TYPE_UINT32": np.uint32,
    "TYPE_UINT64": np.uint64,
    "TYPE_INT8": np.int8,
    "TYPE_INT16": np.int16,
    "TYPE_INT32": np.int32,
    "TYPE_INT64": np.int64,
    "TYPE_FP16": np.float16,
    "TYPE_FP32": np.float32,
    "TYPE_FP64": np.float64,
    "TYPE_STRING": np.object_,
}


def triton_string_to_numpy(triton_type_string):
    return _TRITON_STRING_TO_NUMPY[triton_type_string]


def numpy_to_triton_type(data_type):
    for name, dtype in _TRITON_STRING_TO_NUMPY.items():
        if np.dtype(dtype) == np.dtype(data_type):
            return name
    if np.dtype(data_type).kind in ("S", "U"):
        return "TYPE_STRING"
    return None


def _tensor_config_by_name(model_config, key, name):
    for tensor in model_config.get(key, []):
        if tensor["name"] == name:
            return tensor
    return None


def get_input_config_by_name(model_config, name):
    return _tensor_config_by_name(model_config, "input", name)


def get_output_config_by_name(model_config, name):
    return _tensor_config_by_name(model_config, "output", name)


def using_decoupled_model_transaction_policy(model_config):
    return bool(model_config.get("model_transaction_policy", {}).get("decoupled", False))


class TritonError:
    """An error carried by a response. Codes as in the real module."""

    UNKNOWN = 0
    INTERNAL = 1
    NOT_FOUND = 2
    INVALID_ARG = 3
    UNAVAILABLE = 4
    UNSUPPORTED = 5
    ALREADY_EXISTS = 6
    CANCELLED = 7

    def __init__(self, msg, code=0):
        if not isinstance(msg, str):
            raise TypeError("TritonError message must be a str")
        self._msg = msg
        self._code = code

    def message(self):
        return self._msg

    def code(self):
        return self._code

    def __repr__(self):
        return "TritonError({!r})".format(self._msg)


class TritonModelException(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self._msg = msg

    def message(self):
        return self._msg


class Logger:
    """Records log lines instead of sending them to Triton's log."""

    records = []

    @classmethod
    def log(cls, message, level="INFO"):
        cls.records.append((level, str(message)))

    @classmethod
    def log_info(cls, message):
        cls.log(message, "INFO")

    @classmethod
    def log_warn(cls, message):
        cls.log(message, "WARNING")

    @classmethod
    def log_error(cls, message):
        cls.log(message, "ERROR")

    @classmethod
    def log_verbose(cls, message):
        cls.log(message, "VERBOSE")


class Tensor:
    """A named tensor. Like the real one, it takes numpy arrays only, of a type Triton can carry."""

    def __init__(self, name, data):
        if not isinstance(name, str):
            raise TypeError("Tensor name must be a str")
        if not isinstance(data, np.ndarray):
            raise TypeError("Tensor {!r}: data must be a numpy array, got {}".format(name, type(data).__name__))
        if data.dtype.kind not in "biufO" and data.dtype.kind not in "SU":
            raise TypeError("Tensor {!r}: unsupported numpy dtype {}".format(name, data.dtype))
        if data.dtype == np.object_:
            for element in data.reshape(-1):
                if not isinstance(element, (bytes, str)):
                    raise TypeError("Tensor {!r}: object arrays must hold bytes or str".format(name))
        self._name = name
        self._data = data

    def name(self):
        return self._name

    def as_numpy(self):
        return self._data

    def triton_dtype(self):
        return numpy_to_triton_type(self._data.dtype)

    def shape(self):
        return list(self._data.shape)

    def is_cpu(self):
        return True


class InferenceResponse:
    def __init__(self, output_tensors=None, error=None, parameters=None):
        output_tensors = [] if output_tensors is None else output_tensors
        for tensor in output_tensors:
            if not isinstance(tensor, Tensor):
                raise TypeError("output_tensors must hold pb_utils.Tensor objects")
        if error is not None and not isinstance(error, TritonError):
            raise TypeError("error must be a pb_utils.TritonError")
        self._outputs = list(output_tensors)
        self._error = error
        self._parameters = parameters or {}

    def output_tensors(self):
        return self._outputs

    def has_error(self):
        return self._error is not None

    def error(self):
        return self._error


class InferenceResponseSender:
    """What request.get_response_sender() gives a decoupled model. Records every send."""

    def __init__(self, request):
        self._request = request
        self.sent = []  # (response or None, flags)
        self.closed = False

    def send(self, response=None, flags=0):
        if self.closed:
            raise TritonModelException("Unable to send response. Response sender has been closed.")
        if response is not None and not isinstance(response, InferenceResponse):
            raise TypeError("send expects a pb_utils.InferenceResponse")
        if response is None and flags != TRITONSERVER_RESPONSE_COMPLETE_FINAL:
            raise TritonModelException("a response is required unless flags is TRITONSERVER_RESPONSE_COMPLETE_FINAL")
        self.sent.append((response, flags))
        if flags & TRITONSERVER_RESPONSE_COMPLETE_FINAL:
            self.closed = True

    def is_cancelled(self):
        return False


class InferenceRequest:
    """A request as Triton hands it to execute (and, with model_name, a BLS request)."""

    def __init__(
        self,
        inputs=None,
        requested_output_names=None,
        model_name="",
        request_id="",
        correlation_id=0,
        flags=0,
        parameters=None,
        **_ignored
    ):
        self._inputs = list(inputs or [])
        self._requested = list(requested_output_names or [])
        self._model_name = model_name
        self._request_id = request_id
        self._correlation_id = correlation_id
        self._flags = flags
        self._parameters = parameters or {}
        self._sender = None

    def inputs(self):
        return self._inputs

    def requested_output_names(self):
        return self._requested

    def request_id(self):
        return self._request_id

    def correlation_id(self):
        return self._correlation_id

    def flags(self):
        return self._flags

    def parameters(self):
        return json.dumps(self._parameters)

    def is_cancelled(self):
        return False

    def set_release_flags(self, flags):
        self._release_flags = flags

    def get_response_sender(self):
        if self._sender is None:
            self._sender = InferenceResponseSender(self)
        return self._sender


def get_input_tensor_by_name(request, name):
    for tensor in request.inputs():
        if tensor.name() == name:
            return tensor
    return None


def get_output_tensor_by_name(response, name):
    for tensor in response.output_tensors():
        if tensor.name() == name:
            return tensor
    return None


class ModelConfig:
    """The object auto_complete_config receives: the config as Triton has it so far.

    Setters raise ValueError with the real backend's conditions (see PY-3 of the rules).
    """

    def __init__(self, model_config, model_name="model"):
        self._config = json.loads(model_config) if isinstance(model_config, str) else dict(model_config)
        # Triton hands over the normalised config, which always lists inputs, outputs and the batch size.
        self._config.setdefault("max_batch_size", 0)
        self._config.setdefault("input", [])
        self._config.setdefault("output", [])
        self._model_name = model_name

    def as_dict(self):
        return self._config

    def set_max_batch_size(self, max_batch_size):
        current = self._config.get("max_batch_size", 0)
        if current > max_batch_size:
            raise ValueError(
                "configuration specified max_batch_size {}, but in auto-complete-config function for model "
                "'{}' specified max_batch_size {}".format(current, self._model_name, max_batch_size)
            )
        self._config["max_batch_size"] = max_batch_size

    def set_dynamic_batching(self):
        for choice in ("sequence_batching", "ensemble_scheduling"):
            if choice in self._config:
                raise ValueError(
                    "Configuration specified scheduling_choice as '{}', but auto-complete-config function for "
                    "model '{}' tries to set scheduling_choice as 'dynamic_batching'".format(choice, self._model_name)
                )
        self._config.setdefault("dynamic_batching", {})

    def _add_tensor(self, key, tensor, allowed):
        kind = "input" if key == "input" else "output"
        if not isinstance(tensor, dict):
            raise ValueError("{} must be a dict".format(kind))
        extra = set(tensor) - set(allowed)
        if extra:
            raise ValueError(
                "{} '{}' in auto-complete-config function for model '{}' contains property other than {}.".format(
                    kind, tensor.get("name"), self._model_name, ", ".join("'{}'".format(a) for a in allowed)
                )
            )
        for required in ("name", "data_type", "dims"):
            if required not in tensor:
                raise ValueError(
                    "{} in auto-complete-config function for model '{}' is missing '{}' property.".format(
                        kind, self._model_name, required
                    )
                )
        for existing in self._config.setdefault(key, []):
            if existing["name"] == tensor["name"]:
                if existing.get("data_type") not in (None, "TYPE_INVALID", tensor["data_type"]):
                    raise ValueError(
                        "unable to load model '{}', configuration expects datatype {} for {} '{}', model provides "
                        "{}".format(self._model_name, existing["data_type"], kind, tensor["name"], tensor["data_type"])
                    )
                if existing.get("dims") and list(existing["dims"]) != list(tensor["dims"]):
                    raise ValueError(
                        "model '{}', tensor '{}': the model expects dims {} but the model configuration specifies "
                        "dims {}".format(self._model_name, tensor["name"], tensor["dims"], existing["dims"])
                    )
                for field, value in tensor.items():
                    existing.setdefault(field, value)
                return
        self._config[key].append(dict(tensor))

    def add_input(self, input):
        self._add_tensor("input", input, ("name", "data_type", "dims", "optional"))

    def add_output(self, output):
        self._add_tensor("output", output, ("name", "data_type", "dims"))

    def set_model_transaction_policy(self, transaction_policy_dict):
        for key in transaction_policy_dict:
            if key != "decoupled":
                raise ValueError(
                    "model transaction property in auto-complete-config function for model '{}' contains "
                    "property other than 'decoupled'.".format(self._model_name)
                )
        current = self._config.get("model_transaction_policy", {})
        wanted = transaction_policy_dict.get("decoupled", False)
        if "decoupled" in current and current["decoupled"] != wanted:
            raise ValueError(
                "trying to change decoupled property in auto-complete-config for model '{}', which is already "
                "set to '{}'.".format(self._model_name, current["decoupled"])
            )
        self._config["model_transaction_policy"] = {"decoupled": wanted}
