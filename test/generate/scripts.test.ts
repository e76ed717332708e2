/**
 * The generated client scripts compile and, run against the fake tritonclient
 * (test/python/fake_tritonclient, which executes the generated model.py files
 * under the backend double), make the calls a real server needs, in order.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { PYTHON_DIR, pyCompile, pythonWithNumpyAvailable, runPython, tritonConfigJson } from "./python.js";

const hasPython = pythonWithNumpyAvailable();
let out = "";
let env: Record<string, string> = {};
let logFile = "";

interface Call {
  call: string;
  model?: string;
  inputs?: { name: string; datatype: string; shape: number[] }[];
  sequence_id?: number;
  sequence_start?: boolean;
  sequence_end?: boolean;
}

function calls(): Call[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Call);
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "gen-scripts-"));
  const result = generateRepository(loadSpecFile(join(import.meta.dirname, "specs", "scripts.yaml")), {
    out: join(out, "deploy"),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  const repository = join(out, "deploy", "model_repository");
  const configs: Record<string, unknown> = {};
  for (const model of readdirSync(repository)) {
    const parsed = parseConfig(readFileSync(join(repository, model, "config.pbtxt"), "utf8"));
    configs[model] = JSON.parse(tritonConfigJson(parsed.value));
  }
  writeFileSync(join(out, "configs.json"), JSON.stringify(configs));
  logFile = join(out, "calls.jsonl");
  env = {
    PYTHONPATH: [join(PYTHON_DIR, "fake_tritonclient"), join(PYTHON_DIR, "doubles")].join(delimiter),
    FAKE_TRITON_CONFIGS: join(out, "configs.json"),
    FAKE_TRITON_REPOSITORY: repository,
    FAKE_TRITON_LOG: logFile,
  };
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.skipIf(!hasPython)("scripts/test_python_backend.py", () => {
  it("compiles", () => {
    expect(pyCompile(join(out, "deploy", "scripts", "test_python_backend.py")).status).toBe(0);
  });

  it("checks live, ready, every model ready, then one inference per model, and passes", () => {
    writeFileSync(logFile, "");
    const r = runPython([join(out, "deploy", "scripts", "test_python_backend.py"), "--url", "fake:8001"], { env });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter(Boolean)).toEqual([
      "✓ Server is live",
      "✓ Server is ready",
      "✓ Model policy is ready",
      "✓ Model classify is ready",
      "✓ Model stream is ready",
      "✓ Model classify_pipeline is ready",
      "✓ Model stream_pipeline is ready",
      "✓ Model policy_pipeline is ready",
      "✓ Inference on policy successful",
      "✓ Inference on classify successful",
      "✓ Inference on stream successful",
      "✓ Inference on classify_pipeline successful",
      "✓ Inference on stream_pipeline successful",
      "✓ Inference on policy_pipeline successful",
      "✓ All tests passed!",
    ]);
    const log = calls();
    expect(log.map((c) => `${c.call}${c.model ? ` ${c.model}` : ""}`)).toEqual([
      "connect",
      "is_server_live",
      "is_server_ready",
      "is_model_ready policy",
      "is_model_ready classify",
      "is_model_ready stream",
      "is_model_ready classify_pipeline",
      "is_model_ready stream_pipeline",
      "is_model_ready policy_pipeline",
      "infer policy",
      "infer classify",
      "start_stream",
      "async_stream_infer stream",
      "stop_stream",
      "infer classify_pipeline",
      // An ensemble over a decoupled step is decoupled (ND-10): streamed, without sequence flags.
      "start_stream",
      "async_stream_infer stream_pipeline",
      "stop_stream",
      // An ensemble over a stateful step: unary, as a one-request sequence.
      "infer policy_pipeline",
    ]);
    const policy = log.find((c) => c.call === "infer" && c.model === "policy");
    expect(policy?.inputs).toEqual([
      { name: "state", datatype: "FP32", shape: [1, 8] },
      { name: "image", datatype: "UINT8", shape: [1, 3, 4, 4] },
    ]);
    expect(policy?.sequence_start).toBe(true);
    expect(policy?.sequence_end).toBe(true);
    expect(policy?.sequence_id).toBeGreaterThan(0);
    const streamPipeline = log.find((c) => c.model === "stream_pipeline" && c.call !== "is_model_ready");
    expect([streamPipeline?.sequence_id, streamPipeline?.sequence_start, streamPipeline?.sequence_end]).toEqual([
      0,
      false,
      false,
    ]);
    const policyPipeline = log.find((c) => c.call === "infer" && c.model === "policy_pipeline");
    expect([policyPipeline?.sequence_start, policyPipeline?.sequence_end]).toEqual([true, true]);
    expect(policyPipeline?.sequence_id).toBeGreaterThan(0);
    expect(policyPipeline?.inputs).toEqual([
      { name: "raw_state", datatype: "FP32", shape: [1, 8] },
      { name: "raw_image", datatype: "UINT8", shape: [1, 3, 4, 4] },
    ]);
    const classify = log.find((c) => c.call === "infer" && c.model === "classify");
    expect(classify?.inputs).toEqual([
      { name: "text", datatype: "BYTES", shape: [1, 1] },
      { name: "mask", datatype: "BOOL", shape: [1, 1] },
    ]);
  });

  it("exits 1 with a cross when a model is not ready", () => {
    writeFileSync(logFile, "");
    const configs = JSON.parse(readFileSync(env.FAKE_TRITON_CONFIGS as string, "utf8")) as Record<string, unknown>;
    delete configs.stream;
    const partial = join(out, "partial.json");
    writeFileSync(partial, JSON.stringify(configs));
    const r = runPython([join(out, "deploy", "scripts", "test_python_backend.py")], {
      env: { ...env, FAKE_TRITON_CONFIGS: partial },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("✗ Model stream is ready");
    expect(r.stdout).toContain("✗ Inference on stream successful: Request for unknown model: 'stream' is not found");
    // An ensemble does not load without its step model (MC-81).
    expect(r.stdout).toContain("✗ Model stream_pipeline is ready");
    expect(r.stdout).toContain("✓ Model policy_pipeline is ready");
    expect(r.stdout).toContain("✗ Some tests failed");
  });

  /** The generated script with one model's calling flags changed, as a script that got the convention wrong. */
  function scriptCalling(model: string, flags: { decoupled: boolean; sequence: boolean }): string {
    const text = readFileSync(join(out, "deploy", "scripts", "test_python_backend.py"), "utf8");
    const py = (b: boolean) => (b ? "True" : "False");
    const entry = new RegExp(
      `("name": "${model}", "max_batch_size": \\d+, "kind": "\\w+", )"decoupled": (?:True|False), "sequence": (?:True|False)`,
    );
    expect(text).toMatch(entry);
    const wrong = join(out, `wrong_${model}.py`);
    writeFileSync(
      wrong,
      text.replace(entry, `$1"decoupled": ${py(flags.decoupled)}, "sequence": ${py(flags.sequence)}`),
    );
    return wrong;
  }

  it.each([
    [
      "unary infer on the ensemble over a decoupled step",
      "stream_pipeline",
      { decoupled: false, sequence: false },
      "✗ Inference on stream_pipeline successful: [StatusCode.UNIMPLEMENTED] ModelInfer RPC doesn't support models with decoupled transaction policy",
    ],
    [
      "the ensemble over a stateful step without a correlation id",
      "policy_pipeline",
      { decoupled: false, sequence: false },
      // Triton's text and status (measured on 2.51; test/triton/double-parity.test.ts holds the fake to them).
      "✗ Inference on policy_pipeline successful: [StatusCode.INVALID_ARGUMENT] in ensemble 'policy_pipeline', inference request to model 'policy' must specify a non-zero or non-empty correlation ID",
    ],
    [
      "unary infer on the decoupled model",
      "stream",
      { decoupled: false, sequence: false },
      "✗ Inference on stream successful: [StatusCode.UNIMPLEMENTED] ModelInfer RPC doesn't support models with decoupled transaction policy",
    ],
  ])("fails when a script calls with the wrong convention: %s", (_label, model, flags, line) => {
    writeFileSync(logFile, "");
    const r = runPython([scriptCalling(model, flags)], { env });
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")).toContain(line);
    expect(r.stdout).toContain("✗ Some tests failed");
  });

  it("also passes when the ensemble's decoupled flag is left out of its config: Triton derives it from the steps", () => {
    writeFileSync(logFile, "");
    const configs = JSON.parse(readFileSync(env.FAKE_TRITON_CONFIGS as string, "utf8")) as Record<
      string,
      { model_transaction_policy?: unknown }
    >;
    expect(configs.stream_pipeline?.model_transaction_policy).toEqual({ decoupled: true });
    delete configs.stream_pipeline?.model_transaction_policy;
    const derived = join(out, "derived.json");
    writeFileSync(derived, JSON.stringify(configs));
    const r = runPython([join(out, "deploy", "scripts", "test_python_backend.py")], {
      env: { ...env, FAKE_TRITON_CONFIGS: derived },
    });
    expect(r.stdout).toContain("✓ Inference on stream_pipeline successful");
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!hasPython)("scripts/inference_client.py", () => {
  it("compiles", () => {
    expect(pyCompile(join(out, "deploy", "scripts", "inference_client.py")).status).toBe(0);
  });

  it("runs episodes of the stateful model as sequences: START on the first step, END on the last", () => {
    writeFileSync(logFile, "");
    const r = runPython([join(out, "deploy", "scripts", "inference_client.py"), "--episodes", "2", "--steps", "3"], {
      env,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(
      [0, 1].flatMap((e) => [0, 1, 2].map((s) => `episode ${e} step ${s}: action [1, 8]`)),
    );
    const log = calls();
    expect(log.slice(0, 4).map((c) => c.call)).toEqual(["connect", "is_server_ready", "is_model_ready", "infer"]);
    const infers = log.filter((c) => c.call === "infer");
    expect(infers.map((c) => [c.sequence_start, c.sequence_end])).toEqual([
      [true, false],
      [false, false],
      [false, true],
      [true, false],
      [false, false],
      [false, true],
    ]);
    const ids = infers.map((c) => c.sequence_id);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(new Set(ids.slice(3)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[3]);
    expect(log.at(-1)?.call).toBe("close");
  });

  it("drives a decoupled model through a stream and returns every response", () => {
    writeFileSync(logFile, "");
    const r = runPython([join(out, "deploy", "scripts", "inference_client.py"), "--model", "stream", "--steps", "1"], {
      env,
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("episode 0 step 0: 2 responses");
    expect(calls().map((c) => c.call)).toEqual([
      "connect",
      "is_server_ready",
      "is_model_ready",
      "start_stream",
      "async_stream_infer",
      "stop_stream",
      "close",
    ]);
  });

  it("streams through an ensemble over a decoupled step, one response per response of the step", () => {
    writeFileSync(logFile, "");
    const r = runPython(
      [join(out, "deploy", "scripts", "inference_client.py"), "--model", "stream_pipeline", "--steps", "1"],
      { env },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("episode 0 step 0: 2 responses");
    expect(calls().map((c) => c.call)).toEqual([
      "connect",
      "is_server_ready",
      "is_model_ready",
      "start_stream",
      "async_stream_infer",
      "stop_stream",
      "close",
    ]);
  });

  it("runs episodes through an ensemble over a stateful step as sequences", () => {
    writeFileSync(logFile, "");
    const r = runPython(
      [
        join(out, "deploy", "scripts", "inference_client.py"),
        "--model",
        "policy_pipeline",
        "--episodes",
        "2",
        "--steps",
        "2",
      ],
      { env },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(
      [0, 1].flatMap((e) => [0, 1].map((s) => `episode ${e} step ${s}: final_action [1, 8]`)),
    );
    const infers = calls().filter((c) => c.call === "infer");
    expect(infers.map((c) => [c.model, c.sequence_start, c.sequence_end])).toEqual([
      ["policy_pipeline", true, false],
      ["policy_pipeline", false, true],
      ["policy_pipeline", true, false],
      ["policy_pipeline", false, true],
    ]);
    expect(infers.every((c) => (c.sequence_id ?? 0) > 0)).toBe(true);
    expect(infers[0]?.sequence_id).toBe(infers[1]?.sequence_id);
    expect(infers[0]?.sequence_id).not.toBe(infers[2]?.sequence_id);
  });
});

describe.skipIf(!hasPython)("scripts/inference_client.py: episodes and correlation ids", () => {
  /** Runs Python with the generated client importable, against the fake tritonclient (serving `fakeEnv`'s repository). */
  function drive(scriptsDir: string, code: string, fakeEnv = env) {
    writeFileSync(logFile, "");
    return runPython(["-c", `import sys; sys.path.insert(0, ${JSON.stringify(scriptsDir)})\n${code}`], {
      env: fakeEnv,
    });
  }

  /** The fake's environment for another generated deployment: its configs as Triton's JSON, its repository. */
  function fakeEnvFor(deploy: string): Record<string, string> {
    const repository = join(deploy, "model_repository");
    const configs: Record<string, unknown> = {};
    for (const model of readdirSync(repository))
      configs[model] = JSON.parse(
        tritonConfigJson(parseConfig(readFileSync(join(repository, model, "config.pbtxt"), "utf8")).value),
      );
    writeFileSync(join(deploy, "configs.json"), JSON.stringify(configs));
    return { ...env, FAKE_TRITON_CONFIGS: join(deploy, "configs.json"), FAKE_TRITON_REPOSITORY: repository };
  }

  it("starting a new episode ends the open one with an END request before the next START", () => {
    const r = drive(
      join(out, "deploy", "scripts"),
      [
        "from inference_client import InferenceClient, example_inputs",
        "client = InferenceClient('fake:8001', 'policy')",
        "client.start_episode(); client.predict(example_inputs(client.model))",
        "client.start_episode(); client.predict(example_inputs(client.model), end=True)",
        "client.start_episode()  # nothing sent yet: nothing to end",
        "client.close()",
      ].join("\n"),
    );
    expect(r.stderr).toBe("");
    const infers = calls().filter((c) => c.call === "infer");
    expect(infers.map((c) => [c.sequence_start, c.sequence_end])).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
    expect(infers[0]?.sequence_id).toBe(infers[1]?.sequence_id);
    expect(infers[2]?.sequence_id).not.toBe(infers[0]?.sequence_id);
    expect(calls().at(-1)?.call).toBe("close");
  });

  it("a failing last step still closes the episode in the client", () => {
    const r = drive(
      join(out, "deploy", "scripts"),
      [
        "from inference_client import InferenceClient, example_inputs",
        "client = InferenceClient('fake:8001', 'policy')",
        "client.predict(example_inputs(client.model))",
        "inputs = example_inputs(client.model)",
        "inputs['state'] = [[0.0] * 9]  # Triton refuses this request: the wrong shape",
        "try:",
        "    client.predict(inputs, end=True)",
        "except Exception as error:",
        "    print('failed:', 'Expected [-1,8], got [1,9]' in str(error))",
        "print('open:', client.sequence_id is not None)",
      ].join("\n"),
    );
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(["failed: True", "open: False"]);
    expect(
      calls()
        .filter((c) => c.call === "infer")
        .map((c) => c.sequence_end),
    ).toEqual([false, true]);
  });

  it("sends string correlation ids to a model whose CORRID is TYPE_STRING, numbers otherwise", () => {
    const loaded = loadSpecFile(join(import.meta.dirname, "specs", "scripts.yaml"));
    if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
    const policy = loaded.spec.models.find((m) => m.name === "policy");
    if (!policy) throw new Error("scripts.yaml has no policy model");
    policy.sequence = { controls: { corrid_data_type: "TYPE_STRING" } };
    const result = generateRepository(loaded.spec, { out: join(out, "string-ids") });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
    const scripts = join(out, "string-ids", "scripts");
    const stringEnv = fakeEnvFor(join(out, "string-ids"));
    const client =
      "from inference_client import InferenceClient, example_inputs\nfor name in ('policy', 'policy_pipeline'):\n    with InferenceClient('fake:8001', name) as c:\n        c.predict(example_inputs(c.model), end=True)";
    expect(drive(scripts, client, stringEnv).stderr).toBe("");
    const sent = calls()
      .filter((c) => c.call === "infer")
      .map((c) => [c.model, typeof c.sequence_id]);
    expect(sent).toEqual([
      ["policy", "string"],
      ["policy_pipeline", "string"],
    ]);
    writeFileSync(logFile, "");
    const test = runPython([join(scripts, "test_python_backend.py")], { env: stringEnv });
    expect(test.status).toBe(0);
    expect(
      calls()
        .filter((c) => c.call === "infer" && c.model === "policy")
        .map((c) => typeof c.sequence_id),
    ).toEqual(["string"]);
    // The numeric default still sends numbers.
    expect(drive(join(out, "deploy", "scripts"), client).stderr).toBe("");
    expect(
      calls()
        .filter((c) => c.call === "infer")
        .map((c) => typeof c.sequence_id),
    ).toEqual(["number", "number"]);
  });
});
