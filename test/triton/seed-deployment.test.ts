/**
 * The seed deployment, end to end, against the real Triton and the real
 * tritonclient: `gen-repo generate fixtures/act-pick-place.yaml --device cpu`,
 * a small deterministic policy filled into load_model/predict, `gen-repo
 * serve`, then the generated scripts over gRPC and HTTP. Eight concurrent
 * episodes go through Triton's sequence batcher (4 slots: half of them wait
 * for a slot that only END frees); each must get exactly its own actions.
 * The oracle is the policy's formula (action k of a chunk = 10 * state + k,
 * chunks of 3), computed here, not by the code under test.
 *
 * The policy logs `open=N` (sequences the model holds) on Triton's log, one
 * quoted line each, so checks end with the closing quote (open=1 is not open=10).
 *
 * One edit to the generated seed besides the policy: max_sequence_idle_microseconds
 * 60 s → 3 s in config.pbtxt, so that the idle timeout can be waited for.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBinary } from "../support/run-cli.js";
import { realTriton, runClientPython } from "../support/triton.js";
import { ROOT, type Served, fillSeedPolicy, startServe } from "./seed-support.js";

const triton = realTriton();
const IDLE_SECONDS = 3;
const MODEL = "act_pick_place";

/** What the policy must answer at step `t` of episode `e` (state = [e, t, 0, …]): chunks of 3 from the chunk's first state. */
function expectedAction(episode: number, step: number): number[] {
  const k = step % 3;
  const chunkStart = step - k;
  return [10 * episode + k, 10 * chunkStart + k, k, k, k, k, k, k];
}

interface Probe {
  actions: Record<string, number[][]>;
  errors: string[];
  restart: number[][];
  first_after_episodes_s: number;
  failing_end_error: string | null;
  failing_end_open_after: boolean;
  after_failure: number[];
  idle_error: string | null;
  fresh: number[];
}

