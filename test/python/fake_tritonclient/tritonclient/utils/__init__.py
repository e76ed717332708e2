"""The part of tritonclient.utils the generated scripts use, behaving as tritonclient 2.73's
(test/triton/double-parity.test.ts compares them call by call)."""

import numpy as np

# Triton's wire names and numpy types, in the order the real lookups try them. Lookups compare with
# `==`, so np.dtype("float32") and np.float32 both match, and np.dtype("U3") matches nothing.
_TRITON_TO_NP = [
    ("BOOL", bool),
    ("INT8", np.int8),
    ("INT16", np.int16),
    ("INT32", np.int32),
    ("INT64", np.int64),
    ("UINT8", np.uint8),
    ("UINT16", np.uint16),
    ("UINT32", np.uint32),
    ("UINT64", np.uint64),
    ("FP16", np.float16),
    ("FP32", np.float32),
    ("FP64", np.float64),
]


class InferenceServerException(Exception):
    """str() is "[status] message" when there is a status (gRPC's StatusCode name), else the message."""

    def __init__(self, msg, status=None, debug_details=None):
        super().__init__(msg)
        self._msg = msg
        self._status = status
        self._debug_details = debug_details

    def __str__(self):
        text = super().__str__() if self._msg is None else self._msg
        return text if self._status is None else "[{}] {}".format(self._status, text)

    def message(self):
        return self._msg

    def status(self):
        return self._status

    def debug_details(self):
        return self._debug_details


def raise_error(msg):
    raise InferenceServerException(msg=msg) from None


def triton_to_np_dtype(dtype):
    for name, numpy_type in _TRITON_TO_NP:
        if dtype == name:
            return numpy_type
    return np.object_ if dtype == "BYTES" else None


def np_to_triton_dtype(np_dtype):
    for name, numpy_type in _TRITON_TO_NP:
        if np_dtype == numpy_type:
            return name
    if np_dtype == np.object_ or np_dtype.type == np.bytes_:
        return "BYTES"
    return None
