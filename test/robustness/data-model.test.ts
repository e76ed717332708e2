/**
 * Names are data, whatever they spell: `constructor`, `__proto__`,
 * `toString` and `hasOwnProperty` work as model, tensor, parameter, warmup
 * and environment names in every generated file. The spec's `config:` is
 * applied as documented (last) or refused, never dropped; names and strings
 * that no generated file could carry are refused where they are.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { checkSpecValue, loadSpecText } from "../../src/generate/load-spec.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { validateRepository } from "../../src/validate/index.js";
import { runCli } from "./support/harness.js";

const PROTO_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"] as const;
let out = "";
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), "gen-names-"));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

/** The same spec as YAML: `__proto__` keys come from the parser, as a user's file gives them. */
const YAML_SPEC = `version: 1
models:
  - name: constructor
    template: basic
    max_batch_size: 2
    inputs:
      - { name: constructor, data_type: TYPE_FP32, dims: [-1] }
      - { name: __proto__, data_type: TYPE_FP32, dims: [1] }
      - { name: toString, data_type: TYPE_FP32, dims: [1] }
    outputs:
      - { name: hasOwnProperty, data_type: TYPE_FP32, dims: [1] }
      - { name: valueOf, data_type: TYPE_FP32, dims: [1] }
    parameters:
      __proto__: a
      constructor: b
      toString: c
  - name: toString
    template: stateful
    max_batch_size: 2
    inputs: [{ name: x, data_type: TYPE_FP32, dims: [1] }]
    outputs: [{ name: y, data_type: TYPE_FP32, dims: [1] }]
ensembles:
  - name: hasOwnProperty
    inputs:
      - { name: constructor, data_type: TYPE_FP32, dims: [-1] }
      - { name: __proto__, data_type: TYPE_FP32, dims: [1] }
      - { name: toString, data_type: TYPE_FP32, dims: [1] }
    outputs:
      - { name: hasOwnProperty, data_type: TYPE_FP32, dims: [1] }
      - { name: valueOf, data_type: TYPE_FP32, dims: [1] }
    steps:
      - model: constructor
        input_map: { constructor: constructor, __proto__: __proto__, toString: toString }
        output_map: { hasOwnProperty: hasOwnProperty, valueOf: valueOf }
deployment:
  environment:
    constructor: "1"
    __proto__: "2"
    toString: "3"
`;

type Message = Record<string, unknown>;
const names = (list: unknown) => (list as Message[]).map((t) => t.name);

