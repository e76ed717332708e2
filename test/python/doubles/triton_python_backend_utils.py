"""A test double of triton_python_backend_utils, the module Triton's Python backend gives model.py.

It implements the part of the real API that model.py files use (the generated templates and the
models in shared/conformance/python): Tensor, InferenceRequest, InferenceResponse, the response
sender, TritonError, TritonModelException, Logger, ModelConfig for auto_complete_config, the
config lookup helpers and the type maps. It behaves as the real module of Triton 24.10 (2.51)
does, refusals and error texts included, so a model that passes here does not fail there for a
reason the double hid. test/triton/double-parity.test.ts holds it to that: it runs the calls of
test/python/parity/backend_cases.py inside the real backend and here, and compares them one by one.

Behaviour of the real module that surprises (measured there, kept here):
- numpy_to_triton_type answers Triton's TRITONSERVER_DataType numbers (11 for float32), not names;
- Tensor.triton_dtype() raises TypeError: pybind11 cannot convert the C enum it returns;
- TritonError's default code is INTERNAL, and its codes are an enum (`__ErrorCode`), not ints;
- Tensor accepts object arrays of anything and numpy bytes_ arrays, but refuses str_ arrays;
- InferenceResponse(output_tensors=None) is refused; InferenceResponse() is an empty response;
- requested_output_names() is a set; request.parameters() is a JSON string;
- a model that is not decoupled may answer through its response sender too, with one response.

What only tests need (Triton's side of the boundary) has names starting with an underscore:
_triton_request() builds a request as Triton hands it to execute(), a sender keeps what was sent
in _sent, Logger keeps its lines in _records.
"""

import json

import numpy as np

TRITONSERVER_REQUEST_FLAG_SEQUENCE_START = 1
TRITONSERVER_REQUEST_FLAG_SEQUENCE_END = 2
TRITONSERVER_RESPONSE_COMPLETE_FINAL = 1
TRITONSERVER_REQUEST_RELEASE_ALL = 1
TRITONSERVER_REQUEST_RELEASE_RESCHEDULE = 2

