/**
 * `gen-repo diff`'s reload verdict for ensembles against the real server.
 * Core's AsyncLoad never updates a serving ensemble in place (it checks
 * `is_ensemble_` before it compares configs), so diff says any edit to an
 * ensemble's config.pbtxt reloads it; this file checks that on Triton itself.
 *
 * An ensemble runs no code of its own, so the init/finalize log that
 * diff-reload.test.ts reads cannot see it. What can: the model's inference
 * statistics live in the loaded model object, so a model Triton created anew
 * reports a success count of 0 while a model kept (updated in place) keeps
 * the count of the inference each row makes before its edit. Two plain Python
 * rows prove that observable first, against their init/finalize log: a
 * formatting-only edit (kept) and a max_batch_size edit (created anew).
 *
 * One Triton in explicit model-control mode serves one ensemble per row, all
 * over the same two Python models (inner_a, then inner_b); their log also
 * shows whether reloading an ensemble loads its composing models again.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareConfigs } from "../../src/diff/index.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { RunningTriton } from "../../src/serve/launch.js";
import { realTriton, startTriton } from "../support/triton.js";
import { until } from "./support/until.js";

const triton = realTriton();

const INNER = `backend: "python"
max_batch_size: 8
input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
instance_group { kind: KIND_CPU count: 1 }
`;

const PLAIN = `backend: "python"
max_batch_size: 8
input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
instance_group { kind: KIND_CPU count: 1 }
parameters { key: "P" value { string_value: "a" } }
`;

const ENSEMBLE = `platform: "ensemble"
max_batch_size: 8
input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
ensemble_scheduling {
  step {
    model_name: "inner_a"
    model_version: -1
    input_map { key: "x" value: "x" }
    output_map { key: "y" value: "mid" }
  }
  step {
    model_name: "inner_b"
    model_version: -1
    input_map { key: "x" value: "mid" }
    output_map { key: "y" value: "y" }
  }
}
`;

/** Model folder, its config at load time, the edited config, and what Triton does (checked below, not assumed). */
interface Row {
  model: string;
  base: string;
  edited: string;
}

const PLAIN_ROWS: Row[] = [
  {
    model: "plain_formatting_only",
    base: PLAIN,
    edited: `backend:"python" max_batch_size:8 input [ { dims: 2, data_type: TYPE_FP32, name: "x" } ]
output < name: 'y' data_type: TYPE_FP32 dims: 2 >
parameters { value { string_value: "a" } key: "P" }
instance_group [ { count: 1 kind: KIND_CPU } ]
`,
  },
  { model: "plain_max_batch_size", base: PLAIN, edited: PLAIN.replace("max_batch_size: 8", "max_batch_size: 4") },
];

const ENSEMBLE_ROWS: Row[] = [
  {
    model: "ens_formatting_only",
    base: ENSEMBLE,
    edited: `ensemble_scheduling { step [
  { model_name: "inner_a" model_version: -1 output_map { value: "mid" key: "y" } input_map < key: "x" value: "x" > },
  { input_map { key: "x" value: "mid" } output_map { key: "y" value: "y" } model_name: 'inner_b' model_version: -1 }
] }
output [ { dims: 2 data_type: TYPE_FP32 name: "y" } ] input { name: "x" data_type: 11 dims: [2] }
platform: "ensemble" max_batch_size: 8
`,
  },
  { model: "ens_comment_only", base: ENSEMBLE, edited: `# two steps, one after the other\n${ENSEMBLE}` },
  {
    // Triton's normalisation writes this very policy into a config without one: the normalised configs are equal.
    model: "ens_explicit_default_policy",
    base: ENSEMBLE,
    edited: `${ENSEMBLE}version_policy { latest { num_versions: 1 } }\n`,
  },
  { model: "ens_version_policy", base: ENSEMBLE, edited: `${ENSEMBLE}version_policy { all { } }\n` },
  {
    // The tensor between the steps is the ensemble's own name for it: renaming it on both sides stays valid.
    model: "ens_step_tensor_rename",
    base: ENSEMBLE,
    edited: ENSEMBLE.split('value: "mid"').join('value: "between"'),
  },
  {
    model: "ens_input_rename",
    base: ENSEMBLE,
    edited: ENSEMBLE.replace('input { name: "x"', 'input { name: "x_in"').replace(
      'input_map { key: "x" value: "x" }',
      'input_map { key: "x" value: "x_in" }',
    ),
  },
  { model: "ens_max_batch_size", base: ENSEMBLE, edited: ENSEMBLE.replace("max_batch_size: 8", "max_batch_size: 4") },
];

