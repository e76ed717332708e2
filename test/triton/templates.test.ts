/**
 * Every template for real: the models of specs/templates.yaml (basic,
 * stateful, decoupled; no batching, dynamic batching, sequence batching; with
 * and without auto_complete_config; FP32, FP16, INT64, BOOL, STRING and a -1
 * dim) are generated with generateRepository (--device cpu), filled with a deterministic
 * predict (python/template_fills.py), served by one real Triton, and must
 * answer the real tritonclient correctly over HTTP and gRPC. The basic model
 * under dynamic batching must run concurrent requests through one predict
 * call; a decoupled model streams N responses then the final flag, and stops
 * streaming when the client cancels.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile, loadSpecText } from "../../src/generate/load-spec.js";
import type { RunningTriton } from "../../src/serve/launch.js";
import { validateRepository } from "../../src/validate/index.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { realTriton, runClientPython, startTriton } from "../support/triton.js";

const triton = realTriton();
const SPEC = join(import.meta.dirname, "specs", "templates.yaml");
const PYTHON = join(import.meta.dirname, "python");
const CLIENT = join(PYTHON, "templates_client.py");
const RENAMED_SPEC = join(import.meta.dirname, "specs", "renamed.yaml");

/** The user's part of model.py, as a user would write it: load the fills module, call its function for the template. */
function userCode(template: string): string {
  return [
    "    # ---- YOUR CODE -----------------------------------------------------------",
    "    def load_model(self, checkpoint_path, device):",
    "        import template_fills",
    "        return template_fills",
    "",
    "    def predict(self, inputs):",
    `        return self.model.${template}(self, inputs)`,
    "    # ---- END OF YOUR CODE ----------------------------------------------------",
  ].join("\n");
}

const YOUR_CODE = /^ {4}# ---- YOUR CODE -+\n[\s\S]*?^ {4}# ---- END OF YOUR CODE -+$/m;

interface Check {
  check: string;
  ok: boolean;
  detail: string;
}

