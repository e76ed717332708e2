/**
 * Guards generated/repo-spec.ts against the schema it is generated from: for
 * each representative spec, ajv over schemas/repo-spec.schema.json and the
 * TypeScript compiler over the generated types give the same verdict. What the
 * schema accepts type-checks as `RepoSpec`; what it refuses for a reason a type
 * can say (a missing or unknown field, an enum, a const, a value type, a
 * oneOf branch) does not. Patterns and ranges are left to the schema: a type
 * cannot say them, so no case here breaks only one. Nor does a model's
 * `config`, typed as an open object (see EXTERNAL_REFS in the generator) while
 * generated/model-config.schema.json checks its fields.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ModuleKind, ModuleResolutionKind, Project, ScriptTarget } from "ts-morph";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RepoSpec as GeneratedRepoSpec } from "../../generated/repo-spec.js";
import { SPEC_SCHEMA_PATH, generateSpecTypes } from "../../src/codegen/generate-spec-types.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { repoSpecValidator } from "../../src/generate/spec-schema.js";
import type { RepoSpec } from "../../src/generate/spec.js";
import { packageRoot } from "../../src/schema/package-root.js";

// The generator's names are the ones the rest of the code uses: the same type, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoot: Same<RepoSpec, GeneratedRepoSpec> = true;

function readSpec(path: string): unknown {
  return parse(readFileSync(join(packageRoot(), path), "utf8"));
}

const minimal = {
  version: 1,
  models: [
    {
      name: "m",
      template: "basic",
      inputs: [{ name: "IN", data_type: "TYPE_FP32", dims: [3] }],
      outputs: [{ name: "OUT", data_type: "TYPE_FP32", dims: [-1] }],
    },
  ],
};

/** `minimal` with its model's fields replaced (`undefined` deletes one). */
function withModel(patch: Record<string, unknown>): unknown {
  const model: Record<string, unknown> = { ...minimal.models[0], ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete model[key];
  return { ...minimal, models: [model] };
}

function withTop(patch: Record<string, unknown>): unknown {
  const spec: Record<string, unknown> = { ...minimal, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete spec[key];
  return spec;
}

const step = { model: "m", input_map: { IN: "X" }, output_map: { OUT: "Y" } };
const ensemble = { name: "e", inputs: minimal.models[0]!.inputs, outputs: minimal.models[0]!.outputs, steps: [step] };

/** [name, spec, whether the schema (and so the type) accepts it]. */
const cases: ReadonlyArray<readonly [string, unknown, boolean]> = [
  ["fixtures/act-pick-place.yaml", readSpec("fixtures/act-pick-place.yaml"), true],
  ["test/generate/specs/all-templates.yaml", readSpec("test/generate/specs/all-templates.yaml"), true],
  ["test/generate/specs/scripts.yaml", readSpec("test/generate/specs/scripts.yaml"), true],
  ["the smallest spec", minimal, true],
  ["$schema for editors", withTop({ $schema: "./schemas/repo-spec.schema.json" }), true],
  ["dynamic_batching: true", withModel({ dynamic_batching: true }), true],
  ["dynamic_batching as an object", withModel({ dynamic_batching: { preferred_batch_size: [2] } }), true],
  ["gpus as a count", withTop({ deployment: { gpus: 2 } }), true],
  ["gpus as a list", withTop({ deployment: { gpus: [0, 1] } }), true],
  ["app: false", withTop({ deployment: { app: false } }), true],
  ["app as an object", withTop({ deployment: { app: { command: ["python", "-m", "app"] } } }), true],
  ["storage on a claim", withTop({ kubernetes: { storage: { pvc: { size: "10Gi" } } } }), true],
  [
    "storage in an object store",
    withTop({ kubernetes: { storage: { object_store: { url: "s3://b/r", credentials_secret: "s" } } } }),
    true,
  ],
  ["a ModelConfig field under config", withModel({ config: { max_batch_size: 8 } }), true],
  ["an ensemble", withTop({ ensembles: [ensemble] }), true],
  ["environment and parameters maps", withTop({ deployment: { environment: { A: "1" } } }), true],

  ["no models", withTop({ models: undefined }), false],
  ["version 2", withTop({ version: 2 }), false],
  ["an unknown top-level field", withTop({ extra: true }), false],
  ["an unknown model field", withModel({ batch: 4 }), false],
  ["a model without outputs", withModel({ outputs: undefined }), false],
  ["an unknown template", withModel({ template: "fancy" }), false],
  ["TYPE_BF16", withModel({ inputs: [{ name: "IN", data_type: "TYPE_BF16", dims: [1] }] }), false],
  ["dims as text", withModel({ inputs: [{ name: "IN", data_type: "TYPE_FP32", dims: ["3"] }] }), false],
  ["dynamic_batching as text", withModel({ dynamic_batching: "yes" }), false],
  ["an unknown dynamic_batching field", withModel({ dynamic_batching: { max_queue_delay: 1 } }), false],
  ["a parameter that is a number", withModel({ parameters: { A: 1 } }), false],
  ["instances without kind", withModel({ instances: { count: 2 } }), false],
  ["a checkpoint without path", withModel({ checkpoint: { env: "X" } }), false],
  ["gpus as text", withTop({ deployment: { gpus: "2" } }), false],
  ["app: true", withTop({ deployment: { app: true } }), false],
  ["storage with neither branch", withTop({ kubernetes: { storage: {} } }), false],
  ["an unknown autoscaling engine", withTop({ kubernetes: { autoscaling: { engine: "vpa" } } }), false],
  [
    "a step without output_map",
    withTop({ ensembles: [{ ...ensemble, steps: [{ model: "m", input_map: {} }] }] }),
    false,
  ],
  ["scripts as a list", withTop({ scripts: ["test"] }), false],
];

/** Compiles every case against `typesText` at once; the TypeScript errors of each case, by index. */
function typeErrors(typesText: string): string[][] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ScriptTarget.ES2022,
      module: ModuleKind.ESNext,
      moduleResolution: ModuleResolutionKind.Bundler,
      noEmit: true,
    },
  });
  project.createSourceFile("repo-spec.ts", typesText);
  const files = cases.map(([, value], i) =>
    project.createSourceFile(
      `case-${i}.ts`,
      `import type { RepoSpec } from "./repo-spec.js";\nexport const spec: RepoSpec = ${JSON.stringify(value, null, 2)};\n`,
    ),
  );
  const typesErrors = project.getSourceFileOrThrow("repo-spec.ts").getPreEmitDiagnostics();
  expect(typesErrors.map((d) => d.getMessageText())).toEqual([]);
  return files.map((file) =>
    file.getPreEmitDiagnostics().map((d) => {
      const text = d.getMessageText();
      return typeof text === "string" ? text : text.getMessageText();
    }),
  );
}