const COMPOSING = ["inner_a", "inner_b"];

/** y = x + 1; initialize and finalize append a line (event, instance, pid) to the model's log. */
function modelPy(logs: string): string {
  return [
    "import os",
    "import numpy as np",
    "import triton_python_backend_utils as pb_utils",
    `LOGS = ${JSON.stringify(logs)}`,
    "",
    "def note(event, model, instance):",
    "    with open(os.path.join(LOGS, model + '.log'), 'a') as f:",
    "        f.write(f'{event} {instance} {os.getpid()}\\n')",
    "",
    "class TritonPythonModel:",
    "    def initialize(self, args):",
    "        self.model = args['model_name']",
    "        self.instance = args['model_instance_name']",
    "        note('init', self.model, self.instance)",
    "",
    "    def execute(self, requests):",
    "        out = []",
    "        for request in requests:",
    "            x = pb_utils.get_input_tensor_by_name(request, 'x').as_numpy()",
    "            y = pb_utils.Tensor('y', (x + 1).astype(np.float32))",
    "            out.append(pb_utils.InferenceResponse(output_tensors=[y]))",
    "        return out",
    "",
    "    def finalize(self):",
    "        note('fini', self.model, self.instance)",
    "",
  ].join("\n");
}

function verdictOf(model: string, base: string, edited: string): ReturnType<typeof compareConfigs>["reload"] {
  const label = `${model}/config.pbtxt`;
  const parsed = [base, edited].map((text) => parseConfig(text, { file: label }));
  for (const p of parsed) expect(p.ok, JSON.stringify(p.diagnostics)).toBe(true);
  return compareConfigs(parsed[0]?.value ?? {}, parsed[1]?.value ?? {}, { before: label, after: label }).reload;
}

