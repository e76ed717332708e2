"""Drives the multi-replica test through the generated scripts/inference_client.py (a fixture of
test/triton/multi-replica.test.ts, not a user script).

    python multi-replica-driver.py SCRIPTS_DIR ROUTER_GRPC SIGNAL_DIR EPISODES STEPS PAUSE_AT STATELESS

1. STATELESS requests of the stateless model from one client (one gRPC connection), no sequence.
2. EPISODES episodes of the stateful ACT policy at once, one thread and one client each; every
   episode runs PAUSE_AT steps, then all wait until SIGNAL_DIR/go exists (SIGNAL_DIR/paused says
   they are waiting; the test stops a replica meanwhile), then run to STEPS and end.
The observation tells the policy whose episode and which step it is (state[0], state[1]); the
action says which replica computed it (action[1]) for which episode and step (action[0], action[2]).
Prints one JSON object with every step of every episode.
"""
import json
import os
import sys
import threading
import time

scripts, url, signal_dir = sys.argv[1], sys.argv[2], sys.argv[3]
episodes, steps, pause_at, stateless = (int(v) for v in sys.argv[4:8])
sys.path.insert(0, scripts)
import numpy as np  # noqa: E402
from inference_client import InferenceClient, example_inputs  # noqa: E402

ping = InferenceClient(url, "ping")
for _ in range(stateless):
    ping.predict(example_inputs(ping.model))
ping.close()

paused = threading.Barrier(episodes + 1, timeout=120)
go = threading.Event()
records = [None] * episodes
errors = []


def observation(client, tag, step):
    inputs = example_inputs(client.model)
    inputs["state__0"][0, 0] = tag
    inputs["state__0"][0, 1] = step
    return inputs


def episode(index):
    tag = index + 1
    rows = []
    try:
        client = InferenceClient(url, "act_pick_place", timeout=60.0)
        client.start_episode()
        first_id = client.sequence_id
        for step in range(steps):
            if step == pause_at:
                paused.wait()
                go.wait(timeout=130)
            last = step == steps - 1
            before = client.restarts
            action = client.predict(observation(client, tag, step), end=last)["action__0"].reshape(-1)
            rows.append({"step": step, "tag": float(action[0]), "replica": int(action[1]), "for_step": float(action[2]),
                         "restarted": client.restarts > before, "sequence_id": client.sequence_id})
        records[index] = {"tag": tag, "first_sequence_id": first_id, "restarts": client.restarts, "steps": rows}
        client.close()
    except Exception as error:  # reported in the JSON, so the test names the episode
        # The type and the text: tritonclient's exceptions have an empty repr.
        errors.append("episode {} at step {}: {}: {}".format(tag, len(rows), type(error).__name__, error))
        paused.abort()


threads = [threading.Thread(target=episode, args=(i,), daemon=True) for i in range(episodes)]
for thread in threads:
    thread.start()
try:
    paused.wait()
    open(os.path.join(signal_dir, "paused"), "w").close()
    deadline = time.monotonic() + 120
    while not os.path.exists(os.path.join(signal_dir, "go")) and time.monotonic() < deadline:
        time.sleep(0.05)
    go.set()
except threading.BrokenBarrierError:
    errors.append("an episode failed before the pause")
for thread in threads:
    thread.join(timeout=180)
print(json.dumps({"episodes": records, "errors": errors}))
