# The seed test's policy, filled into the generated model.py in place of the placeholder
# load_model and predict (nothing else of model.py is edited). Deterministic and cheap:
# each predict returns a chunk of 3 actions, action k = 10 * state + k, so every action
# names its episode (state[0]) and the step its chunk started at (state[1]).
# It logs each call through Triton's log, which the test reads:
#   "seed-policy: predict episode=E step=S open=N"   (N: sequences the model holds)
#   "seed-policy: empty slot"                        (a READY=false request of the sequence batcher)
    def load_model(self, checkpoint_path, device):
        """Seed-test policy: no checkpoint; counts the sequence batcher's empty slots as they pass."""
        execute = self.execute

        def counting_execute(requests):
            for request in requests:
                ready = pb_utils.get_input_tensor_by_name(request, "READY")
                if ready is not None and not ready.as_numpy().reshape(-1)[0]:
                    pb_utils.Logger.log_info("seed-policy: empty slot")
            return execute(requests)

        self.execute = counting_execute
        return {"chunk": 3}

    def predict(self, inputs):
        """3 actions: 10 * state + k; a negative state[7] raises (a failing step)."""
        state = np.asarray(inputs["state__0"], dtype=np.float32).reshape(-1, 8)[0]
        pb_utils.Logger.log_info(
            "seed-policy: predict episode={} step={} open={}".format(
                int(state[0]), int(state[1]), len(getattr(self, "sequences", {}))
            )
        )
        if state[7] < 0:
            raise ValueError("seed-policy: poisoned observation")
        chunk = np.stack([state * 10.0 + k for k in range(self.model["chunk"])]).astype(np.float32)
        return {"action__0": chunk}
