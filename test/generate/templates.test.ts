/**
 * The generated model.py files run: for every template, batching and not, with
 * every data type, the module compiles and, under the triton_python_backend_utils
 * double (test/python/doubles), answers each request as config.pbtxt says.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { buildModelConfig } from "../../src/generate/model-config.js";
import type { ModelSpec } from "../../src/generate/spec.js";
import { modelPyView } from "../../src/generate/views.js";
import { LITERAL_HELPERS, renderTemplate, templatesDir } from "../../src/render/render.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { driveModel, pyCompile, pythonWithNumpyAvailable } from "./python.js";

const SPEC = join(import.meta.dirname, "specs", "all-templates.yaml");
const loaded = loadSpecFile(SPEC);
const models = loaded.spec?.models ?? [];
const hasPython = pythonWithNumpyAvailable();
let dir = "";

interface Rendered {
  model: ModelSpec;
  file: string;
  config: MessageValue;
}
const rendered = new Map<string, Rendered>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gen-templates-"));
  models.forEach((model, i) => {
    const built = buildModelConfig(model, loaded.source, ["models", i]);
    if (!built.config) throw new Error(JSON.stringify(built.diagnostics));
    // Each model in a folder of its own, beside its companion module, as in a version folder.
    mkdirSync(join(dir, model.name));
    const file = join(dir, model.name, "model.py");
    writeFileSync(file, renderTemplate(`model-${model.template}.py`, modelPyView(model)));
    writeFileSync(join(dir, model.name, "gen_repo_spec.py"), renderTemplate("gen_repo_spec.py", modelPyView(model)));
    rendered.set(model.name, { model, file, config: built.config });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(name: string): Rendered {
  const r = rendered.get(name);
  if (!r) throw new Error(`no rendered model ${name}`);
  return r;
}

interface OutputReport {
  name: string;
  data_type: string;
  shape: number[];
  first: unknown;
}
interface ResponseReport {
  error: string | null;
  outputs: OutputReport[];
}

/** The configured outputs, with the batch dimension of the request first when the model batches. */
function expectOutputs(model: ModelSpec, outputs: OutputReport[], batch: number): void {
  const batching = (model.max_batch_size ?? 0) > 0;
  expect(outputs.map((o) => o.name)).toEqual(model.outputs.map((o) => o.name));
  model.outputs.forEach((spec, i) => {
    const got = outputs[i] as OutputReport;
    expect(got.data_type, spec.name).toBe(spec.data_type);
    const want = [...(batching ? [batch] : []), ...spec.dims.map((d) => (d === -1 ? 1 : d))];
    expect(got.shape, spec.name).toEqual(want);
  });
}

describe("the spec of this suite", () => {
  it("loads, and covers every template with and without batching and every data type", () => {
    expect(loaded.diagnostics).toEqual([]);
    const kinds = new Set(models.map((m) => `${m.template}/${(m.max_batch_size ?? 0) > 0}`));
    expect(kinds.size).toBe(6);
    const types = new Set(models.flatMap((m) => m.inputs.map((t) => t.data_type)));
    expect(types.size).toBe(13);
  });
});

