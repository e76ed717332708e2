"""The user code test/triton/templates.test.ts fills into every generated model.py.

The test replaces the YOUR CODE block of each model with load_model returning
this module and predict calling the function of its template, so the
generated machinery around it (reading inputs, batching, sequences, streams,
cancellation) runs in the real Triton on a known, deterministic model. The
client (templates_client.py) states its own expectations; it does not import this.
"""

import time

import numpy as np
import triton_python_backend_utils as pb_utils

import gen_repo_spec

# A decoupled request whose first x_int64 is at least this streams LONG_STREAM slow responses, for the cancellation test.
LONG_MARKER = 1000
LONG_STREAM = 400


def transform(inputs, step=0):
    """Every output from its input, elementwise, so any batch dimension passes through."""
    return {
        "y_fp32": inputs["x_fp32"] * np.float32(2) + np.float32(1),
        "y_fp16": inputs["x_fp16"] * np.float16(2),
        "y_int64": inputs["x_int64"] + 10 + 100 * step,
        "y_bool": np.logical_not(inputs["x_bool"]),
        "y_string": np.vectorize(lambda s: b"<" + s + b">", otypes=[object])(inputs["x_string"]),
        "y_var": inputs["x_var"][..., ::-1],
    }


def basic(model, inputs):
    # The log line shows how many requests' rows one predict call got.
    batch = inputs["x_int64"].shape[0] if model.max_batch_size > 0 else 0
    pb_utils.Logger.log_info("{} predict batch={}".format(model.model_name, batch))
    return transform(inputs)


def stateful(model, inputs):
    """A chunk of two steps, (2, *dims): step 1 adds 100 to y_int64."""
    one = {name: (array[0] if model.max_batch_size > 0 else array) for name, array in inputs.items()}
    steps = [transform(one, step) for step in range(2)]
    return {name: np.stack([step[name] for step in steps]) for name in steps[0]}


def decoupled(model, inputs):
    """RESPONSES_PER_REQUEST responses (step k adds 100 k to y_int64), or a long slow stream."""
    long_stream = int(inputs["x_int64"].reshape(-1)[0]) >= LONG_MARKER
    count = LONG_STREAM if long_stream else gen_repo_spec.RESPONSES_PER_REQUEST
    produced = 0
    try:
        for step in range(count):
            if long_stream:
                time.sleep(0.025)
            produced += 1
            yield transform(inputs, step)
    finally:
        pb_utils.Logger.log_info("{} stream ended after {} of {}".format(model.model_name, produced, count))
