"""Latency of the ACT deployment, one request at a time, with the real tritonclient.

    python act_latency.py SCRIPTS_DIR PROTOCOL URL EPISODES STEPS

Runs EPISODES episodes of STEPS steps through the generated InferenceClient
(state and a 3x480x640 FP32 image per step, as the policy receives them) after
one warm-up episode, and prints {"latencies_ms": [...]}: the wall time of each
predict call, client side.
"""
import json
import sys
import time

import numpy as np

scripts, protocol, url, episodes, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, scripts)
from inference_client import InferenceClient  # noqa: E402

rng = np.random.default_rng(0)
observation = {"state__0": rng.standard_normal(8).astype(np.float32), "image__1": rng.random((3, 480, 640), dtype=np.float32)}
latencies = []
with InferenceClient(url, "act_pick_place", timeout=60.0, protocol=protocol) as client:
    if not client.wait_until_ready(timeout=60.0):
        raise SystemExit("not ready")
    for episode in range(episodes + 1):
        client.start_episode()
        for step in range(steps):
            began = time.perf_counter()
            client.predict(observation, end=step == steps - 1)
            if episode > 0:  # episode 0 warms up connections and caches
                latencies.append((time.perf_counter() - began) * 1000.0)
print(json.dumps({"latencies_ms": latencies}))
