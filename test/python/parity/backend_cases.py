"""Calls into triton_python_backend_utils, the same script for the real Python backend and for the double.

Each case is (label, function); the function gets the module (and, in execute, the request) and
returns a value, or raises. record() turns every outcome into JSON: the value's type and value,
or the exception's type and the first line of its message (pybind11 follows that line with the
signatures it accepts, which the double does not spell out). model.py beside this file runs the
cases inside Triton (initialize and execute) and under the double alike; the vitest suite
test/triton/double-parity.test.ts compares the two records call by call.
"""

import json

import numpy as np


def _type_name(value):
    kind = type(value)
    return kind.__name__


def describe(value):
    """A JSON view of a value that two implementations must agree on."""
    if value is None or type(value) in (bool, int, float, str):
        return {"type": _type_name(value), "value": value}
    if isinstance(value, bytes):
        return {"type": "bytes", "value": value.decode("latin-1")}
    if isinstance(value, (list, tuple)):
        return {"type": _type_name(value), "items": [describe(v) for v in value]}
    if isinstance(value, dict):
        return {"type": "dict", "items": {str(k): describe(v) for k, v in value.items()}}
    if isinstance(value, (set, frozenset)):
        return {"type": _type_name(value), "items": [describe(v) for v in sorted(value)]}
    if isinstance(value, type):
        return {"type": "type", "value": "{}.{}".format(value.__module__, value.__qualname__)}
    if isinstance(value, np.dtype):
        return {"type": "dtype", "value": str(value)}
    if isinstance(value, np.ndarray):
        flat = value.reshape(-1).tolist()
        return {"type": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape),
                "items": [describe(v) for v in flat]}
    if isinstance(value, np.generic):
        return {"type": "numpy." + _type_name(value), "value": value.item()}
    if hasattr(value, "__int__") and not hasattr(value, "shape"):  # pybind11's enums: TritonError's codes
        return {"type": _type_name(value), "int": int(value)}
    return {"type": _type_name(value)}


def record(cases, *args):
    out = []
    for label, case in cases:
        try:
            out.append({"case": label, "ok": describe(case(*args))})
        except Exception as error:  # every outcome is recorded, the failures too
            message = str(error).split("\n")[0]
            out.append({"case": label, "raise": type(error).__name__, "message": message})
    return out


F32 = np.array([1.0, 2.0], dtype=np.float32)

NUMPY_TYPES = [
    np.bool_, bool, np.uint8, np.uint16, np.uint32, np.uint64, np.int8, np.int16, np.int32, np.int64,
    np.float16, np.float32, np.float64, np.object_, np.bytes_, np.str_, np.complex64, int, float,
]
TRITON_NAMES = [
    "TYPE_BOOL", "TYPE_UINT8", "TYPE_UINT16", "TYPE_UINT32", "TYPE_UINT64", "TYPE_INT8", "TYPE_INT16",
    "TYPE_INT32", "TYPE_INT64", "TYPE_FP16", "TYPE_FP32", "TYPE_FP64", "TYPE_STRING", "TYPE_BF16", "FP32",
]


def _config(**fields):
    base = {"name": "m", "max_batch_size": 0, "input": [], "output": []}
    base.update(fields)
    return json.dumps(base)


def _mc(pb, **fields):
    return pb.ModelConfig(_config(**fields))


INITIALIZE = []
for _t in NUMPY_TYPES:
    INITIALIZE.append(("numpy_to_triton_type({})".format(_t.__name__), lambda pb, t=_t: pb.numpy_to_triton_type(t)))
for _d in ["float32", "int64", "bool", "object", "S", "S3", "U4"]:
    INITIALIZE.append(
        ("numpy_to_triton_type(dtype {})".format(_d), lambda pb, d=_d: pb.numpy_to_triton_type(np.dtype(d)))
    )
for _n in TRITON_NAMES:
    INITIALIZE.append(("triton_string_to_numpy({})".format(_n), lambda pb, n=_n: pb.triton_string_to_numpy(n)))
for _i in range(0, 15):
    INITIALIZE.append(("triton_to_numpy_type({})".format(_i), lambda pb, i=_i: pb.triton_to_numpy_type(i)))

