/**
 * The doubles cannot drift from what they stand for. The unit tests of generated code run under
 * the triton_python_backend_utils double (test/python/doubles) and the fake tritonclient
 * (test/python/fake_tritonclient), for speed and for machines without Triton. Here the same
 * scripts of calls run against the real components and against the doubles, and every call must
 * come out the same: its value and type, or its exception's type and first line.
 *
 * - test/python/parity/backend_cases.py: calls into triton_python_backend_utils, run by
 *   parity/model.py inside the real Python backend (initialize, and execute of a plain, a
 *   decoupled and a plain model answering through its response sender) and by run_double.py
 *   under the double with /usr/bin/python3, on the same requests.
 * - test/python/parity/client_cases.py: calls into tritonclient.grpc, run with the real client
 *   against this Triton and with the fake client (whose server is the double running the same
 *   model.py files): values, refusals with their gRPC status, and for streams on which thread
 *   and when each callback ran.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { PYTHON_DIR, pythonWithNumpyAvailable, runPython, tritonConfigJson } from "../generate/python.js";
import { realTriton, runClientPython, startTriton } from "../support/triton.js";

const triton = realTriton();
const ready = triton !== undefined && pythonWithNumpyAvailable();
const PARITY = join(PYTHON_DIR, "parity");

interface Outcome {
  case: string;
  ok?: unknown;
  raise?: string;
  message?: string;
  status?: string | null;
  raw?: string | null;
}

const TENSORS =
  'input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }\noutput { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }';
const CPU = "instance_group { kind: KIND_CPU count: 1 }";

/** The backend-parity models: name -> config.pbtxt lines beyond backend, tensors and instances. */
const BACKEND_MODELS: Record<string, string> = {
  plain: "max_batch_size: 0",
  decoupled: "max_batch_size: 0\nmodel_transaction_policy { decoupled: true }",
  sender: 'max_batch_size: 0\nparameters { key: "mode" value { string_value: "sender" } }',
};

/** The client-parity models, running parity/echo_model.py (and an ensemble over one of them). */
const CLIENT_MODELS: Record<string, string> = {
  add_one: [
    "max_batch_size: 4",
    'input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }',
    'input { name: "o" data_type: TYPE_INT32 dims: [ 1 ] optional: true }',
    'output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }',
  ].join("\n"),
  stream_two: [
    "max_batch_size: 0",
    'input { name: "x" data_type: TYPE_FP32 dims: [ -1 ] }',
    'output { name: "y" data_type: TYPE_FP32 dims: [ -1 ] }',
    "model_transaction_policy { decoupled: true }",
  ].join("\n"),
  seq: `max_batch_size: 0\n${TENSORS}\nsequence_batching { max_sequence_idle_microseconds: 60000000 }`,
};

const SEQ_PIPE = [
  'platform: "ensemble"',
  "max_batch_size: 0",
  'input { name: "a" data_type: TYPE_FP32 dims: [ 2 ] }',
  'output { name: "b" data_type: TYPE_FP32 dims: [ 2 ] }',
  'ensemble_scheduling { step { model_name: "seq" model_version: -1 input_map { key: "x" value: "a" } output_map { key: "y" value: "b" } } }',
].join("\n");

interface Difference {
  case: string;
  real: Outcome | undefined;
  double: Outcome | undefined;
}

/** The calls whose outcomes differ: an empty list is parity. */
function differences(real: Outcome[], double: Outcome[]): Difference[] {
  const out: Difference[] = [];
  const length = Math.max(real.length, double.length);
  for (let i = 0; i < length; i++) {
    const r = real[i];
    const d = double[i];
    if (JSON.stringify(r) !== JSON.stringify(d)) out.push({ case: r?.case ?? d?.case ?? `#${i}`, real: r, double: d });
  }
  return out;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** A record the model writes once its request is done; a decoupled model may finish after its final flag. */
async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(file)) throw new Error(`no record at ${file}`);
}