describe("generated/repo-spec.ts", () => {
  it("is the type src/generate/spec.ts exports", () => {
    expect(sameRoot).toBe(true);
  });

  // The generator's output for the schema as it is now; `npm run codegen -- --check` holds the committed file to it.
  const errors = typeErrors(generateSpecTypes(readSpec(SPEC_SCHEMA_PATH)));
  const validate = repoSpecValidator();

  it.each(cases.map(([name, value, valid], i) => [name, { value, valid, i }] as const))(
    "agrees with the schema: %s",
    (_name, { value, valid, i }) => {
      expect(validate(value), JSON.stringify(validate.errors)).toBe(valid);
      if (valid) expect(errors[i]).toEqual([]);
      else expect(errors[i]?.length ?? 0).toBeGreaterThan(0);
    },
  );

  it("loads fixtures/act-pick-place.yaml through gen-repo's loader as the generated RepoSpec", () => {
    const loaded = loadSpecFile(join(packageRoot(), "fixtures/act-pick-place.yaml"));
    expect(loaded.diagnostics).toEqual([]);
    // Compile-time: what the loader returns is the generated type, not a copy of it.
    const spec: GeneratedRepoSpec | undefined = loaded.spec;
    expect(spec?.models[0]?.template).toBe("stateful");
  });
});