INITIALIZE += [
    ("public names", lambda pb: sorted(name for name in dir(pb) if not name.startswith("_"))),
    ("constants", lambda pb: [
        pb.TRITONSERVER_RESPONSE_COMPLETE_FINAL, pb.TRITONSERVER_REQUEST_FLAG_SEQUENCE_START,
        pb.TRITONSERVER_REQUEST_FLAG_SEQUENCE_END, pb.TRITONSERVER_REQUEST_RELEASE_ALL,
        pb.TRITONSERVER_REQUEST_RELEASE_RESCHEDULE]),
    ("get_input_config_by_name found", lambda pb: pb.get_input_config_by_name(
        {"input": [{"name": "a"}, {"name": "b", "dims": [1]}]}, "b")),
    ("get_input_config_by_name missing", lambda pb: pb.get_input_config_by_name({"input": [{"name": "a"}]}, "b")),
    ("get_input_config_by_name no inputs", lambda pb: pb.get_input_config_by_name({}, "b")),
    ("get_output_config_by_name found", lambda pb: pb.get_output_config_by_name({"output": [{"name": "y"}]}, "y")),
    ("get_output_config_by_name no outputs", lambda pb: pb.get_output_config_by_name({}, "y")),
    ("decoupled policy true", lambda pb: pb.using_decoupled_model_transaction_policy(
        {"model_transaction_policy": {"decoupled": True}})),
    ("decoupled policy none", lambda pb: pb.using_decoupled_model_transaction_policy({})),
    ("decoupled policy empty", lambda pb: pb.using_decoupled_model_transaction_policy(
        {"model_transaction_policy": {}})),
    # Tensor
    ("Tensor fp32", lambda pb: pb.Tensor("x", F32)),
    ("Tensor name", lambda pb: pb.Tensor("x", F32).name()),
    ("Tensor shape", lambda pb: pb.Tensor("x", np.zeros((2, 3), dtype=np.int32)).shape()),
    ("Tensor triton_dtype fp32", lambda pb: pb.Tensor("x", F32).triton_dtype()),
    ("Tensor triton_dtype bool", lambda pb: pb.Tensor("x", np.array([True])).triton_dtype()),
    ("Tensor triton_dtype object", lambda pb: pb.Tensor("x", np.array([b"a"], dtype=np.object_)).triton_dtype()),
    ("Tensor as_numpy", lambda pb: pb.Tensor("x", F32).as_numpy()),
    ("Tensor as_numpy object", lambda pb: pb.Tensor("x", np.array([b"a", "b"], dtype=np.object_)).as_numpy()),
    ("Tensor is_cpu", lambda pb: pb.Tensor("x", F32).is_cpu()),
    ("Tensor of a list", lambda pb: pb.Tensor("x", [1, 2])),
    ("Tensor of a scalar", lambda pb: pb.Tensor("x", np.float32(1))),
    ("Tensor named 1", lambda pb: pb.Tensor(1, F32)),
    ("Tensor without data", lambda pb: pb.Tensor("x")),
    ("Tensor of object ints", lambda pb: pb.Tensor("x", np.array([1, 2], dtype=np.object_)).as_numpy()),
    ("Tensor of bytes_", lambda pb: pb.Tensor("x", np.array([b"ab", b"c"])).as_numpy()),
    ("Tensor of bytes_ dtype", lambda pb: pb.Tensor("x", np.array([b"ab", b"c"])).triton_dtype()),
    ("Tensor of str_", lambda pb: pb.Tensor("x", np.array(["ab", "c"])).as_numpy()),
    ("Tensor of complex", lambda pb: pb.Tensor("x", np.zeros(2, dtype=np.complex64))),
    ("Tensor of fp16", lambda pb: pb.Tensor("x", np.zeros(2, dtype=np.float16)).triton_dtype()),
    ("Tensor transposed", lambda pb: pb.Tensor("x", np.arange(6, dtype=np.int32).reshape(2, 3).T).as_numpy()),
    ("Tensor 0-d", lambda pb: pb.Tensor("x", np.array(3, dtype=np.int32)).shape()),
    ("Tensor empty", lambda pb: pb.Tensor("x", np.zeros((0, 2), dtype=np.float32)).shape()),
    ("Tensor as_numpy is a copy", lambda pb: (lambda a: pb.Tensor("x", a).as_numpy() is a)(F32.copy())),
    # TritonError
    ("TritonError codes", lambda pb: [pb.TritonError.UNKNOWN, pb.TritonError.INTERNAL, pb.TritonError.NOT_FOUND,
                                      pb.TritonError.INVALID_ARG, pb.TritonError.UNAVAILABLE,
                                      pb.TritonError.UNSUPPORTED, pb.TritonError.ALREADY_EXISTS,
                                      pb.TritonError.CANCELLED]),
    ("TritonError message", lambda pb: pb.TritonError("boom").message()),
    ("TritonError default code", lambda pb: pb.TritonError("boom").code()),
    ("TritonError code", lambda pb: pb.TritonError("boom", pb.TritonError.CANCELLED).code()),
    ("TritonError code keyword", lambda pb: pb.TritonError("boom", code=pb.TritonError.NOT_FOUND).code()),
    ("TritonError code as int", lambda pb: int(pb.TritonError("boom", pb.TritonError.CANCELLED).code())),
    ("TritonError code equals", lambda pb: pb.TritonError("boom", pb.TritonError.CANCELLED).code()
     == pb.TritonError.CANCELLED),
    ("TritonError code equals an int", lambda pb: pb.TritonError.CANCELLED == 7),
    ("TritonError code name", lambda pb: str(pb.TritonError.CANCELLED)),
    ("TritonError code of an int", lambda pb: pb.TritonError("boom", 7)),
    ("TritonError of an int", lambda pb: pb.TritonError(1)),
    ("TritonError without message", lambda pb: pb.TritonError()),
    ("TritonError is not an exception", lambda pb: isinstance(pb.TritonError("x"), BaseException)),
    # TritonModelException
    ("TritonModelException str", lambda pb: str(pb.TritonModelException("bad"))),
    ("TritonModelException is Exception", lambda pb: issubclass(pb.TritonModelException, Exception)),
    ("TritonModelException raised", lambda pb: (_ for _ in ()).throw(pb.TritonModelException("bad config"))),
    ("TritonModelException has no message()", lambda pb: hasattr(pb.TritonModelException("bad"), "message")),
    # InferenceResponse
    ("InferenceResponse of tensors", lambda pb: pb.InferenceResponse(output_tensors=[pb.Tensor("y", F32)])),
    ("InferenceResponse positional", lambda pb: len(pb.InferenceResponse([pb.Tensor("y", F32)]).output_tensors())),
    ("InferenceResponse outputs", lambda pb: pb.InferenceResponse([pb.Tensor("y", F32)]).output_tensors()),
    ("InferenceResponse no args", lambda pb: pb.InferenceResponse().output_tensors()),
    ("InferenceResponse None", lambda pb: pb.InferenceResponse(output_tensors=None)),
    ("InferenceResponse empty", lambda pb: pb.InferenceResponse(output_tensors=[]).has_error()),
    ("InferenceResponse of arrays", lambda pb: pb.InferenceResponse(output_tensors=[np.zeros(1)])),
    ("InferenceResponse of a tensor", lambda pb: pb.InferenceResponse(output_tensors=pb.Tensor("y", F32))),
    ("InferenceResponse tuple", lambda pb: pb.InferenceResponse(output_tensors=(pb.Tensor("y", F32),))),
    ("InferenceResponse error", lambda pb: pb.InferenceResponse(output_tensors=[], error=pb.TritonError("e"))
     .error().message()),
    ("InferenceResponse error only", lambda pb: pb.InferenceResponse(error=pb.TritonError("e")).has_error()),
    ("InferenceResponse error str", lambda pb: pb.InferenceResponse(output_tensors=[], error="e")),
    ("InferenceResponse error None", lambda pb: pb.InferenceResponse(output_tensors=[], error=None).error()),
    ("InferenceResponse has_error", lambda pb: pb.InferenceResponse(output_tensors=[]).has_error()),
    ("get_output_tensor_by_name", lambda pb: pb.get_output_tensor_by_name(
        pb.InferenceResponse([pb.Tensor("y", F32)]), "y").name()),
    ("get_output_tensor_by_name missing", lambda pb: pb.get_output_tensor_by_name(
        pb.InferenceResponse([pb.Tensor("y", F32)]), "z")),
    # InferenceRequest (BLS)
    ("InferenceRequest without model", lambda pb: pb.InferenceRequest(inputs=[pb.Tensor("x", F32)])),
    ("InferenceRequest no args", lambda pb: pb.InferenceRequest()),
    ("InferenceRequest model and inputs", lambda pb: pb.InferenceRequest(model_name="m", inputs=[pb.Tensor("x", F32)])),
    ("InferenceRequest model and names", lambda pb: pb.InferenceRequest(model_name="m", requested_output_names=["y"])),
    ("InferenceRequest positional", lambda pb: pb.InferenceRequest("m", [pb.Tensor("x", F32)], ["y"])),
    ("InferenceRequest BLS", lambda pb: pb.InferenceRequest(
        model_name="m", inputs=[pb.Tensor("x", F32)], requested_output_names=["y"])),
    ("InferenceRequest BLS fields", lambda pb: (lambda r: [
        r.correlation_id(), r.flags(), r.request_id(), r.requested_output_names(), r.parameters(),
        [t.name() for t in r.inputs()]])(pb.InferenceRequest(
            model_name="m", inputs=[pb.Tensor("x", F32)], requested_output_names=["y"]))),
    ("InferenceRequest BLS correlation id", lambda pb: pb.InferenceRequest(
        model_name="m", inputs=[], requested_output_names=[], correlation_id=7).correlation_id()),
    ("get_input_tensor_by_name", lambda pb: pb.get_input_tensor_by_name(pb.InferenceRequest(
        model_name="m", inputs=[pb.Tensor("x", F32)], requested_output_names=["y"]), "x").name()),
    ("get_input_tensor_by_name missing", lambda pb: pb.get_input_tensor_by_name(pb.InferenceRequest(
        model_name="m", inputs=[pb.Tensor("x", F32)], requested_output_names=["y"]), "z")),
    # Logger
    ("Logger.log_info", lambda pb: pb.Logger.log_info("parity: info")),
    ("Logger.log_warn", lambda pb: pb.Logger.log_warn("parity: warn")),
    ("Logger.log_error", lambda pb: pb.Logger.log_error("parity: error")),
    ("Logger.log_verbose", lambda pb: pb.Logger.log_verbose("parity: verbose")),
    ("Logger.log", lambda pb: pb.Logger.log("parity: log")),
    ("Logger.log_info of an int", lambda pb: pb.Logger.log_info(3)),
    # ModelConfig (pure Python in the real module, but the double re-implements it)
    ("ModelConfig of a dict", lambda pb: pb.ModelConfig({"name": "m"})),
    ("ModelConfig as_dict", lambda pb: _mc(pb).as_dict()),
    ("set_max_batch_size smaller", lambda pb: _mc(pb, max_batch_size=8).set_max_batch_size(4)),
    ("set_max_batch_size", lambda pb: (lambda c: (c.set_max_batch_size(4), c.as_dict()["max_batch_size"]))(_mc(pb))),
    ("set_dynamic_batching sequence", lambda pb: _mc(pb, sequence_batching={}).set_dynamic_batching()),
    ("set_dynamic_batching ensemble", lambda pb: _mc(pb, ensemble_scheduling={}).set_dynamic_batching()),
    ("set_dynamic_batching", lambda pb: (lambda c: (c.set_dynamic_batching(), c.as_dict()))(_mc(pb))),
    ("add_input", lambda pb: (lambda c: (c.add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2]}),
                                         c.as_dict()["input"]))(_mc(pb))),
    ("add_input optional", lambda pb: (lambda c: (c.add_input(
        {"name": "a", "data_type": "TYPE_FP32", "dims": [2], "optional": True}), c.as_dict()["input"]))(_mc(pb))),
    ("add_input extra", lambda pb: _mc(pb).add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2], "x": 1})),
    ("add_input no name", lambda pb: _mc(pb).add_input({"data_type": "TYPE_FP32", "dims": [2]})),
    ("add_input no type", lambda pb: _mc(pb).add_input({"name": "a", "dims": [2]})),
    ("add_input no dims", lambda pb: _mc(pb).add_input({"name": "a", "data_type": "TYPE_FP32"})),
    ("add_input type clash", lambda pb: _mc(pb, input=[{"name": "a", "data_type": "TYPE_INT32", "dims": [2]}])
     .add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2]})),
    ("add_input dims clash", lambda pb: _mc(pb, input=[{"name": "a", "data_type": "TYPE_FP32", "dims": [3]}])
     .add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2]})),
    ("add_input optional clash", lambda pb: _mc(pb, input=[
        {"name": "a", "data_type": "TYPE_FP32", "dims": [2], "optional": False}])
     .add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2], "optional": True})),
    ("add_input merges", lambda pb: (lambda c: (c.add_input({"name": "a", "data_type": "TYPE_FP32", "dims": [2]}),
                                                c.as_dict()["input"]))(
        _mc(pb, input=[{"name": "a", "data_type": "TYPE_INVALID", "dims": [], "optional": False}]))),
    ("add_output", lambda pb: (lambda c: (c.add_output({"name": "y", "data_type": "TYPE_FP32", "dims": [2]}),
                                          c.as_dict()["output"]))(_mc(pb))),
    ("add_output optional", lambda pb: _mc(pb).add_output(
        {"name": "y", "data_type": "TYPE_FP32", "dims": [2], "optional": True})),
    ("add_output no dims", lambda pb: _mc(pb).add_output({"name": "y", "data_type": "TYPE_FP32"})),
    ("add_output type clash", lambda pb: _mc(pb, output=[{"name": "y", "data_type": "TYPE_INT32", "dims": [2]}])
     .add_output({"name": "y", "data_type": "TYPE_FP32", "dims": [2]})),
    ("add_output dims clash", lambda pb: _mc(pb, output=[{"name": "y", "data_type": "TYPE_FP32", "dims": [3]}])
     .add_output({"name": "y", "data_type": "TYPE_FP32", "dims": [2]})),
    ("set_model_transaction_policy", lambda pb: (lambda c: (c.set_model_transaction_policy({"decoupled": True}),
                                                            c.as_dict()["model_transaction_policy"]))(_mc(pb))),
    ("set_model_transaction_policy extra", lambda pb: _mc(pb).set_model_transaction_policy({"other": 1})),
    ("set_model_transaction_policy change", lambda pb: _mc(
        pb, model_transaction_policy={"decoupled": False}).set_model_transaction_policy({"decoupled": True})),
]


