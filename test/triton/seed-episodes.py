"""Drives the seed deployment through the generated scripts/inference_client.py (real tritonclient).

    python seed-episodes.py SCRIPTS_DIR PROTOCOL URL EPISODE_BASE IDLE_SECONDS

Prints one JSON object: the actions each concurrent episode received, and what the
restart, failing-last-step, idle and fresh-sequence probes saw. The test compares them
with the policy's formula; nothing is checked here.
"""
import json
import random
import sys
import threading
import time

import numpy as np

scripts, protocol, url, base, idle_seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
sys.path.insert(0, scripts)
from inference_client import InferenceClient, MODELS_BY_NAME, Connection  # noqa: E402

EPISODES = 8
STEPS = 7
IMAGE = np.zeros((3, 480, 640), dtype=np.float32)
MODEL = MODELS_BY_NAME["act_pick_place"]


def observation(episode, step, poison=False):
    state = np.zeros(8, dtype=np.float32)
    state[0], state[1] = episode, step
    if poison:
        state[7] = -1
    return {"state__0": state, "image__1": IMAGE}


def run_episode(episode, actions, errors):
    rng = random.Random(episode)
    try:
        with InferenceClient(url, "act_pick_place", timeout=60.0, protocol=protocol) as client:
            client.start_episode()
            for step in range(STEPS):
                # Jitter so that the steps of the episodes interleave in Triton's batches.
                time.sleep(rng.uniform(0, 0.02))
                outputs = client.predict(observation(episode, step), end=step == STEPS - 1)
                actions[episode].append(outputs["action__0"].tolist())
    except Exception as error:  # reported to the test, which fails on it
        errors.append("episode {}: {!r}".format(episode, error))


def one(connection, sequence_id, episode, step, start=False, end=False):
    arrays = {"state__0": observation(episode, step)["state__0"][np.newaxis], "image__1": IMAGE[np.newaxis]}
    outputs = connection.infer(MODEL, arrays, {"sequence_id": sequence_id, "sequence_start": start, "sequence_end": end})
    return outputs["action__0"][0].tolist()


def error_of(action):
    try:
        action()
        return None
    except Exception as error:
        return str(error)


result = {"actions": {}, "errors": []}
episodes = [base + i for i in range(EPISODES)]
actions = {e: [] for e in episodes}
threads = [threading.Thread(target=run_episode, args=(e, actions, result["errors"])) for e in episodes]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=240)
result["actions"] = {str(e): a for e, a in actions.items()}

connection = Connection(url, protocol, 60.0)
# START resets: a second START on the same id gets a fresh chunk, not the rest of the first one.
restart_id = 4242 + base
began = time.monotonic()
first = one(connection, restart_id, base + 50, 0, start=True)
# Seconds the first request after the episodes took: a slot not freed by END would keep it waiting
# in the backlog until Triton's idle timeout.
result["first_after_episodes_s"] = time.monotonic() - began
result["restart"] = [
    first,
    one(connection, restart_id, base + 50, 1),
    one(connection, restart_id, base + 60, 0, start=True),
    one(connection, restart_id, base + 60, 1, end=True),
]

# A failing last step: the request errors, the client closes its episode, the next one works.
client = InferenceClient(url, "act_pick_place", timeout=60.0, protocol=protocol)
client.start_episode()
for step in range(3):  # one whole chunk: the last step's request makes the policy run again
    client.predict(observation(base + 70, step))
result["failing_end_error"] = error_of(lambda: client.predict(observation(base + 70, 3, poison=True), end=True))
result["failing_end_open_after"] = client.sequence_id is not None
client.start_episode()
result["after_failure"] = client.predict(observation(base + 71, 0), end=True)["action__0"].tolist()
client.close()

# Idle: a sequence left alone longer than max_sequence_idle_microseconds is gone.
idle_id = 5151 + base
one(connection, idle_id, base + 80, 0, start=True)
time.sleep(idle_seconds + 1.5)
result["idle_error"] = error_of(lambda: one(connection, idle_id, base + 80, 1))

# A fresh one-request sequence: the model holds only that one (the others were freed).
result["fresh"] = one(connection, 6161 + base, base + 90, 0, start=True, end=True)
connection.close()
print(json.dumps(result))