describe.skipIf(!ready)("the doubles against the real Triton 2.51 and tritonclient, call by call", () => {
  const dir = mkdtempSync(join(tmpdir(), "double-parity-"));
  const repo = join(dir, "repo");
  const configs: Record<string, Record<string, unknown>> = {};
  let realClient: Outcome[] = [];
  let fakeClient: Outcome[] = [];

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function addModel(name: string, lines: string, files: [string, string][]): void {
    mkdirSync(join(repo, name, "1"), { recursive: true });
    const text = lines.startsWith("platform:") ? `${lines}\n` : `backend: "python"\n${lines}\n${CPU}\n`;
    writeFileSync(join(repo, name, "config.pbtxt"), text);
    for (const [from, to] of files) copyFileSync(join(PARITY, from), join(repo, name, "1", to));
    // As Triton hands it over: the name comes from the folder.
    configs[name] = { name, ...(JSON.parse(tritonConfigJson(parseConfig(text).value)) as Record<string, unknown>) };
  }

  beforeAll(async () => {
    for (const [name, lines] of Object.entries(BACKEND_MODELS)) {
      const record = `parameters { key: "record" value { string_value: ${JSON.stringify(join(dir, `real-${name}`))} } }`;
      addModel(name, `${lines}\n${TENSORS}\n${record}`, [
        ["model.py", "model.py"],
        ["backend_cases.py", "backend_cases.py"],
      ]);
    }
    for (const [name, lines] of Object.entries(CLIENT_MODELS)) addModel(name, lines, [["echo_model.py", "model.py"]]);
    addModel("seq_pipe", SEQ_PIPE, []);

    const server = await startTriton({ repositories: [repo] });
    const called = await runClientPython([join(PARITY, "call_models.py"), server.grpcAddress], { timeoutMs: 120_000 });
    if (called.code !== 0) throw new Error(`call_models.py failed:\n${called.stderr}\n${server.log().slice(-4000)}`);
    for (const name of Object.keys(BACKEND_MODELS)) await waitForFile(join(dir, `real-${name}.execute.json`));

    const real = await runClientPython([join(PARITY, "client_cases.py"), server.grpcAddress], {
      timeoutMs: 180_000,
      env: { PYTHONPATH: PARITY },
    });
    if (real.code !== 0) throw new Error(`client_cases.py (real) failed:\n${real.stderr}`);
    realClient = JSON.parse(real.stdout) as Outcome[];
    await server.stop();

    // The double, on the same models and requests (its records beside the real ones).
    for (const name of Object.keys(BACKEND_MODELS)) {
      const config = structuredClone(configs[name]) as { parameters: Record<string, { string_value: string }> };
      config.parameters.record = { string_value: join(dir, `double-${name}`) };
      const requestId = { plain: "r1", decoupled: "r2", sender: "r3" }[name];
      const job = { config, requests: [{ inputs: { x: [[1, 2], "float32"] }, request_id: requestId }] };
      const r = runPython([join(PARITY, "run_double.py")], { input: JSON.stringify(job) });
      if (r.status !== 0) throw new Error(`run_double.py ${name} failed:\n${r.stderr}`);
    }
    writeFileSync(join(dir, "configs.json"), JSON.stringify(configs));
    const fake = runPython([join(PARITY, "client_cases.py"), "fake:8001"], {
      env: {
        PYTHONPATH: [join(PYTHON_DIR, "fake_tritonclient"), join(PYTHON_DIR, "doubles"), PARITY].join(delimiter),
        FAKE_TRITON_CONFIGS: join(dir, "configs.json"),
        FAKE_TRITON_REPOSITORY: repo,
      },
    });
    if (fake.status !== 0) throw new Error(`client_cases.py (fake) failed:\n${fake.stderr}`);
    fakeClient = JSON.parse(fake.stdout) as Outcome[];
  }, 600_000);

  const record = (side: string, name: string, phase: string) =>
    readJson<Outcome[] | Outcome[][]>(join(dir, `${side}-${name}.${phase}.json`));

  it("the double's public names are all names of the real module", () => {
    const names = (side: string) =>
      (
        (record(side, "plain", "initialize") as Outcome[]).find((o) => o.case === "public names")?.ok as {
          items: { value: string }[];
        }
      ).items.map((i) => i.value);
    const real = names("real");
    expect(real).toContain("InferenceResponse");
    expect(names("double").filter((name) => !real.includes(name))).toEqual([]);
  });

  it("auto-complete: Triton hands over the fields the drivers of the double give ModelConfig", () => {
    // drive_model.py and drive_conformance.py build ModelConfig from name, backend, max_batch_size,
    // input and output (and model_transaction_policy when the spec has one).
    const plain = readJson<Record<string, string>>(join(dir, "real-plain.auto_complete.json"));
    expect(plain).toMatchObject({ name: "str", backend: "str", max_batch_size: "int", input: "list", output: "list" });
    const decoupled = readJson<Record<string, string>>(join(dir, "real-decoupled.auto_complete.json"));
    expect(decoupled).toMatchObject({ model_transaction_policy: "dict" });
  });

  it("initialize: every call of backend_cases.py has the outcome it has in the real backend", () => {
    const drop = (records: Outcome[]) => records.filter((o) => o.case !== "public names");
    const real = drop(record("real", "plain", "initialize") as Outcome[]);
    expect(real.length).toBeGreaterThan(150);
    expect(differences(real, drop(record("double", "plain", "initialize") as Outcome[]))).toEqual([]);
  });

  it.each(Object.keys(BACKEND_MODELS))("execute, %s model: the request and its response sender", (name) => {
    const real = record("real", name, "execute") as Outcome[][];
    const double = record("double", name, "execute") as Outcome[][];
    expect(real).toHaveLength(1);
    expect((real[0] as Outcome[]).length).toBeGreaterThan(10);
    expect(differences(real[0] as Outcome[], (double[0] ?? []) as Outcome[])).toEqual([]);
  });

  it("the fake tritonclient: every call of client_cases.py has the outcome it has with the real client", () => {
    expect(realClient.length).toBeGreaterThan(40);
    // The stream cases did reach the server: a callback on another thread, after the call returned.
    const stream = realClient.find((o) => o.case === "stream");
    expect(JSON.stringify(stream?.ok)).toContain('"other_thread":{"type":"bool","value":true}');
    expect(differences(realClient, fakeClient)).toEqual([]);
  });
});