def _plain_sender_steps():
    """A model that is not decoupled may answer through the sender too: one response, then the final flag."""
    final = lambda pb: pb.TRITONSERVER_RESPONSE_COMPLETE_FINAL  # noqa: E731
    out = lambda pb: pb.InferenceResponse(output_tensors=[pb.Tensor("y", F32)])  # noqa: E731
    return [
        ("plain: the final flag first", lambda pb, r: r.get_response_sender().send(flags=final(pb))),
        ("plain: a response", lambda pb, r: r.get_response_sender().send(out(pb))),
        ("plain: a second response", lambda pb, r: r.get_response_sender().send(out(pb))),
        ("plain: the final flag", lambda pb, r: r.get_response_sender().send(flags=final(pb))),
        ("plain: after the final flag", lambda pb, r: r.get_response_sender().send(out(pb), flags=final(pb))),
    ]


def _sender_steps(decoupled):
    """Steps on one response sender, in order: each sees what the ones before it did."""
    final = lambda pb: pb.TRITONSERVER_RESPONSE_COMPLETE_FINAL  # noqa: E731
    out = lambda pb: pb.InferenceResponse(output_tensors=[pb.Tensor("y", F32)])  # noqa: E731
    steps = [
        ("sender is the same object", lambda pb, r: r.get_response_sender() is r.get_response_sender()),
        ("sender is_cancelled", lambda pb, r: r.get_response_sender().is_cancelled()),
        ("send a str", lambda pb, r: r.get_response_sender().send("y")),
        ("send flags 2", lambda pb, r: r.get_response_sender().send(out(pb), flags=2)),
    ]
    if decoupled:
        steps += [
            ("send nothing", lambda pb, r: r.get_response_sender().send()),
            ("send a response", lambda pb, r: r.get_response_sender().send(out(pb))),
            ("send a response with flags 0", lambda pb, r: r.get_response_sender().send(out(pb), flags=0)),
            ("send the final flag", lambda pb, r: r.get_response_sender().send(flags=final(pb))),
            ("send after the final flag", lambda pb, r: r.get_response_sender().send(out(pb))),
            ("send the final flag again", lambda pb, r: r.get_response_sender().send(flags=final(pb))),
            ("send flags 2 after the final flag", lambda pb, r: r.get_response_sender().send(out(pb), flags=2)),
            ("send nothing after the final flag", lambda pb, r: r.get_response_sender().send()),
            # Not is_cancelled() after the final flag: Triton 24.10 dies of it (SIGSEGV in
            # TRITONBACKEND_ResponseFactoryIsCancelled), so no model may do it and no case does.
        ]
    return steps


def execute_cases(mode):
    """mode: "plain" (execute returns the responses), "sender" (a plain model answering through its
    response sender) or "decoupled"."""
    return [
        ("request inputs", lambda pb, r: [(t.name(), t.shape()) for t in r.inputs()]),
        ("request input triton_dtype", lambda pb, r: r.inputs()[0].triton_dtype()),
        ("request input values", lambda pb, r: pb.get_input_tensor_by_name(r, "x").as_numpy()),
        ("request correlation_id", lambda pb, r: r.correlation_id()),
        ("request flags", lambda pb, r: r.flags()),
        ("request request_id", lambda pb, r: r.request_id()),
        ("request requested_output_names", lambda pb, r: r.requested_output_names()),
        ("request parameters", lambda pb, r: r.parameters()),
        ("request is_cancelled", lambda pb, r: r.is_cancelled()),
        ("request set_release_flags", lambda pb, r: r.set_release_flags(0)),
        ("missing input", lambda pb, r: pb.get_input_tensor_by_name(r, "nope")),
    ] + (_plain_sender_steps() if mode == "sender" else _sender_steps(mode == "decoupled"))