# Triton's type names to numpy (TYPE_BF16 has no numpy type, so it is missing: a KeyError).
TRITON_STRING_TO_NUMPY = {
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

# TRITONSERVER_DataType numbers (tritonserver.h) and their numpy types. The lookups compare with
# `==`, as the real module does, so np.dtype("float32") matches np.float32, np.dtype("S") matches
# np.bytes_ but np.dtype("S3") matches nothing, and Python's bool matches nothing either.
_DATA_TYPES = [
    (1, np.bool_),
    (2, np.uint8),
    (3, np.uint16),
    (4, np.uint32),
    (5, np.uint64),
    (6, np.int8),
    (7, np.int16),
    (8, np.int32),
    (9, np.int64),
    (10, np.float16),
    (11, np.float32),
    (12, np.float64),
    (13, np.object_),
]


def triton_string_to_numpy(triton_type_string):
    return TRITON_STRING_TO_NUMPY[triton_type_string]


def triton_to_numpy_type(data_type):
    for number, numpy_type in _DATA_TYPES:
        if data_type == number:
            return numpy_type
    return None


def numpy_to_triton_type(data_type):
    for number, numpy_type in _DATA_TYPES:
        if data_type == numpy_type:
            return number
    if data_type == np.bytes_:
        return 13
    return None


def get_input_config_by_name(model_config, name):
    for tensor in model_config["input"] if "input" in model_config else []:
        if tensor["name"] == name:
            return tensor
    return None


def get_output_config_by_name(model_config, name):
    for tensor in model_config["output"] if "output" in model_config else []:
        if tensor["name"] == name:
            return tensor
    return None


def using_decoupled_model_transaction_policy(model_config):
    # The real one indexes: a policy without "decoupled" is a KeyError, not False.
    if "model_transaction_policy" in model_config:
        return model_config["model_transaction_policy"]["decoupled"]
    return False


def get_input_tensor_by_name(inference_request, name):
    for tensor in inference_request.inputs():
        if tensor.name() == name:
            return tensor
    return None


def get_output_tensor_by_name(inference_response, name):
    for tensor in inference_response.output_tensors():
        if tensor.name() == name:
            return tensor
    return None


# pybind11's refusal of arguments that match no signature. Its first line is what the parity test
# compares; the real one goes on to list the accepted signatures.
def _incompatible(function, accepted):
    kind = "constructor" if function == "__init__" else "function"
    return TypeError(
        "{}(): incompatible {} arguments. The following argument types are supported:\n    1. {}".format(
            function, kind, accepted
        )
    )


class TritonModelException(Exception):
    """What the backend raises for a refused call; str() is the message (there is no message())."""


class _ErrorCode:
    """TritonError's codes: a pybind11 enum, equal to its number but not an int."""

    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __int__(self):
        return self.value

    def __index__(self):
        return self.value

    def __eq__(self, other):
        if isinstance(other, (_ErrorCode, int)):
            return int(other) == self.value
        return NotImplemented

    def __hash__(self):
        return hash(self.value)

    def __repr__(self):
        return "<__ErrorCode.{}: {}>".format(self.name, self.value)

    def __str__(self):
        return "__ErrorCode." + self.name


# The enum's name as pybind11 spells it (a leading double underscore cannot be a class name here:
# inside TritonError it would be mangled).
_ErrorCode.__name__ = "__ErrorCode"
_ErrorCode.__qualname__ = "__ErrorCode"


class TritonError:
    """An error carried by a response (not an exception)."""

    UNKNOWN = _ErrorCode("UNKNOWN", 0)
    INTERNAL = _ErrorCode("INTERNAL", 1)
    NOT_FOUND = _ErrorCode("NOT_FOUND", 2)
    INVALID_ARG = _ErrorCode("INVALID_ARG", 3)
    UNAVAILABLE = _ErrorCode("UNAVAILABLE", 4)
    UNSUPPORTED = _ErrorCode("UNSUPPORTED", 5)
    ALREADY_EXISTS = _ErrorCode("ALREADY_EXISTS", 6)
    CANCELLED = _ErrorCode("CANCELLED", 7)

    def __init__(self, *args, **kwargs):
        message, code = _bind(args, kwargs, ("message", "code"), {"code": TritonError.INTERNAL})
        if not isinstance(message, str) or not isinstance(code, _ErrorCode):
            raise _incompatible("__init__", "TritonError(message: str, code: __ErrorCode = INTERNAL)")
        self._message = message
        self._code = code

    def message(self):
        return self._message

    def code(self):
        return self._code


_MISSING = object()


def _bind(args, kwargs, names, defaults):
    """Binds arguments as pybind11 does: positional then keyword, each once; _MISSING where they do not fit."""
    if len(args) > len(names) or set(kwargs) - set(names):
        return (_MISSING,) * len(names)
    values = list(args) + [_MISSING] * (len(names) - len(args))
    for index, name in enumerate(names):
        if name in kwargs:
            if values[index] is not _MISSING:
                return (_MISSING,) * len(names)
            values[index] = kwargs[name]
        if values[index] is _MISSING and name in defaults:
            values[index] = defaults[name]
    return tuple(values)


class Logger:
    """Records log lines instead of sending them to Triton's log; the messages must be str."""

    _records = []

    @classmethod
    def _log(cls, function, message, level):
        if not isinstance(message, str):
            raise _incompatible(function, "(arg0: str) -> None")
        cls._records.append((level, message))

    @classmethod
    def log(cls, message, level="INFO"):
        cls._log("log", message, level)

    @classmethod
    def log_info(cls, message):
        cls._log("log_info", message, "INFO")

    @classmethod
    def log_warn(cls, message):
        cls._log("log_warn", message, "WARNING")

    @classmethod
    def log_error(cls, message):
        cls._log("log_error", message, "ERROR")

    @classmethod
    def log_verbose(cls, message):
        cls._log("log_verbose", message, "VERBOSE")


class Tensor:
    """A named tensor of a numpy array the backend can carry: booleans, integers, float16/32/64,
    objects (any) and bytes_; not str_, complex or others."""

    def __init__(self, *args, **kwargs):
        name, data = _bind(args, kwargs, ("name", "data"), {})
        if not isinstance(name, str) or not isinstance(data, np.ndarray):
            raise _incompatible("__init__", "Tensor(name: str, data: numpy.ndarray)")
        kind = data.dtype.kind
        if not (kind in "biuOS" or (kind == "f" and data.dtype.itemsize in (2, 4, 8))):
            raise TritonModelException("NumPy dtype is not supported.")
        self._name = name
        self._data = data

    def name(self):
        return self._name

    def as_numpy(self):
        return self._data

    def triton_dtype(self):
        # Measured: the real method cannot return its value to Python.
        raise TypeError(
            "Unable to convert function return value to a Python type! The signature was\n\t"
            "(self: Tensor) -> TRITONSERVER_datatype_enum"
        )

    def shape(self):
        return list(self._data.shape)

    def is_cpu(self):
        return True


class InferenceResponse:
    def __init__(self, *args, **kwargs):
        outputs, error = _bind(args, kwargs, ("output_tensors", "error"), {"output_tensors": [], "error": None})
        accepted = "InferenceResponse(output_tensors: List[Tensor] = [], error: TritonError = None)"
        if not isinstance(outputs, (list, tuple)) or not all(isinstance(t, Tensor) for t in outputs):
            raise _incompatible("__init__", accepted)
        if error is not None and not isinstance(error, TritonError):
            raise _incompatible("__init__", accepted)
        self._outputs = list(outputs)
        self._error = error

    def output_tensors(self):
        return list(self._outputs)

    def has_error(self):
        return self._error is not None

    def error(self):
        return self._error


class _ResponseSender:
    """What request.get_response_sender() gives. The checks come in the real order: the flags,
    then the rules of a model that is not decoupled (one response, the final flag after it),
    then a sender closed by its final flag."""

    def __init__(self, decoupled):
        self._decoupled = decoupled
        self._sent = []  # (response or None, flags), for the tests
        self._responses = 0
        self._closed = False

    def send(self, *args, **kwargs):
        response, flags = _bind(args, kwargs, ("response", "flags"), {"response": None, "flags": 0})
        if (response is not None and not isinstance(response, InferenceResponse)) or type(flags) is not int:
            raise _incompatible("send", "(self: InferenceResponseSender, response: InferenceResponse = None, "
                                "flags: int = 0) -> None")
        if flags not in (0, TRITONSERVER_RESPONSE_COMPLETE_FINAL):
            raise TritonModelException("Unable to send response. Unsupported flag provided.")
        if flags == 0 and response is None:
            raise TritonModelException(
                "Inference Response object must be provided when the response flags is set to zero."
            )
        if not self._decoupled:
            if response is not None and self._responses > 0:
                raise TritonModelException(
                    "Unable to send response. Non-decoupled model cannot send more than one response."
                )
            if response is None and self._responses == 0:
                raise TritonModelException(
                    "Unable to send response. Non-decoupled model cannot send complete final before sending a "
                    "response."
                )
        if self._closed:
            raise TritonModelException("Unable to send response. Response sender has been closed.")
        self._sent.append((response, flags))
        if response is not None:
            self._responses += 1
        if flags == TRITONSERVER_RESPONSE_COMPLETE_FINAL:
            self._closed = True

    def is_cancelled(self):
        # The real one crashes Triton (SIGSEGV) when asked after the final flag; refuse loudly instead.
        if self._closed:
            raise AssertionError("is_cancelled() after the final flag crashes Triton 24.10")
        return False


class InferenceRequest:
    """A BLS request (model_name, inputs and requested_output_names are required keywords), or,
    through _triton_request(), a request as Triton hands it to execute()."""

    def __init__(self, *args, **kwargs):
        accepted = (
            "InferenceRequest(request_id: str = '', correlation_id: int = 0, inputs: List[Tensor], "
            "requested_output_names: List[str], model_name: str, model_version: int = -1, flags: int = 0, ...)"
        )
        required = ("model_name", "inputs", "requested_output_names")
        known = set(required) | {"request_id", "correlation_id", "model_version", "flags", "timeout",
                                 "preferred_memory", "trace", "parameters"}
        # The real constructor's first parameters are request_id and correlation_id: the calls that
        # reach it in practice name their arguments, and the double takes names only.
        if args or any(name not in kwargs for name in required) or set(kwargs) - known:
            raise _incompatible("__init__", accepted)
        if not all(isinstance(t, Tensor) for t in kwargs["inputs"]):
            raise _incompatible("__init__", accepted)
        self._init(
            inputs=kwargs["inputs"],
            requested_output_names=kwargs["requested_output_names"],
            request_id=kwargs.get("request_id", ""),
            correlation_id=kwargs.get("correlation_id", 0),
            flags=kwargs.get("flags", 0),
            parameters=kwargs.get("parameters", {}),
            decoupled=False,
        )

    def _init(self, inputs, requested_output_names, request_id, correlation_id, flags, parameters, decoupled):
        self._inputs = list(inputs)
        self._requested = set(requested_output_names)
        self._request_id = request_id
        self._correlation_id = correlation_id
        self._flags = flags
        self._parameters = parameters
        self._decoupled = decoupled
        self._sender = None

    def inputs(self):
        return list(self._inputs)

    def requested_output_names(self):
        return set(self._requested)

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
            self._sender = _ResponseSender(self._decoupled)
        return self._sender


def _triton_request(inputs, requested_output_names, correlation_id=0, flags=0, request_id="", decoupled=False):
    """A request as Triton gives it to execute(): for tests, the side of the boundary that is Triton's.
    requested_output_names are all the outputs when the client asked for none; `decoupled` is the
    model's transaction policy, which sets the rules of the response sender."""
    request = InferenceRequest.__new__(InferenceRequest)
    request._init(inputs, requested_output_names, request_id, correlation_id, flags, {}, decoupled)
    return request


class ModelConfig:
    """The object auto_complete_config receives: the config as Triton has it so far, as JSON text
    (Triton's normalised config, which always has name, max_batch_size, input and output).

    The setters refuse with the real conditions and texts (see PY-3 of the rules).
    """

    def __init__(self, model_config):
        self._model_config = json.loads(model_config)

    def as_dict(self):
        return self._model_config

    def _name(self):
        return self._model_config["name"]

    def set_max_batch_size(self, max_batch_size):
        current = self._model_config["max_batch_size"]
        if current > max_batch_size:
            raise ValueError(
                "configuration specified max_batch_size {}, but in auto-complete-config function for model "
                "'{}' specified max_batch_size {}".format(current, self._name(), max_batch_size)
            )
        self._model_config["max_batch_size"] = max_batch_size

    def set_dynamic_batching(self):
        for choice in ("sequence_batching", "ensemble_scheduling"):
            if choice in self._model_config:
                raise ValueError(
                    "Configuration specified scheduling_choice as '{}', but auto-complete-config function for "
                    "model '{}' tries to set scheduling_choice as 'dynamic_batching'".format(choice, self._name())
                )
        self._model_config.setdefault("dynamic_batching", {})

    def _add_tensor(self, kind, tensor, allowed):
        for field in tensor:
            if field not in allowed:
                listed = ", ".join("'{}'".format(a) for a in allowed[:-1]) + " and '{}'".format(allowed[-1])
                raise ValueError(
                    "{} '{}' in auto-complete-config function for model '{}' contains property other than "
                    "{}.".format(kind, tensor["name"], self._name(), listed)
                )
        if "name" not in tensor:
            raise ValueError(
                "{} in auto-complete-config function for model '{}' is missing 'name' property.".format(
                    kind, self._name()
                )
            )
        for required in ("data_type", "dims"):
            if required not in tensor:
                raise ValueError(
                    "{} '{}' in auto-complete-config function for model '{}' is missing '{}' property.".format(
                        kind, tensor["name"], self._name(), required
                    )
                )
        for existing in self._model_config[kind]:
            if existing["name"] != tensor["name"]:
                continue
            if existing["data_type"] != "TYPE_INVALID" and existing["data_type"] != tensor["data_type"]:
                raise ValueError(
                    "unable to load model '{}', configuration expects datatype {} for {} '{}', model provides "
                    "{}".format(self._name(), existing["data_type"], kind, tensor["name"], tensor["data_type"])
                )
            if existing["dims"] and existing["dims"] != tensor["dims"]:
                raise ValueError(
                    "model '{}', tensor '{}': the model expects dims {} but the model configuration specifies "
                    "dims {}".format(self._name(), tensor["name"], tensor["dims"], existing["dims"])
                )
            if kind == "input" and "optional" in existing and "optional" in tensor:
                if existing["optional"] != tensor["optional"]:
                    raise ValueError(
                        "model '{}', tensor '{}': the model expects optional {} but the model configuration "
                        "specifies optional {}".format(self._name(), tensor["name"], tensor["optional"],
                                                       existing["optional"])
                    )
            existing["data_type"] = tensor["data_type"]
            existing["dims"] = tensor["dims"]
            if kind == "input" and "optional" in tensor:
                existing["optional"] = tensor["optional"]
            return
        self._model_config[kind].append(tensor)

    def add_input(self, input):
        self._add_tensor("input", input, ["name", "data_type", "dims", "optional"])

    def add_output(self, output):
        self._add_tensor("output", output, ["name", "data_type", "dims"])

    def set_model_transaction_policy(self, transaction_policy_dict):
        for key in transaction_policy_dict:
            if key != "decoupled":
                raise ValueError(
                    "model transaction property in auto-complete-config function for model '{}' contains "
                    "property other than 'decoupled'.".format(self._name())
                )
        policy = self._model_config.setdefault("model_transaction_policy", {})
        if "decoupled" in transaction_policy_dict:
            wanted = transaction_policy_dict["decoupled"]
            if "decoupled" in policy and policy["decoupled"] != wanted:
                raise ValueError(
                    "trying to change decoupled property in auto-complete-config for model '{}', which is already "
                    "set to '{}'.".format(self._name(), policy["decoupled"])
                )
            policy["decoupled"] = wanted
