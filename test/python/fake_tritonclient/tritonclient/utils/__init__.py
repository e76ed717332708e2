"""The part of tritonclient.utils the generated scripts use."""

import numpy as np

_TRITON_TO_NP = {
    "BOOL": bool,
    "UINT8": np.uint8,
    "UINT16": np.uint16,
    "UINT32": np.uint32,
    "UINT64": np.uint64,
    "INT8": np.int8,
    "INT16": np.int16,
    "INT32": np.int32,
    "INT64": np.int64,
    "FP16": np.float16,
    "FP32": np.float32,
    "FP64": np.float64,
    "BYTES": np.object_,
}


class InferenceServerException(Exception):
    def __init__(self, msg, status=None, debug_details=None):
        super().__init__(msg)
        self._msg = msg
        self._status = status

    def message(self):
        return self._msg

    def status(self):
        return self._status


def triton_to_np_dtype(dtype):
    return _TRITON_TO_NP.get(dtype)


def np_to_triton_dtype(np_dtype):
    np_dtype = np.dtype(np_dtype)
    if np_dtype == np.object_ or np_dtype.type == np.bytes_:
        return "BYTES"
    for name, candidate in _TRITON_TO_NP.items():
        if name != "BYTES" and np.dtype(candidate) == np_dtype:
            return name
    return None