describe.skipIf(!triton)("diff's reload verdict for ensembles is what the real Triton does on a load request", () => {
  const work = mkdtempSync(join(tmpdir(), "triton-diff-reload-ens-"));
  const repository = join(work, "models");
  const logs = join(work, "logs");
  let server: RunningTriton | undefined;

  /** Init events of a Python model so far. */
  function inits(model: string): number {
    const file = join(logs, `${model}.log`);
    if (!existsSync(file)) return 0;
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("init ")).length;
  }

  function finis(model: string): number {
    const file = join(logs, `${model}.log`);
    if (!existsSync(file)) return 0;
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("fini ")).length;
  }

  async function infer(model: string, input = "x"): Promise<void> {
    const live = server as RunningTriton;
    const response = await fetch(`${live.httpUrl}/v2/models/${model}/infer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputs: [{ name: input, shape: [1, 2], datatype: "FP32", data: [1, 2] }] }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.text();
    expect(response.status, `${model}: ${body}`).toBe(200);
    const expected = model.startsWith("ens_") ? [3, 4] : [2, 3];
    expect((JSON.parse(body) as { outputs: Array<{ data: number[] }> }).outputs[0]?.data, model).toEqual(expected);
  }

  /** The loaded model's count of successful inferences (all versions; only version 1 exists). */
  async function successes(model: string): Promise<number> {
    const live = server as RunningTriton;
    const response = await fetch(`${live.httpUrl}/v2/models/${model}/stats`, { signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    expect(response.status, `${model}: ${body}`).toBe(200);
    const stats = JSON.parse(body) as { model_stats: Array<{ inference_stats: { success: { count: number } } }> };
    return stats.model_stats.reduce((sum, s) => sum + s.inference_stats.success.count, 0);
  }

  /** Writes the edit, asks Triton to load the model again and says whether it created the model anew. */
  async function editAndLoad(row: Row): Promise<"reload" | "in place"> {
    const live = server as RunningTriton;
    await infer(row.model);
    // Triton counts an ensemble's success after the response has gone out: poll, bounded, until it shows.
    let counted = await successes(row.model);
    for (let tries = 0; counted === 0 && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      counted = await successes(row.model);
    }
    expect(counted, `${row.model}: the inference before the edit was not counted`).toBeGreaterThan(0);
    // AsyncLoad logs this for each version it is asked to load: proof that Triton saw the edit at all.
    const loading = `loading: ${row.model}:1`;
    const loadingBefore = live.log().split(loading).length;
    writeFileSync(join(repository, row.model, "config.pbtxt"), row.edited);
    const response = await fetch(`${live.httpUrl}/v2/repository/models/${row.model}/load`, {
      method: "POST",
      signal: AbortSignal.timeout(120_000),
    });
    expect(response.status, `${await response.text()}\n${live.log().slice(-3000)}`).toBe(200);
    const logged = await until(() => live.log().split(loading).length > loadingBefore, 10_000);
    expect(logged, `${row.model}: Triton did not take the load request`).toBe(true);
    const now = await successes(row.model);
    const observed = now === 0 ? "reload" : now === counted ? "in place" : undefined;
    if (observed === undefined) throw new Error(`${row.model}: ${counted} successes before the load, ${now} after`);
    // A second witness: core logs this when it destroys a model object, which
    // a full reload does to the replaced one and an update in place never does.
    const unloaded = `successfully unloaded '${row.model}' version 1`;
    const destroyed = await until(() => live.log().includes(unloaded), observed === "reload" ? 30_000 : 1_000);
    expect(destroyed, `${row.model}: statistics say ${observed}, the log disagrees`).toBe(observed === "reload");
    return observed;
  }

  beforeAll(async () => {
    mkdirSync(logs, { recursive: true });
    const python = [...COMPOSING.map((model) => ({ model, base: INNER })), ...PLAIN_ROWS];
    for (const { model, base } of python) {
      mkdirSync(join(repository, model, "1"), { recursive: true });
      writeFileSync(join(repository, model, "config.pbtxt"), base);
      writeFileSync(join(repository, model, "1", "model.py"), modelPy(logs));
      // A plain file named __pycache__ keeps the stub from writing one into the
      // version folder after Triton took its timestamps (a modified version
      // folder is always reloaded fully): see diff-reload.test.ts.
      writeFileSync(join(repository, model, "1", "__pycache__"), "");
    }
    for (const { model, base } of ENSEMBLE_ROWS) {
      mkdirSync(join(repository, model, "1"), { recursive: true });
      writeFileSync(join(repository, model, "config.pbtxt"), base);
    }
    server = await startTriton({
      repositories: [repository],
      modelControl: "explicit",
      loadModels: [...PLAIN_ROWS, ...ENSEMBLE_ROWS].map((row) => row.model),
      readyTimeoutMs: 240_000,
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("loaded every Python model once, and every edit changes the file", () => {
    for (const model of [...COMPOSING, ...PLAIN_ROWS.map((row) => row.model)]) expect(inits(model), model).toBe(1);
    for (const row of [...PLAIN_ROWS, ...ENSEMBLE_ROWS]) expect(row.edited, row.model).not.toBe(row.base);
  });

  // The observable itself, on models whose fate their own log shows: a model
  // created anew initialises a new instance and finalises the old one.
  it.each(PLAIN_ROWS)("the statistics tell a reload from an update in place: $model", async (row) => {
    const initsBefore = inits(row.model);
    const observed = await editAndLoad(row);
    const reinitialised = inits(row.model) > initsBefore;
    if (reinitialised) await until(() => finis(row.model) >= initsBefore, 30_000);
    expect({ observed, finalised: finis(row.model) }).toEqual({
      observed: reinitialised ? "reload" : "in place",
      finalised: reinitialised ? initsBefore : 0,
    });
    // And diff agrees on these rows (as diff-reload.test.ts checks more broadly).
    const verdict = verdictOf(row.model, row.base, row.edited);
    expect(verdict.kind === "reload" ? "reload" : "in place", verdict.reason).toBe(observed);
  });

  it.each(ENSEMBLE_ROWS)(
    "$model",
    async (row) => {
      const composing = COMPOSING.map((model) => [inits(model), finis(model)]);
      const verdict = verdictOf(row.model, row.base, row.edited);
      const observed = await editAndLoad(row);
      // The reloaded ensemble serves again, with the edited config.
      if (row.model !== "ens_input_rename") await infer(row.model);
      else await infer(row.model, "x_in");
      // Its composing models are left alone: their files did not change.
      expect(
        COMPOSING.map((model) => [inits(model), finis(model)]),
        "composing models re-initialised",
      ).toEqual(composing);
      expect(
        { model: row.model, verdict: verdict.kind === "reload" ? "reload" : "in place" },
        `diff said ${verdict.kind} (${verdict.reason})`,
      ).toEqual({ model: row.model, verdict: observed });
    },
    180_000,
  );
});
