"""Calls into tritonclient.grpc, the same script for the real client against a real Triton and for the fake.

    python3 client_cases.py HOST:PORT > record.json

The server holds the models of test/python/parity (echo_model.py): add_one (batching, x FP32 [2],
optional o), stream_two (decoupled: two responses, then the final flag), seq (sequence
batching) and seq_pipe (an ensemble of seq, a -> b). Each case records its value or its exception
(type, str(), status()), as backend_cases.record does; stream cases also record on which thread
and when the callbacks ran.
test/triton/double-parity.test.ts compares the two records call by call.
"""

import json
import queue
import sys
import threading

import numpy as np
import tritonclient.grpc as grpcclient
from tritonclient.utils import InferenceServerException, np_to_triton_dtype, triton_to_np_dtype

from backend_cases import describe

URL = sys.argv[1] if len(sys.argv) > 1 else "localhost:8001"
X = np.array([[1.0, 2.0]], dtype=np.float32)


def record(cases):
    out = []
    for label, case in cases:
        try:
            out.append({"case": label, "ok": describe(case())})
        except Exception as error:  # every outcome is recorded, the failures too
            entry = {"case": label, "raise": type(error).__name__, "message": str(error).split("\n")[0]}
            if isinstance(error, InferenceServerException):
                entry["status"] = error.status()
                entry["raw"] = str(error.message()).split("\n")[0]
            out.append(entry)
    return out


def infer_input(name, shape, datatype, data=None):
    tensor = grpcclient.InferInput(name, shape, datatype)
    if data is not None:
        tensor.set_data_from_numpy(data)
    return tensor


def client():
    return grpcclient.InferenceServerClient(URL)


def infer(model, inputs, **options):
    return client().infer(model, inputs, **options)


def result_view(result):
    response = result.get_response()
    return {
        "y": result.as_numpy("y"),
        "missing": result.as_numpy("nope"),
        "outputs": [o.name for o in response.outputs],
        "final": response.parameters["triton_final_response"].bool_param
        if "triton_final_response" in response.parameters else None,
    }


def stream(model, inputs, enable_empty_final_response=True, timeout=20.0, **options):
    """One streamed request: what each callback received, on which thread, and whether
    async_stream_infer had returned by then; until an error, the final response, or `timeout`
    seconds without a callback."""
    c = client()
    events = queue.Queue()
    state = {"returned": False}
    main = threading.current_thread()

    def callback(*args, **kwargs):
        events.put({
            "positional": len(args),
            "keywords": sorted(kwargs),
            "other_thread": threading.current_thread() is not main,
            "after_return": state["returned"],
            "result": None if kwargs.get("result") is None else result_view(kwargs["result"]),
            "error": None if kwargs.get("error") is None else {
                "type": type(kwargs["error"]).__name__, "str": str(kwargs["error"]),
                "status": kwargs["error"].status()},
        })

    c.start_stream(callback=callback)
    try:
        c.async_stream_infer(model, inputs, enable_empty_final_response=enable_empty_final_response, **options)
        state["returned"] = True
        seen = []
        while True:
            try:
                event = events.get(timeout=timeout)
            except queue.Empty:
                return seen
            seen.append(event)
            if event["error"] is not None or (event["result"] or {}).get("final"):
                return seen
    finally:
        c.stop_stream()


def start_twice():
    c = client()
    c.start_stream(callback=lambda result, error: None)
    try:
        c.start_stream(callback=lambda result, error: None)
    finally:
        c.stop_stream()


def seq_pair():
    c = client()
    first = c.infer("seq", [infer_input("x", [2], "FP32", X[0])], sequence_id=41, sequence_start=True)
    second = c.infer("seq", [infer_input("x", [2], "FP32", X[0])], sequence_id=41, sequence_end=True)
    return [first.as_numpy("y"), second.as_numpy("y")]


