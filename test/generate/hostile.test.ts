/**
 * Hostile names and strings: the spec refuses what cannot be made safe (path
 * tricks, control characters), and everything else comes out of every
 * generated file (pbtxt, Python, YAML) meaning exactly what the spec said.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { checkSpecValue, loadSpecFile } from "../../src/generate/load-spec.js";
import type { RepoSpec } from "../../src/generate/spec.js";
import { pythonString } from "../../src/render/literals.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { PYTHON_DIR, driveModel, pyCompile, pythonWithNumpyAvailable, runPython } from "./python.js";

const SPEC = join(import.meta.dirname, "specs", "hostile.yaml");
const loaded = loadSpecFile(SPEC);
const spec = loaded.spec as RepoSpec;
const model = spec.models[0]!;
const hasPython = pythonWithNumpyAvailable();
let out = "";

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "gen-hostile-"));
  const result = generateRepository(loaded, { out });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (path: string) => readFileSync(join(out, path), "utf8");

describe("refused with a located diagnostic", () => {
  const base = (name: string, tensor = "x") => ({
    version: 1,
    models: [
      {
        name,
        template: "basic",
        inputs: [{ name: tensor, data_type: "TYPE_FP32", dims: [1] }],
        outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [1] }],
      },
    ],
  });
  it.each([
    ["parent folder", "../escape"],
    ["leading dot", ".hidden"],
    ["slash", "a/b"],
    ["backslash", "a\\b"],
    ["space", "my model"],
    ["non-ASCII", "modèle"],
    ["newline", "a\nb"],
    ["empty", ""],
    ["leading dash", "-rf"],
  ])("model name with %s", (_label, name) => {
    const checked = checkSpecValue(base(name));
    expect(checked.spec).toBeUndefined();
    expect(checked.diagnostics).toEqual([
      expect.objectContaining({
        code: "GEN-SPEC-SCHEMA",
        severity: "error",
        path: "models[0].name",
        message: `${JSON.stringify(name)} is not allowed at models[0].name`,
      }),
    ]);
  });

  it.each([
    ["newline", "a\nb"],
    ["carriage return", "a\rb"],
    ["NUL", "a\u0000b"],
    ["escape", "a\u001bb"],
    ["tab", "a\tb"],
  ])("tensor name with %s", (_label, tensor) => {
    const checked = checkSpecValue(base("ok", tensor));
    expect(checked.diagnostics.map((d) => [d.code, d.path])).toEqual([["GEN-SPEC-SCHEMA", "models[0].inputs[0].name"]]);
  });

  it("an environment variable name that is not one", () => {
    const checked = checkSpecValue({ ...base("ok"), deployment: { environment: { "A=B": "x" } } });
    expect(checked.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ["GEN-SPEC-SCHEMA", 'deployment.environment["A=B"]', 'key "A=B" is not allowed in deployment.environment'],
    ]);
  });

  it("a relative container path", () => {
    const checked = checkSpecValue({ ...base("ok"), deployment: { mounts: [{ source: "./x", target: "../etc" }] } });
    expect(checked.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["GEN-SPEC-SCHEMA", "deployment.mounts[0].target"],
    ]);
  });
});

describe("escaped in every generated file", () => {
  it("the spec is accepted as it is", () => {
    expect(loaded.diagnostics).toEqual([]);
  });

  it("config.pbtxt reads back to the same names and parameter values", () => {
    const parsed = parseConfig(read(`model_repository/${model.name}/config.pbtxt`));
    expect(parsed.ok).toBe(true);
    const value = parsed.value as {
      input: { name: string }[];
      output: { name: string }[];
      parameters: Record<string, { string_value: string }>;
      sequence_batching: { control_input: { name: string }[] };
    };
    expect(value.input.map((t) => t.name)).toEqual(model.inputs.map((t) => t.name));
    expect(value.output.map((t) => t.name)).toEqual(model.outputs.map((t) => t.name));
    expect(value.sequence_batching.control_input.map((c) => c.name)).toEqual([
      'START "s"',
      "END\\",
      "RÉADY",
      "CORR ID",
    ]);
    expect(value.parameters).toEqual({
      'KEY "q"': { string_value: model.parameters?.['KEY "q"'] },
      CHECKPOINT_PATH: { string_value: model.checkpoint?.path },
    });
  });

  it("docker-compose.yml reads back to the same values (with Compose's $$ for a literal $)", () => {
    const compose = parseYaml(read("docker-compose.yml")) as {
      services: Record<
        string,
        { environment: Record<string, string>; volumes: { source: string; target: string }[]; command: string[] }
      >;
    };
    const triton = compose.services.triton!;
    const unescapeDollars = (s: string) => s.replace(/\$\$/g, "$");
    expect(unescapeDollars(triton.environment.GREETING!)).toBe(spec.deployment?.environment?.GREETING);
    expect(triton.environment.GREETING).not.toMatch(/(^|[^$])\$[{A-Z]/);
    expect(triton.environment.UNICODE).toBe("naïve — ok");
    expect(triton.volumes).toContainEqual(
      expect.objectContaining({ source: "./my src:ro", target: "/workspace/my src" }),
    );
    expect(compose.services["app-1"]?.command.map(unescapeDollars)).toEqual(["python", "-c", "print('$HOME \"x\"')"]);
  });

  describe.skipIf(!hasPython)("Python", () => {
    const env = () => ({
      PYTHONPATH: [join(PYTHON_DIR, "doubles"), join(PYTHON_DIR, "fake_tritonclient")].join(delimiter),
    });
    const constants = (file: string, names: string) =>
      runPython(
        [
          "-c",
          `import importlib.util, json, sys\nspec = importlib.util.spec_from_file_location("m", sys.argv[1])\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nprint(json.dumps([${names}]))`,
          join(out, file),
        ],
        { env: env() },
      );

    it("model.py compiles and holds none of the names; gen_repo_spec.py holds them exactly", () => {
      const file = `model_repository/${model.name}/1/model.py`;
      expect(pyCompile(join(out, file)).status).toBe(0);
      // model.py reads names from the config Triton loads, so it never holds a copy that could go stale.
      for (const name of [...model.inputs, ...model.outputs].map((t) => t.name))
        expect(read(file)).not.toContain(pythonString(name));
      const companion = `model_repository/${model.name}/1/gen_repo_spec.py`;
      expect(pyCompile(join(out, companion)).status).toBe(0);
      const r = constants(
        companion,
        `[t["name"] for t in m.DECLARED["input"]], [t["name"] for t in m.DECLARED["output"]], m.CHECKPOINT_PARAMETER, m.CHECKPOINT_ENV`,
      );
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual([
        model.inputs.map((t) => t.name),
        model.outputs.map((t) => t.name),
        "CHECKPOINT_PATH",
        "CKPT_PATH",
      ]);
    });

    it("model.py runs its sequences through the escaped control names", () => {
      const config = parseConfig(read(`model_repository/${model.name}/config.pbtxt`)).value;
      const report = driveModel("stateful", join(out, `model_repository/${model.name}/1/model.py`), config) as {
        predict_calls: number[];
      };
      expect(report.predict_calls).toEqual([1, 2, 1, 1, 4, 2, 2, 2]);
    });

    it("the scripts compile and hold the exact names", () => {
      for (const script of ["scripts/test_python_backend.py", "scripts/inference_client.py"]) {
        expect(pyCompile(join(out, script)).status).toBe(0);
        const r = constants(script, `[[t["name"] for t in model["inputs"]] for model in m.MODELS]`);
        expect(r.stderr).toBe("");
        expect(JSON.parse(r.stdout)).toEqual([[model.inputs.map((t) => t.name)]]);
      }
    });
  });
});