describe("templates print every value through a literal helper", () => {
  it.each(readdirSync(templatesDir()).filter((f) => f.endsWith(".hbs")))("%s", (file) => {
    const text = readFileSync(join(templatesDir(), file), "utf8");
    // Block helpers, partials, closers, else and comments print nothing of their own.
    const printing = [...text.matchAll(/\{\{(?![#/>!]|else\}\})\s*([^\s}]+)/g)].map((m) => m[1]);
    for (const head of printing) expect(LITERAL_HELPERS as readonly string[]).toContain(head);
    expect(text).not.toContain("{{{");
  });
});

describe.skipIf(!hasPython)("generated model.py", () => {
  it.each(models.map((m) => m.name))("%s compiles with py_compile", (name) => {
    const r = pyCompile(get(name).file);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each(models.filter((m) => m.template === "basic").map((m) => m.name))(
    "%s answers each request once, in order, with the configured outputs; a bad request fails alone",
    (name) => {
      const { model, file, config } = get(name);
      const report = driveModel("basic", file, config) as {
        requests: number;
        batch_sizes: number[];
        predict_batches: number[];
        responses: ResponseReport[];
      };
      // A batching model runs the good requests of one execute through predict once, concatenated (1 + 2 + 4);
      // without a batch dimension each request runs alone.
      expect(report.predict_batches).toEqual((model.max_batch_size ?? 0) > 0 ? [7] : [0, 0, 0]);
      expect(report.responses).toHaveLength(report.requests);
      report.responses.forEach((response, i) => {
        if (i === 1) {
          expect(response.error).toBe(`${model.name}: missing input 'in_fp32'`);
          expect(response.outputs).toEqual([]);
        } else {
          expect(response.error).toBeNull();
          expectOutputs(model, response.outputs, report.batch_sizes[i] as number);
        }
      });
    },
  );

  it.each(models.filter((m) => m.template === "stateful").map((m) => m.name))(
    "%s keeps one action queue per sequence, resets on START, drops on END and idle, ignores dummy slots",
    (name) => {
      const { model, file, config } = get(name);
      type Step = { label: string; responses: ResponseReport[]; sequences: number | unknown[] };
      const report = driveModel("stateful", file, config) as { steps: Step[]; predict_calls: number[] };
      const firsts = (label: string) => {
        const step = report.steps.find((s) => s.label === label);
        if (!step) throw new Error(`no step ${label}`);
        for (const r of step.responses) {
          expect(r.error).toBeNull();
          expectOutputs(model, r.outputs, 1);
        }
        return step.responses.map((r) => r.outputs[0]?.first);
      };
      // predict numbers its actions marker*100 + call*10 + step: A is marker 1, B marker 2.
      expect(firsts("A start")).toEqual([110]);
      expect(firsts("B start")).toEqual([210]);
      expect(firsts("A and B in one batch")).toEqual([111, 211]);
      expect(firsts("A")).toEqual([112]);
      expect(firsts("A refills")).toEqual([120]);
      expect(firsts("A restarts")).toEqual([130]);
      expect(firsts("B")).toEqual([212]);
      expect(firsts("dummy slot")).toEqual([0]);
      expect(firsts("no controls")).toEqual([410]);
      expect(firsts("B ends")).toEqual([220]);
      expect(report.steps.find((s) => s.label === "B ends")?.sequences).toBe(1);
      expect(firsts("B again")).toEqual([230]);
      // A idled out; B was seen again after the clock moved, so only B remains.
      const corrid = model.sequence?.controls?.corrid_data_type === "TYPE_STRING" ? "9" : 9;
      expect(report.steps.at(-1)).toEqual({ label: "after idle", sequences: [corrid] });
      // The dummy slot never reached predict; the request without controls did, once.
      expect(report.predict_calls).toEqual([1, 2, 1, 1, 4, 2, 2, 2]);
    },
  );

  it.each(models.filter((m) => m.template === "decoupled").map((m) => m.name))(
    "%s streams its responses and sends the final flag exactly once per request",
    (name) => {
      const { model, file, config } = get(name);
      type Sent = { response: ResponseReport | null; flags: number };
      type Req = { sends: Sent[]; final_flags: number; final_is_last: boolean };
      const report = driveModel("decoupled", file, config) as {
        returned: string | null;
        requests: Req[];
        batch_sizes: number[];
      };
      expect(report.returned).toBeNull();
      const count = model.responses_per_request ?? 1;
      report.requests.forEach((request, i) => {
        expect(request.final_flags).toBe(1);
        expect(request.final_is_last).toBe(true);
        const data = request.sends.filter((s) => s.response !== null);
        if (i === report.requests.length - 1) {
          // The failing request: one error response, which carries the final flag.
          expect(request.sends).toHaveLength(1);
          expect(data[0]?.response?.error).toBe(`${model.name}: missing input 'in_fp32'`);
        } else {
          expect(data).toHaveLength(count);
          for (const s of data) expectOutputs(model, s.response?.outputs ?? [], report.batch_sizes[i] as number);
        }
      });
    },
  );

  it.each(models.filter((m) => m.template === "decoupled" && (m.responses_per_request ?? 1) > 0).map((m) => m.name))(
    "%s stops streaming a cancelled request and closes it with one CANCELLED error carrying the final flag",
    (name) => {
      const { file, config } = get(name);
      type Req = { data: number; last_error_code: number | null; final_flags: number; final_is_last: boolean };
      const report = driveModel("decoupled_cancel", file, config) as {
        requests: Req[];
        produced: number;
        closed: number;
        cancelled_code: number;
      };
      const closedByCancel = { last_error_code: report.cancelled_code, final_flags: 1, final_is_last: true };
      // Cancelled after 2 sends: the third step is produced, then not sent; predict's finally runs.
      expect(report.requests[0]).toEqual({ data: 2, ...closedByCancel });
      // Cancelled while queued: predict never runs.
      expect(report.requests[1]).toEqual({ data: 0, ...closedByCancel });
      expect(report.produced).toBe(3);
      expect(report.closed).toBe(1);
    },
  );

  it.each(models.filter((m) => m.auto_complete_config === true).map((m) => m.name))(
    "%s auto_complete_config declares the same inputs and outputs",
    (name) => {
      const { model, file, config } = get(name);
      const report = driveModel("auto_complete", file, config) as { config: Record<string, unknown> };
      const completed = report.config;
      expect(completed.input).toEqual(
        model.inputs.map((t) => ({
          name: t.name,
          data_type: t.data_type,
          dims: t.dims,
          optional: t.optional === true,
        })),
      );
      expect(completed.output).toEqual(
        model.outputs.map((t) => ({ name: t.name, data_type: t.data_type, dims: t.dims })),
      );
      expect(completed.max_batch_size ?? 0).toBe(model.max_batch_size ?? 0);
      expect("dynamic_batching" in completed).toBe(
        model.dynamic_batching !== undefined && model.template !== "stateful",
      );
      expect(completed.model_transaction_policy).toEqual(
        model.template === "decoupled" ? { decoupled: true } : undefined,
      );
    },
  );
});
