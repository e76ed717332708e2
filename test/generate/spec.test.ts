/**
 * Reading a spec: every problem is a diagnostic naming the spec file, line,
 * column and spec path, never an exception; the ACT fixture and the starter
 * spec are clean.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkSpecValue, loadSpecFile, loadSpecText } from "../../src/generate/load-spec.js";
import { starterSpec } from "../../src/generate/starter.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "act-pick-place.yaml");

const HEAD = `version: 1
models:
  - name: m
    template: basic
    inputs: [{ name: x, data_type: TYPE_FP32, dims: [1] }]
    outputs: [{ name: y, data_type: TYPE_FP32, dims: [1] }]
`;

type Want = { code: string; line: number | undefined; column: number | undefined; path?: string };

const pick = (d: Diagnostic): Want => {
  const out: Want = { code: d.code, line: d.line, column: d.column };
  if (d.path !== undefined) out.path = d.path;
  return out;
};

const cases: [string, { given: string; want: Want[]; message?: RegExp; hint?: RegExp }][] = [
  // At the "[" that is never closed, not where the parser gives up.
  [
    "YAML syntax error",
    {
      given: "version: 1\nmodels: [\n",
      want: [{ code: "GEN-SPEC-SYNTAX", line: 2, column: 9 }],
      message: /flow sequence "\[" is not closed/,
      hint: /add "\]"/,
    },
  ],
  [
    "duplicate key",
    { given: "version: 1\nversion: 1\nmodels: []\n", want: [{ code: "GEN-SPEC-SYNTAX", line: 2, column: 1 }] },
  ],
  [
    "not an object",
    {
      given: "- 1\n",
      want: [{ code: "GEN-SPEC-SCHEMA", line: 1, column: 1 }],
      message: /^spec must be object, got array/,
    },
  ],
  [
    "unknown field, pointed at its key",
    {
      given: `${HEAD}    max_batch: 4\n`,
      want: [{ code: "GEN-SPEC-SCHEMA", line: 7, column: 5, path: "models[0].max_batch" }],
      message: /^unknown field "max_batch" in models\[0\] \(did you mean "max_batch_size"\?\)$/,
      hint: /max_batch_size/,
    },
  ],
  [
    "bad data type lists the allowed ones",
    {
      given: HEAD.replace(
        "data_type: TYPE_FP32, dims: [1] }]\n    outputs",
        "data_type: FP32, dims: [1] }]\n    outputs",
      ),
      want: [{ code: "GEN-SPEC-SCHEMA", line: 5, column: 36, path: "models[0].inputs[0].data_type" }],
      message:
        /^"FP32" is not allowed at models\[0\]\.inputs\[0\]\.data_type \(did you mean "TYPE_FP32"\?\); expected one of: TYPE_BOOL, /,
    },
  ],
  [
    "TYPE_BF16 has no numpy type",
    {
      given: HEAD.replace("TYPE_FP32, dims: [1] }]\n    outputs", "TYPE_BF16, dims: [1] }]\n    outputs"),
      want: [{ code: "GEN-SPEC-SCHEMA", line: 5, column: 36, path: "models[0].inputs[0].data_type" }],
    },
  ],
  [
    "missing field",
    {
      given: HEAD.replace("    template: basic\n", ""),
      want: [{ code: "GEN-SPEC-SCHEMA", line: 3, column: 5, path: "models[0]" }],
      message: /missing required field "template"/,
    },
  ],
  [
    "wrong type",
    {
      given: `${HEAD}    max_batch_size: "8"\n`,
      want: [{ code: "GEN-SPEC-SCHEMA", line: 7, column: 21, path: "models[0].max_batch_size" }],
      message: /must be integer, got string "8"/,
    },
  ],
  [
    "the guide's mistake: dynamic batching on a stateful model",
    {
      given:
        HEAD.replace("template: basic", "template: stateful") +
        "    max_batch_size: 16\n    dynamic_batching: { preferred_batch_size: [4, 8, 16] }\n",
      want: [{ code: "GEN-TEMPLATE-MISMATCH", line: 8, column: 23, path: "models[0].dynamic_batching" }],
      hint: /action queue is kept per sequence/,
    },
  ],
  [
    "preferred batch size above max_batch_size",
    {
      given: `${HEAD}    max_batch_size: 4\n    dynamic_batching: { preferred_batch_size: [4, 8] }\n`,
      want: [
        {
          code: "GEN-TEMPLATE-MISMATCH",
          line: 8,
          column: 51,
          path: "models[0].dynamic_batching.preferred_batch_size[1]",
        },
      ],
    },
  ],
  [
    "dynamic batching without batching",
    {
      given: `${HEAD}    dynamic_batching: true\n`,
      want: [{ code: "GEN-TEMPLATE-MISMATCH", line: 7, column: 23, path: "models[0].dynamic_batching" }],
    },
  ],
  [
    "sequence on a basic model",
    {
      given: `${HEAD}    sequence: { strategy: direct }\n`,
      want: [{ code: "GEN-TEMPLATE-MISMATCH", line: 7, column: 15, path: "models[0].sequence" }],
    },
  ],
  [
    "dimension 0",
    {
      given: HEAD.replace("TYPE_FP32, dims: [1] }]\n    outputs", "TYPE_FP32, dims: [0] }]\n    outputs"),
      want: [{ code: "GEN-SPEC-SCHEMA", line: 5, column: 54, path: "models[0].inputs[0].dims[0]" }],
    },
  ],
  [
    "two models in one folder, ignoring case",
    {
      given: `${HEAD}${HEAD.split("\n").slice(2).join("\n").replace("name: m", "name: M")}`,
      want: [{ code: "GEN-DUPLICATE-NAME", line: 7, column: 11, path: "models[1].name" }],
    },
  ],
  [
    "a control named like an input",
    {
      given: `${HEAD.replace("template: basic", "template: stateful")}    sequence: { controls: { start: x } }\n`,
      want: [{ code: "GEN-DUPLICATE-NAME", line: 7, column: 36, path: "models[0].sequence.controls.start" }],
    },
  ],
  [
    "an ensemble of a model that is not there",
    {
      given: `${HEAD}ensembles:\n  - name: e\n    inputs: [{ name: a, data_type: TYPE_FP32, dims: [1] }]\n    outputs: [{ name: b, data_type: TYPE_FP32, dims: [1] }]\n    steps: [{ model: nope, input_map: { x: a }, output_map: { y: b } }]\n`,
      want: [{ code: "GEN-ENSEMBLE-REFERENCE", line: 11, column: 22, path: "ensembles[0].steps[0].model" }],
    },
  ],
  [
    "config: an unknown ModelConfig field",
    {
      given: `${HEAD}    config: { max_batch: 1 }\n`,
      want: [{ code: "GEN-SPEC-SCHEMA", line: 7, column: 15, path: "models[0].config.max_batch" }],
    },
  ],
  [
    "config: a field the spec owns",
    {
      given: `${HEAD}    config: { output: [{ name: z }] }\n`,
      want: [{ code: "GEN-SPEC-CONFIG", line: 7, column: 23, path: "models[0].config.output" }],
    },
  ],
];

describe("spec diagnostics", () => {
  it.each(cases)("%s", (_name, { given, want, message, hint }) => {
    const loaded = loadSpecText(given, "spec.yaml");
    expect(loaded.spec).toBeUndefined();
    expect(loaded.diagnostics.filter((d) => d.severity === "error").map(pick)).toEqual(want);
    for (const d of loaded.diagnostics) expect(d.file).toBe("spec.yaml");
    if (message) expect(loaded.diagnostics[0]?.message).toMatch(message);
    if (hint) expect(loaded.diagnostics[0]?.hint).toMatch(hint);
  });

  it("a JSON spec is read with positions too", () => {
    const json = JSON.stringify(
      { version: 1, models: [{ name: "m", template: "nope", inputs: [], outputs: [] }] },
      null,
      2,
    );
    const loaded = loadSpecText(json, "spec.json");
    expect(loaded.diagnostics.map(pick)).toEqual([
      { code: "GEN-SPEC-SCHEMA", line: 6, column: 19, path: "models[0].template" },
      { code: "GEN-SPEC-SCHEMA", line: 7, column: 17, path: "models[0].inputs" },
      { code: "GEN-SPEC-SCHEMA", line: 8, column: 18, path: "models[0].outputs" },
    ]);
  });

  it("a spec object from the API names <spec> and the path, without a position", () => {
    const checked = checkSpecValue({ version: 2, models: [] });
    expect(checked.diagnostics.map((d) => [d.file, d.line, d.path, d.message])).toEqual([
      ["<spec>", undefined, "version", "version must be 1, got 2"],
      ["<spec>", undefined, "models", "models must NOT have fewer than 1 items"],
    ]);
  });

  it("a missing spec file is a diagnostic", () => {
    const loaded = loadSpecFile(join(import.meta.dirname, "no-such-spec.yaml"), "no-such-spec.yaml");
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ code: "GEN-IO", file: "no-such-spec.yaml" })]);
  });

  it("an alias bomb is refused, not expanded", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    const loaded = loadSpecText(bomb, "bomb.yaml");
    expect(loaded.spec).toBeUndefined();
    expect(loaded.diagnostics[0]?.code).toBe("GEN-SPEC-SYNTAX");
  });
});

describe("clean specs", () => {
  it("the ACT fixture", () => {
    expect(loadSpecFile(FIXTURE).diagnostics).toEqual([]);
  });

  it("the ACT fixture is the guide done right: sequence batching, no dynamic batching, max_batch_size, GPU 0, warmup", () => {
    const model = loadSpecFile(FIXTURE).spec?.models[0];
    expect(model).toMatchObject({
      template: "stateful",
      max_batch_size: 4,
      instances: { kind: "gpu", gpus: [0] },
      warmup: "auto",
    });
    expect(model?.dynamic_batching).toBeUndefined();
    expect(readFileSync(FIXTURE, "utf8")).toContain("$schema=../schemas/repo-spec.schema.json");
  });

  it("the starter spec of gen-repo init, and a bad --name is reported", () => {
    const starter = starterSpec({ name: "policy", fileName: "triton-repo.yaml", directory: join(import.meta.dirname) });
    expect(starter.diagnostics).toEqual([]);
    expect(starter.ok).toBe(true);
    expect(starter.text).toContain('$schema: "../../schemas/repo-spec.schema.json"');
    const bad = starterSpec({ name: "../x", fileName: "s.yaml", directory: "." });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.path).toBe("models[0].name");
  });
});