describe("Object.prototype member names", () => {
  it("work as model, tensor, parameter, warmup, ensemble-map and environment names; the output validates", () => {
    const result = generateRepository(loadSpecText(YAML_SPEC, "names.yaml"), { out });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);

    const config = parseConfig(readFileSync(join(out, "model_repository/constructor/config.pbtxt"))).value as Message;
    expect(names(config.input)).toEqual(["constructor", "__proto__", "toString"]);
    expect(names(config.output)).toEqual(["hasOwnProperty", "valueOf"]);
    const parameters = config.parameters as Message;
    expect(Object.getPrototypeOf(parameters)).toBe(Object.prototype);
    expect(Object.keys(parameters).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect((Object.getOwnPropertyDescriptor(parameters, "__proto__")?.value as Message).string_value).toBe("a");
    const warmup = (config.model_warmup as Message[])[0]!;
    expect(Object.keys(warmup.inputs as Message).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect((Object.getOwnPropertyDescriptor(warmup.inputs as Message, "constructor")?.value as Message).dims).toEqual([
      1,
    ]);

    const ensemble = parseConfig(readFileSync(join(out, "model_repository/hasOwnProperty/config.pbtxt")))
      .value as Message;
    const step = ((ensemble.ensemble_scheduling as Message).step as Message[])[0]!;
    expect(step.model_name).toBe("constructor");
    expect(Object.keys(step.input_map as Message).sort()).toEqual(["__proto__", "constructor", "toString"]);

    const compose = parseYaml(readFileSync(join(out, "docker-compose.yml"), "utf8")) as {
      services: { triton: { environment: Message } };
    };
    const env = compose.services.triton.environment;
    for (const name of ["constructor", "__proto__", "toString"]) expect(Object.hasOwn(env, name), name).toBe(true);

    const validated = validateRepository(join(out, "model_repository"), { gpus: [0] });
    expect(validated.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(PROTO_NAMES.filter((n) => n !== "__proto__"))("%s as the only model and tensor name", (name) => {
    const spec = {
      version: 1,
      models: [
        {
          name,
          template: "basic",
          inputs: [{ name, data_type: "TYPE_FP32", dims: [-1] }],
          outputs: [{ name: `${name}_out`, data_type: "TYPE_FP32", dims: [1] }],
        },
      ],
    };
    const result = generateRepository(spec, { out });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(
      names((parseConfig(readFileSync(join(out, `model_repository/${name}/config.pbtxt`))).value as Message).input),
    ).toEqual([name]);
  });
});

describe("Object.prototype member names in print and diff", () => {
  it("a __proto__ parameter and a constructor input read, print as JSON and diff like any other name", () => {
    const before =
      'name: "constructor"\nbackend: "python"\ninput { name: "constructor" data_type: TYPE_FP32 dims: [1] }\noutput { name: "__proto__" data_type: TYPE_FP32 dims: [1] }\nparameters { key: "__proto__" value { string_value: "a" } }\nparameters { key: "toString" value { string_value: "a" } }\n';
    const a = join(out, "a.pbtxt");
    const b = join(out, "b.pbtxt");
    writeFileSync(a, before);
    writeFileSync(b, before.replace(/string_value: "a"/g, 'string_value: "b"'));
    const json = JSON.parse(runCli(["print", a, "--format", "json"]).stdout) as {
      input: { name: string }[];
      parameters: Message;
    };
    expect(json.input[0]!.name).toBe("constructor");
    expect(Object.keys(json.parameters)).toEqual(["__proto__", "toString"]);
    const diff = runCli(["diff", a, b]);
    expect(diff.status).toBe(1);
    expect(diff.stdout).toContain(
      'parameters["__proto__"].string_value: "a" -> "b"\nparameters["toString"].string_value: "a" -> "b"\n',
    );
  });
});

describe("config: is applied last, or refused", () => {
  const base = (extra: Message) => ({
    version: 1,
    models: [
      {
        name: "m",
        template: "basic",
        max_batch_size: 2,
        inputs: [{ name: "x", data_type: "TYPE_FP32", dims: [1] }],
        outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [1] }],
        ...extra,
      },
    ],
  });
  const configOf = () => parseConfig(readFileSync(join(out, "model_repository/m/config.pbtxt"))).value as Message;

  it("config.parameters joins parameters: and checkpoint: (it was dropped when they were set)", () => {
    const result = generateRepository(
      base({
        parameters: { A: "1" },
        checkpoint: { path: "/ckpt" },
        config: { parameters: { B: { string_value: "2" } } },
      }),
      { out },
    );
    expect(result.ok).toBe(true);
    const parameters = configOf().parameters as Record<string, { string_value: string }>;
    expect(Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v.string_value]))).toEqual({
      A: "1",
      B: "2",
      CHECKPOINT_PATH: "/ckpt",
    });
  });

  it("a parameter set both in parameters: and config.parameters is refused, located at the config key", () => {
    const checked = checkSpecValue(
      base({ parameters: { A: "1" }, config: { parameters: { A: { string_value: "2" } } } }),
    );
    const result = generateRepository(checked.spec ?? checked, { out });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "GEN-SPEC-CONFIG",
        path: "models[0].config.parameters.A",
        message: 'config: parameter "A" is also set by parameters:',
      }),
    ]);
  });

  it("config.model_warmup replaces the automatic warmup (it was dropped for warmup: auto)", () => {
    const warmup = [
      { name: "mine", batch_size: 1, inputs: { x: { data_type: "TYPE_FP32", dims: ["1"], random_data: true } } },
    ];
    const result = generateRepository(base({ config: { model_warmup: warmup } }), { out });
    expect(result.ok).toBe(true);
    expect((configOf().model_warmup as Message[]).map((w) => w.name)).toEqual(["mine"]);
  });

  it.each([
    [
      { instances: { kind: "cpu", count: 2 }, config: { instance_group: [{ kind: "KIND_CPU", count: 1 }] } },
      "instance_group",
      "instances:",
    ],
    [
      { dynamic_batching: true, config: { dynamic_batching: { max_queue_delay_microseconds: "5" } } },
      "dynamic_batching",
      "dynamic_batching:",
    ],
  ])("a config field the spec also sets is refused: %#", (extra, field, owner) => {
    const result = generateRepository(base(extra), { out });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "GEN-SPEC-CONFIG",
        path: `models[0].config.${field}`,
        message: `config: ${field} is also set by ${owner}; one of them would be dropped`,
      }),
    ]);
  });
});

describe("what no generated file can carry is refused", () => {
  const base = {
    version: 1,
    models: [
      {
        name: "m",
        template: "basic",
        inputs: [{ name: "x", data_type: "TYPE_FP32", dims: [1] }],
        outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [1] }],
      },
    ],
  };

  it("an environment variable name over 255 characters (docker-compose.yml would not parse); 255 works", () => {
    const long = checkSpecValue({ ...base, deployment: { environment: { ["A".repeat(256)]: "x" } } });
    expect(long.diagnostics.map((d) => d.code)).toEqual(["GEN-SPEC-SCHEMA"]);
    const result = generateRepository({ ...base, deployment: { environment: { ["A".repeat(255)]: "x" } } }, { out });
    expect(result.ok).toBe(true);
    const compose = parseYaml(readFileSync(join(out, "docker-compose.yml"), "utf8")) as {
      services: { triton: { environment: Message } };
    };
    expect(compose.services.triton.environment["A".repeat(255)]).toBe("x");
  });

  it("a lone surrogate in a JSON spec, as a value or a key, with its location", () => {
    const text =
      '{"version":1,"models":[{"name":"m","template":"basic","inputs":[{"name":"x\\ud800","data_type":"TYPE_FP32","dims":[1]}],"outputs":[{"name":"y","data_type":"TYPE_FP32","dims":[1]}]}],"deployment":{"environment":{"A":"\\udc00"}}}';
    const loaded = loadSpecText(text, "s.json");
    expect(loaded.spec).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.path, d.line, d.column, d.message])).toEqual([
      // Columns where each string starts (its opening quote), 1-based.
      [
        "models[0].inputs[0].name",
        1,
        text.indexOf('"x\\ud800"') + 1,
        "string at models[0].inputs[0].name holds a lone surrogate \\ud800, which no file can encode",
      ],
      [
        "deployment.environment.A",
        1,
        text.indexOf('"\\udc00"') + 1,
        "string at deployment.environment.A holds a lone surrogate \\udc00, which no file can encode",
      ],
    ]);
    // A pair (an astral character) is a whole character: accepted.
    expect(
      loadSpecText(text.replace("\\ud800", "\\ud83d\\ude00").replace("\\udc00", "ok"), "s.json").diagnostics,
    ).toEqual([]);
  });
});