describe.skipIf(!triton)("the seed deployment on the real Triton (generate --device cpu, serve, scripts)", () => {
  const work = mkdtempSync(join(tmpdir(), "seed-e2e-"));
  const deploy = join(work, "deploy");
  const scripts = join(deploy, "scripts");
  let served: Served | undefined;
  const probes: Record<string, Probe> = {};

  beforeAll(async () => {
    const generated = runBinary([
      "generate",
      join(ROOT, "fixtures", "act-pick-place.yaml"),
      "--out",
      deploy,
      "--device",
      "cpu",
    ]);
    if (generated.code !== 0) throw new Error(`generate failed:\n${generated.stdout}\n${generated.stderr}`);
    const modelPy = join(deploy, "model_repository", MODEL, "1", "model.py");
    writeFileSync(modelPy, fillSeedPolicy(readFileSync(modelPy, "utf8")));
    const config = join(deploy, "model_repository", MODEL, "config.pbtxt");
    const text = readFileSync(config, "utf8");
    if (!text.includes("max_sequence_idle_microseconds: 60000000"))
      throw new Error("the seed's idle timeout moved; update this test");
    writeFileSync(
      config,
      text.replace(
        "max_sequence_idle_microseconds: 60000000",
        `max_sequence_idle_microseconds: ${IDLE_SECONDS * 1_000_000}`,
      ),
    );

    const start = await startServe([join(deploy, "model_repository"), "--device", "cpu"]);
    if (!start.ok)
      throw new Error(
        `gen-repo serve did not come up (exit ${start.code}):\n${start.stdout}\n${start.stderr.slice(-6000)}`,
      );
    served = start.served;
  }, 180_000);

  afterAll(async () => {
    await served?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  const server = (): Served => {
    if (!served) throw new Error("gen-repo serve is not running");
    return served;
  };
  const address = (protocol: string) => (protocol === "grpc" ? server().grpcAddress : server().httpAddress);

  it("serves on 127.0.0.1 and prints the URLs", () => {
    expect(server().stdout()).toMatch(/^Triton is ready on 127\.0\.0\.1 after \d+\.\d s/m);
    expect(server().grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    // Generated with --device cpu: nothing to rewrite, so Triton serves the generated folder itself.
    expect(server().stdout()).not.toContain("serving a copy");
  });

  it("ran the warmup (zero state) through the policy while loading, before the model was ready", () => {
    const log = server().stderr();
    const warmup = log.indexOf('seed-policy: predict episode=0 step=0 open=0"');
    const loaded = log.indexOf(`successfully loaded '${MODEL}'`);
    expect(warmup).toBeGreaterThan(-1);
    expect(loaded).toBeGreaterThan(warmup);
  });

  it.each(["grpc", "http"])(
    "scripts/test_python_backend.py passes over %s",
    async (protocol) => {
      const run = await runClientPython(
        [join(scripts, "test_python_backend.py"), "--url", address(protocol), "--protocol", protocol],
        { timeoutMs: 120_000 },
      );
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n").filter(Boolean)).toEqual([
        "✓ Server is live",
        "✓ Server is ready",
        `✓ Model ${MODEL} is ready`,
        `✓ Inference on ${MODEL} successful`,
        "✓ All tests passed!",
      ]);
      expect(run.code).toBe(0);
    },
    150_000,
  );

  it.each(["grpc", "http"])(
    "scripts/inference_client.py runs episodes over %s",
    async (protocol) => {
      const run = await runClientPython(
        [
          join(scripts, "inference_client.py"),
          "--url",
          address(protocol),
          "--protocol",
          protocol,
          "--episodes",
          "2",
          "--steps",
          "4",
        ],
        {
          timeoutMs: 120_000,
        },
      );
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n").filter(Boolean)).toEqual(
        [0, 1].flatMap((e) => [0, 1, 2, 3].map((s) => `episode ${e} step ${s}: action__0 [1, 8]`)),
      );
      expect(run.code).toBe(0);
    },
    150_000,
  );

  describe.each([
    ["grpc", 100],
    ["http", 200],
  ])("over %s", (protocol, base) => {
    const probe = (): Probe => {
      const found = probes[protocol];
      if (!found) throw new Error("the episode driver did not run");
      return found;
    };

    beforeAll(async () => {
      const run = await runClientPython(
        [
          join(import.meta.dirname, "seed-episodes.py"),
          scripts,
          protocol,
          address(protocol),
          String(base),
          String(IDLE_SECONDS),
        ],
        {
          timeoutMs: 240_000,
        },
      );
      if (run.code !== 0) throw new Error(`episode driver failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
      probes[protocol] = JSON.parse(run.stdout) as Probe;
    }, 260_000);

    it("8 concurrent, interleaved episodes each get exactly their own action sequence", () => {
      expect(probe().errors).toEqual([]);
      const episodes = Array.from({ length: 8 }, (_, i) => base + i);
      expect(Object.keys(probe().actions).map(Number).sort()).toEqual(episodes);
      for (const episode of episodes) {
        expect(probe().actions[String(episode)], `episode ${episode}`).toEqual(
          Array.from({ length: 7 }, (_, t) => expectedAction(episode, t)),
        );
      }
    });

    it("END frees the sequence: Triton's slot at once (no wait for the idle timeout), the model's queue too", () => {
      expect(probe().first_after_episodes_s).toBeLessThan(IDLE_SECONDS / 2);
      expect(server().stderr()).toContain(`seed-policy: predict episode=${base + 50} step=0 open=1"`);
    });

    it("START on a running sequence resets its action queue", () => {
      expect(probe().restart).toEqual([
        expectedAction(base + 50, 0),
        expectedAction(base + 50, 1),
        expectedAction(base + 60, 0),
        expectedAction(base + 60, 1),
      ]);
    });

    it("a failing last step ends the episode in the client and frees the model's queue", () => {
      expect(probe().failing_end_error).toContain("seed-policy: poisoned observation");
      expect(probe().failing_end_open_after).toBe(false);
      expect(probe().after_failure).toEqual(expectedAction(base + 71, 0));
      // When the next episode's first chunk is computed, the model holds that one sequence only.
      expect(server().stderr()).toContain(`seed-policy: predict episode=${base + 71} step=0 open=1"`);
    });

    it("a sequence idle for longer than max_sequence_idle_microseconds is dropped (Triton asks for START again)", () => {
      expect(probe().idle_error).toMatch(/must specify the START flag on the first request of the sequence/);
      expect(probe().fresh).toEqual(expectedAction(base + 90, 0));
      expect(server().stderr()).toContain(`seed-policy: predict episode=${base + 90} step=0 open=1"`);
    });
  });

  it("Triton's sequence batcher sent empty slots (READY=false) while episodes ran concurrently", () => {
    expect(server().stderr()).toContain("seed-policy: empty slot");
  });

  it("stops cleanly on SIGTERM", async () => {
    const code = await server().stop();
    expect(server().stdout()).toContain("Triton stopped (0)");
    expect(code).toBe(0);
  }, 60_000);
});