CASES = [
    # tritonclient.utils
    ("np_to_triton_dtype", lambda: [np_to_triton_dtype(np.dtype(t)) for t in (
        bool, np.uint8, np.int32, np.int64, np.float16, np.float32, np.float64, np.object_, "S3", "U3")]),
    ("triton_to_np_dtype", lambda: [triton_to_np_dtype(t) for t in (
        "BOOL", "UINT8", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES", "TYPE_FP32", "fp32")]),
    ("InferenceServerException", lambda: [str(InferenceServerException("m", "S")), str(InferenceServerException("m"))]),
    # InferInput
    ("InferInput accessors", lambda: (lambda t: [t.name(), list(t.shape()), t.datatype()])(
        infer_input("x", [1, 2], "FP32"))),
    ("set_data_from_numpy", lambda: infer_input("x", [1, 2], "FP32", X).name()),
    ("set_data_from_numpy returns the input", lambda: (lambda t: t.set_data_from_numpy(X) is t)(
        infer_input("x", [1, 2], "FP32"))),
    ("set_data_from_numpy of a list", lambda: infer_input("x", [1, 2], "FP32", [[1.0, 2.0]])),
    ("set_data_from_numpy wrong dtype", lambda: infer_input("x", [1, 2], "FP32", X.astype(np.float64))),
    ("set_data_from_numpy wrong shape", lambda: infer_input("x", [1, 3], "FP32", X)),
    ("set_data_from_numpy more dims", lambda: infer_input("x", [2], "FP32", X)),
    ("set_data_from_numpy fewer dims", lambda: infer_input("x", [1, 1, 2], "FP32", X)),
    ("set_data_from_numpy one dim", lambda: infer_input("x", [3], "FP32", X[0])),
    ("set_data_from_numpy bytes", lambda: infer_input("s", [1], "BYTES", np.array([b"a"], dtype=np.object_)).name()),
    ("set_data_from_numpy bytes_", lambda: infer_input("s", [1], "BYTES", np.array([b"a"])).name()),
    ("set_data_from_numpy str_", lambda: infer_input("s", [1], "BYTES", np.array(["a"]))),
    ("InferRequestedOutput", lambda: grpcclient.InferRequestedOutput("y").name()),
    # infer
    ("infer", lambda: result_view(infer("add_one", [infer_input("x", [1, 2], "FP32", X)]))),
    ("infer with outputs", lambda: result_view(infer(
        "add_one", [infer_input("x", [1, 2], "FP32", X)], outputs=[grpcclient.InferRequestedOutput("y")]))),
    ("infer unknown model", lambda: infer("nope", [infer_input("x", [1, 2], "FP32", X)])),
    ("infer wrong datatype", lambda: infer("add_one", [infer_input("x", [1, 2], "FP64", X.astype(np.float64))])),
    ("infer wrong shape", lambda: infer("add_one", [infer_input("x", [1, 3], "FP32", np.zeros((1, 3), np.float32))])),
    ("infer no batch dimension", lambda: infer("add_one", [infer_input("x", [2], "FP32", X[0])])),
    ("infer batch too large", lambda: infer(
        "add_one", [infer_input("x", [5, 2], "FP32", np.zeros((5, 2), np.float32))])),
    ("infer unknown input", lambda: infer("add_one", [
        infer_input("x", [1, 2], "FP32", X), infer_input("z", [1, 1], "INT32", np.zeros((1, 1), np.int32))])),
    ("infer missing input", lambda: infer("add_one", [infer_input("o", [1, 1], "INT32", np.zeros((1, 1), np.int32))])),
    ("infer no inputs", lambda: infer("seq", [], sequence_id=44, sequence_start=True)),
    ("infer without data", lambda: infer("add_one", [infer_input("x", [1, 2], "FP32")])),
    ("infer error response", lambda: infer("add_one", [infer_input("x", [1, 2], "FP32", -X)])),
    ("infer decoupled", lambda: infer("stream_two", [infer_input("x", [2], "FP32", X[0])])),
    ("infer sequence without id", lambda: infer("seq", [infer_input("x", [2], "FP32", X[0])])),
    ("infer sequence without start", lambda: infer("seq", [infer_input("x", [2], "FP32", X[0])], sequence_id=40)),
    ("infer sequence", seq_pair),
    ("infer sequence after its end", lambda: infer("seq", [infer_input("x", [2], "FP32", X[0])], sequence_id=41)),
    ("infer ensemble", lambda: infer("seq_pipe", [infer_input("a", [2], "FP32", X[0])], sequence_id=45,
                                     sequence_start=True, sequence_end=True).as_numpy("b")),
    ("infer ensemble over a sequence model without id", lambda: infer(
        "seq_pipe", [infer_input("a", [2], "FP32", X[0])])),
    ("infer ensemble step error", lambda: infer("seq_pipe", [infer_input("a", [2], "FP32", -X[0])], sequence_id=46,
                                                sequence_start=True, sequence_end=True)),
    # streams
    ("async_stream_infer without a stream", lambda: client().async_stream_infer(
        "stream_two", [infer_input("x", [2], "FP32", X[0])])),
    ("start_stream twice", start_twice),
    ("stream", lambda: stream("stream_two", [infer_input("x", [2], "FP32", X[0])])),
    ("stream without the empty final response", lambda: stream(
        "stream_two", [infer_input("x", [2], "FP32", X[0])], enable_empty_final_response=False, timeout=3.0)),
    ("stream error response", lambda: stream("stream_two", [infer_input("x", [2], "FP32", -X[0])])),
    ("stream to a plain model", lambda: stream("add_one", [infer_input("x", [1, 2], "FP32", X)])),
    ("stream unknown model", lambda: stream("nope", [infer_input("x", [2], "FP32", X[0])])),
    ("stream wrong shape", lambda: stream("stream_two", [infer_input("x", [1, 2], "FP32", X)])),
    ("stream sequence without start", lambda: stream("seq", [infer_input("x", [2], "FP32", X[0])], sequence_id=43)),
]


if __name__ == "__main__":
    json.dump(record(CASES), sys.stdout)
