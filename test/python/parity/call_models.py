"""Sends the one request each backend-parity model gets inside Triton, with the real tritonclient.

    python call_models.py HOST:PORT

plain (request id r1) and sender (r3) are called with infer, decoupled (r2) over a stream;
run_double.py hands the double the same requests. Prints one line per model.
"""

import queue
import sys

import numpy as np
import tritonclient.grpc as grpcclient

X = np.array([1.0, 2.0], dtype=np.float32)


def x_input():
    tensor = grpcclient.InferInput("x", [2], "FP32")
    tensor.set_data_from_numpy(X)
    return tensor


def main():
    client = grpcclient.InferenceServerClient(sys.argv[1])
    print("plain", client.infer("plain", [x_input()], request_id="r1").as_numpy("y").tolist())
    print("sender", client.infer("sender", [x_input()], request_id="r3").as_numpy("y").tolist())
    events = queue.Queue()
    client.start_stream(callback=lambda result, error: events.put((result, error)))
    client.async_stream_infer("decoupled", [x_input()], request_id="r2", enable_empty_final_response=True)
    responses = 0
    while True:
        result, error = events.get(timeout=60)
        if error is not None:
            raise error
        responses += 1
        if result.get_response().parameters["triton_final_response"].bool_param:
            break
    client.stop_stream()
    print("decoupled", responses)


if __name__ == "__main__":
    main()
