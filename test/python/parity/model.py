"""Runs backend_cases.py inside a model: in Triton's Python backend, or under the double (run_double.py).

The record goes to the file named by the model's "record" parameter: <record>.initialize.json
and <record>.execute.json (and, from Triton only, <record>.auto_complete.json). A decoupled model answers only through its response sender (the
cases send its responses), and so does a plain one whose "mode" parameter is "sender"; any
other plain one returns one response per request.
"""

import json
import os

import numpy as np
import triton_python_backend_utils as pb_utils

import backend_cases


def write(path, records):
    """Whole or not at all: the test reads the file as soon as it appears."""
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(records, f)
    os.replace(path + ".tmp", path)


class TritonPythonModel:
    @staticmethod
    def auto_complete_config(auto_complete_model_config):
        """Records the config Triton hands to auto-complete (its fields and their types), which the
        drivers of the double (drive_model.py, drive_conformance.py) imitate; changes nothing."""
        config = auto_complete_model_config.as_dict()
        fields = {key: type(value).__name__ for key, value in config.items()}
        write(config["parameters"]["record"]["string_value"] + ".auto_complete.json", fields)
        return auto_complete_model_config

    def initialize(self, args):
        self.config = json.loads(args["model_config"])
        self.path = self.config["parameters"]["record"]["string_value"]
        self.decoupled = pb_utils.using_decoupled_model_transaction_policy(self.config)
        mode = self.config["parameters"].get("mode", {}).get("string_value", "")
        self.mode = "decoupled" if self.decoupled else mode or "plain"
        write(self.path + ".initialize.json", backend_cases.record(backend_cases.INITIALIZE, pb_utils))

    def execute(self, requests):
        records = [backend_cases.record(backend_cases.execute_cases(self.mode), pb_utils, r) for r in requests]
        write(self.path + ".execute.json", records)
        if self.mode != "plain":
            return None
        y = np.array([1, 2], dtype=np.float32)
        return [pb_utils.InferenceResponse([pb_utils.Tensor("y", y)]) for _ in requests]