describe.skipIf(!triton)("every template in the real Triton", () => {
  const loaded = loadSpecFile(SPEC);
  const models = loaded.spec?.models ?? [];
  let out = "";
  let repository = "";
  let keptRepository = "";
  let keptDiagnostics: string[] = [];

  /**
   * The stale model.py: generate, fill predict (generic code, as the template invites), rename and
   * resize the tensors in the spec, generate again. model.py is kept as edited; it must still load and answer.
   */
  const generateKeptAfterRename = (dir: string): string => {
    const first = generateRepository(loadSpecFile(RENAMED_SPEC), { out: dir, device: "cpu" });
    if (!first.ok) throw new Error(JSON.stringify(first.diagnostics, null, 2));
    const modelPy = join(dir, "model_repository", "kept_after_rename", "1", "model.py");
    const generic = '        return {self.outputs[0]["name"]: inputs[self.inputs[0]["name"]] * 2}';
    writeFileSync(modelPy, readFileSync(modelPy, "utf8").replace("        return self._placeholders(inputs)", generic));
    const renamedSpec = readFileSync(RENAMED_SPEC, "utf8")
      .replaceAll("in_a", "in_renamed")
      .replaceAll("out_b", "out_renamed")
      .replaceAll("dims: [2]", "dims: [3]");
    const second = generateRepository(loadSpecText(renamedSpec, "renamed.yaml"), { out: dir, device: "cpu" });
    if (!second.ok) throw new Error(JSON.stringify(second.diagnostics, null, 2));
    keptDiagnostics = second.diagnostics.map((d) => `${d.code} ${d.file}`);
    if (!readFileSync(modelPy, "utf8").includes(generic)) throw new Error("the edited model.py was not kept");
    return join(dir, "model_repository");
  };
  let server: RunningTriton | undefined;
  const live = (): RunningTriton => {
    if (!server) throw new Error("Triton did not start (see beforeAll)");
    return server;
  };

  const client = async (scenario: string): Promise<Check[]> => {
    const run = await runClientPython([CLIENT, live().httpAddress, live().grpcAddress, scenario], {
      timeoutMs: 90_000,
    });
    expect(run.stderr, run.stdout).toBe("");
    expect(run.code).toBe(0);
    return run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Check);
  };
  const failed = (checks: Check[]): Check[] => checks.filter((c) => !c.ok);
  const stats = async (model: string): Promise<{ requests: number; executions: number; inferences: number }> => {
    const response = await fetch(`${live().httpUrl}/v2/models/${model}/stats`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as {
      model_stats: {
        execution_count: number;
        inference_count: number;
        inference_stats: { success: { count: number } };
      }[];
    };
    const s = body.model_stats[0]!;
    return { requests: s.inference_stats.success.count, executions: s.execution_count, inferences: s.inference_count };
  };
  /** Waits (bounded) for a line of Triton's log matching `pattern`. */
  const logLine = async (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray | null> => {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const found = pattern.exec(live().log());
      if (found) return found;
    }
    return pattern.exec(live().log());
  };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "triton-templates-"));
    const generated = generateRepository(loaded, { out, device: "cpu" });
    if (!generated.ok) throw new Error(JSON.stringify(generated.diagnostics, null, 2));
    repository = join(out, "model_repository");
    for (const model of models) {
      const folder = join(repository, model.name);
      const modelPy = join(folder, "1", "model.py");
      const text = readFileSync(modelPy, "utf8");
      if (!YOUR_CODE.test(text)) throw new Error(`${model.name}: no YOUR CODE block in model.py`);
      writeFileSync(modelPy, text.replace(YOUR_CODE, userCode(model.template)));
      copyFileSync(join(PYTHON, "template_fills.py"), join(folder, "1", "template_fills.py"));
      if (model.auto_complete_config !== true) continue;
      if (model.template === "stateful") {
        // Sequence batching cannot be auto-completed: keep the config, leave the tensors to auto_complete_config.
        const config = parseConfig(readFileSync(join(folder, "config.pbtxt"), "utf8")).value as Record<string, unknown>;
        delete config.input;
        delete config.output;
        writeFileSync(join(folder, "config.pbtxt"), printConfig(config as Parameters<typeof printConfig>[0]));
      } else {
        // No config at all: auto_complete_config declares tensors, batch size, scheduler and transaction policy.
        rmSync(join(folder, "config.pbtxt"));
      }
    }
    keptRepository = generateKeptAfterRename(join(out, "renamed"));
    server = await startTriton({
      repositories: [repository, keptRepository],
      modelControl: "explicit",
      loadModels: [...models.map((m) => m.name), "kept_after_rename"],
    });
  }, 150_000);
  // Stopped here, before its folder is removed (startTriton's file-level afterAll would stop it too, later).
  afterAll(async () => {
    await server?.stop();
    rmSync(out, { recursive: true, force: true });
  }, 30_000);

  it("loads every model, the auto-completed ones with the spec's tensors, batch size, scheduler and policy", async () => {
    expect(models).toHaveLength(10);
    const index = (await (
      await fetch(`${live().httpUrl}/v2/repository/index`, { method: "POST", signal: AbortSignal.timeout(10_000) })
    ).json()) as { name: string; state: string }[];
    expect(
      index
        .filter((m) => m.state === "READY")
        .map((m) => m.name)
        .sort(),
    ).toEqual([...models.map((m) => m.name), "kept_after_rename"].sort());
    // --device cpu wrote the spec's KIND_GPU group as KIND_CPU (this Triton has no GPU).
    const basic = readFileSync(join(repository, "basic_plain", "config.pbtxt"), "utf8");
    expect(basic).toContain("kind: KIND_CPU");
    expect(basic).not.toContain("KIND_GPU");
    for (const model of models.filter((m) => m.auto_complete_config === true)) {
      const config = (await (
        await fetch(`${live().httpUrl}/v2/models/${model.name}/config`, { signal: AbortSignal.timeout(10_000) })
      ).json()) as Record<string, unknown>;
      expect(
        (config.input as { name: string }[]).map((t) => t.name),
        model.name,
      ).toEqual(model.inputs.map((t) => t.name));
      expect(
        (config.output as { name: string }[]).map((t) => t.name),
        model.name,
      ).toEqual(model.outputs.map((t) => t.name));
      expect(config.max_batch_size, model.name).toBe(model.max_batch_size ?? 0);
      expect("dynamic_batching" in config, model.name).toBe(model.dynamic_batching !== undefined);
      expect(
        (config.model_transaction_policy as { decoupled?: boolean } | undefined)?.decoupled ?? false,
        model.name,
      ).toBe(model.template === "decoupled");
    }
  });

  it("an edited model.py kept through a tensor rename loads and answers by the new names, and validates clean", async () => {
    expect(keptDiagnostics).toEqual(["GEN-USER-EDITED model_repository/kept_after_rename/1/model.py"]);
    const checks = await client("renamed");
    expect(failed(checks)).toEqual([]);
    expect(checks).toHaveLength(2);
    const findings = validateRepository(keptRepository, { strict: true }).diagnostics.filter(
      (d) => d.severity !== "info",
    );
    expect(findings).toEqual([]);
  });

  it("answers correctly over HTTP and gRPC; decoupled models stream 3 responses then the final flag over gRPC", async () => {
    const checks = await client("answers");
    expect(failed(checks)).toEqual([]);
    // 4 basic and 2 stateful models on each protocol, 4 decoupled models refused on HTTP and streamed on gRPC.
    expect(checks).toHaveLength(2 * 6 + 4 * 2);
  });

  it("concatenates concurrent requests of different batch sizes into one predict call and splits the outputs back", async () => {
    const before = await stats("basic_dynamic");
    const checks = await client("concurrent");
    expect(failed(checks)).toEqual([]);
    expect(checks).toHaveLength(6);
    const after = await stats("basic_dynamic");
    const requests = after.requests - before.requests;
    const executions = after.executions - before.executions;
    expect(requests).toBe(6);
    expect(after.inferences - before.inferences).toBe(8);
    // Fewer executions than requests: some execute call got several requests...
    expect(executions).toBeLessThan(requests);
    // ...and predict saw them as one batch of more rows than any single request has.
    const batches = [
      ...live()
        .log()
        .matchAll(/basic_dynamic predict batch=(\d+)/g),
    ].map((m) => Number(m[1]));
    expect(Math.max(...batches)).toBeGreaterThan(2);
  });

  it("stops a decoupled stream when the client cancels it", async () => {
    const checks = await client("cancel");
    expect(failed(checks)).toEqual([]);
    // The model would stream 400 responses 25 ms apart (10 s); cancelled after 3, it stops within a few.
    const ended = await logLine(/decoupled_plain stream ended after (\d+) of 400/, 8_000);
    expect(ended, "the stream did not end within 8 s of the cancellation").not.toBeNull();
    expect(Number(ended?.[1])).toBeLessThan(40);
  });
});
