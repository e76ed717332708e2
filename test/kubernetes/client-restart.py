"""Fixture of client-restart.test.ts: the generated clients against a fake tritonclient client
that records every request and fails the ones it is told to. Prints one JSON object."""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
import inference_client as ic  # noqa: E402
import test_python_backend as smoke  # noqa: E402
from tritonclient.utils import InferenceServerException  # noqa: E402

START_FLAG = "inference request for sequence 7 to model 'act_pick_place' must specify the START flag on the first request of the sequence"


class Result:
    def as_numpy(self, name):
        return np.zeros((1, 8), dtype=np.float32)


class FakeClient:
    def __init__(self, failures):
        self.calls = []
        self.failures = list(failures)

    def infer(self, name, inputs, outputs=None, headers=None, **options):
        self.calls.append({"headers": headers, "id": options.get("sequence_id"), "start": options.get("sequence_start"), "end": options.get("sequence_end")})
        failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            raise failure
        return Result()

    def close(self):
        pass


def episode(failures, steps=4):
    client = ic.InferenceClient("127.0.0.1:1", "act_pick_place")
    fake = client.connection.client = FakeClient(failures)
    error = None
    try:
        client.start_episode()
        for step in range(steps):
            client.predict(ic.example_inputs(client.model), end=step == steps - 1)
    except Exception as e:
        error = str(e)
    return {"calls": fake.calls, "restarts": client.restarts, "error": error}


report = {
    "lost": episode([None, None, InferenceServerException(msg=START_FLAG, status="StatusCode.INVALID_ARGUMENT")]),
    "unavailable": episode([None, InferenceServerException(msg="upstream connect error", status="StatusCode.UNAVAILABLE")]),
    "other": episode([None, InferenceServerException(msg="unexpected shape for input 'state__0'", status="StatusCode.INVALID_ARGUMENT")]),
}
connection = ic.Connection("127.0.0.1:1", "grpc")
fake = connection.client = FakeClient([InferenceServerException(msg=START_FLAG, status="StatusCode.INVALID_ARGUMENT")])
report["smoke"] = {"ok": smoke.infer_once(connection, ic.MODELS_BY_NAME["act_pick_place"]), "calls": fake.calls}
print(json.dumps(report))
