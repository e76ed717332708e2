// diffConfigs reports semantic changes by field path; classifyReload and
// classifyInterface say what the change means for Triton and for clients.
import { describe, expect, it } from "vitest";
import { classifyInterface, classifyReload } from "../../src/diff/classify.js";
import { diffConfigs } from "../../src/diff/diff-configs.js";
import { compareConfigs, formatDiffText } from "../../src/diff/report.js";
import { parseConfig } from "../../src/pbtxt/parser.js";

const BASE = `
name: "resnet"
platform: "onnxruntime_onnx"
max_batch_size: 8
input { name: "x" data_type: TYPE_FP32 dims: [ 3, 224, 224 ] }
output { name: "y" data_type: TYPE_FP32 dims: [ 1000 ] }
instance_group { count: 1 kind: KIND_GPU }
parameters { key: "A" value { string_value: "1" } }
`;

function parse(text: string) {
  const result = parseConfig(text);
  expect(result.ok).toBe(true);
  return result.value;
}

function lines(before: string, after: string): string[] {
  return diffConfigs(parse(before), parse(after)).map((c) => `${c.path}: ${c.beforeText} -> ${c.afterText}`);
}

describe("diffConfigs paths", () => {
  it.each<[string, { after: string; want: string[] }]>([
    [
      "a scalar in a repeated message",
      { after: BASE.replace("count: 1", "count: 2"), want: ["instance_group[0].count: 1 -> 2"] },
    ],
    [
      "one element of a repeated scalar",
      { after: BASE.replace("224, 224", "256, 224"), want: ["input[0].dims[1]: 224 -> 256"] },
    ],
    [
      "a repeated scalar of another length, whole",
      { after: BASE.replace("[ 1000 ]", "[ 1, 1000 ]"), want: ["output[0].dims: [ 1000 ] -> [ 1, 1000 ]"] },
    ],
    [
      "an added message",
      {
        after: `${BASE}dynamic_batching { max_queue_delay_microseconds: 100 }\n`,
        want: ["dynamic_batching: (unset) -> { max_queue_delay_microseconds: 100 }"],
      },
    ],
    [
      "a removed element",
      {
        after: BASE.replace('output { name: "y" data_type: TYPE_FP32 dims: [ 1000 ] }', ""),
        want: ['output[0]: { name: "y" data_type: TYPE_FP32 dims: [ 1000 ] } -> (unset)'],
      },
    ],
    [
      "a map value by key",
      {
        after: BASE.replace('string_value: "1"', 'string_value: "2"'),
        want: ['parameters["A"].string_value: "1" -> "2"'],
      },
    ],
    ["a scalar set to its default", { after: BASE.replace("max_batch_size: 8", ""), want: ["max_batch_size: 8 -> 0"] }],
    [
      "an enum",
      { after: BASE.replace("KIND_GPU", "KIND_CPU"), want: ["instance_group[0].kind: KIND_GPU -> KIND_CPU"] },
    ],
  ])("%s", (_name, { after, want }) => {
    expect(lines(BASE, after)).toEqual(want);
  });

  it("ignores formatting, comments, order, map order and explicit defaults", () => {
    const reordered = `# a comment
instance_group < kind: KIND_GPU, count: 1, name: "" >
parameters [ { value { string_value: '1' } key: "A" } ]
output: [ { dims: 1000 name: "y" data_type: 11 } ]
input { dims: 3 dims: 224 dims: 224 name: "x" data_type: TYPE_FP32 }
max_batch_size: 0x8 platform: "onnxruntime_" "onnx" name: "resnet"
`;
    expect(lines(BASE, reordered)).toEqual([]);
  });

  it("an empty message is a change: its presence carries meaning", () => {
    expect(lines(BASE, `${BASE}dynamic_batching { }\n`)).toEqual(["dynamic_batching: (unset) -> { }"]);
  });
});

describe("reload classification", () => {
  function reload(before: string, after: string) {
    const a = parse(before);
    const b = parse(after);
    return classifyReload(diffConfigs(a, b), a, b);
  }

  it("no change needs nothing", () => {
    expect(reload(BASE, BASE).kind).toBe("none");
  });

  it("only instance_group: update in place", () => {
    expect(reload(BASE, BASE.replace("count: 1", "count: 4"))).toMatchObject({ kind: "update", fields: [] });
  });

  it("only version_policy: update in place", () => {
    expect(reload(BASE, `${BASE}version_policy { latest { num_versions: 2 } }\n`).kind).toBe("update");
  });

  it("instance_group and version_policy together: update in place", () => {
    expect(reload(BASE, `${BASE.replace("KIND_GPU", "KIND_CPU")}version_policy { all { } }\n`).kind).toBe("update");
  });

  it("anything else: full reload, naming the fields", () => {
    const verdict = reload(
      BASE,
      BASE.replace("count: 1", "count: 4").replace("max_batch_size: 8", "max_batch_size: 16"),
    );
    expect(verdict).toMatchObject({ kind: "reload", fields: ["max_batch_size"] });
  });

  it("an ensemble is always reloaded", () => {
    const ensemble = 'name: "e"\nplatform: "ensemble"\n';
    expect(reload(ensemble, `${ensemble}version_policy { all { } }\n`).kind).toBe("reload");
  });
});

// Triton compares the configs it normalised (core GetNormalizedModelConfig
// before ModelLifeCycle::AsyncLoad), so spelling out what it fills in is no
// change to it; test/triton/diff-reload.test.ts checks the same rows against
// the real server.
describe("reload classification compares the normalised configs", () => {
  const PY = 'name: "m"\nbackend: "python"\nmax_batch_size: 8\ninstance_group { count: 1 kind: KIND_CPU }\n';
  function verdict(before: string, after: string) {
    return compareConfigs(parse(before), parse(after)).reload;
  }

  it.each<[string, string, string]>([
    ["the default model file of the backend", PY, `${PY}default_model_filename: "model.py"\n`],
    [
      "a preferred batch size equal to max_batch_size",
      `${PY}dynamic_batching { }\n`,
      `${PY}dynamic_batching { preferred_batch_size: [ 8 ] }\n`,
    ],
    ["pinned memory enabled", PY, `${PY}optimization { input_pinned_memory { enable: true } }\n`],
    [
      "the default sequence idle time",
      `${PY}sequence_batching { }\n`,
      `${PY}sequence_batching { max_sequence_idle_microseconds: 1000000 }\n`,
    ],
    ["the platform of the named backend", BASE.replace('platform: "onnxruntime_onnx"', 'backend: "onnxruntime"'), BASE],
  ])("spelling out %s needs nothing", (_name, before, after) => {
    const diff = compareConfigs(parse(before), parse(after));
    expect(diff.identical).toBe(false);
    expect(diff.reload).toMatchObject({ kind: "none", fields: [], paths: [] });
  });

  it("pinned memory disabled is a change Triton reloads for", () => {
    expect(verdict(PY, `${PY}optimization { input_pinned_memory { enable: false } }\n`)).toMatchObject({
      kind: "reload",
      fields: ["optimization"],
    });
  });

  it("a new max_batch_size also changes the preferred batch size Triton derived from it", () => {
    const before = `${PY}dynamic_batching { }\n`;
    expect(verdict(before, before.replace("max_batch_size: 8", "max_batch_size: 4"))).toMatchObject({
      kind: "reload",
      fields: ["max_batch_size", "dynamic_batching"],
      paths: ["max_batch_size", "dynamic_batching.preferred_batch_size[0]"],
    });
  });

  it("an ensemble whose config changed only in spelling is still reloaded", () => {
    const ensemble = 'name: "e"\nplatform: "ensemble"\n';
    expect(verdict(ensemble, `${ensemble}version_policy { latest { num_versions: 1 } }\n`).kind).toBe("reload");
    // Triton goes by the file's time for an ensemble: a comment alone reloads it (test/triton/diff-reload-ensemble.test.ts).
    expect(verdict(ensemble, `# same\n${ensemble}`).kind).toBe("reload");
  });

  it("a default spelled out in sequence batching does not reach clients", () => {
    const before = parse(`${PY}sequence_batching { }\n`);
    const after = parse(`${PY}sequence_batching { max_sequence_idle_microseconds: 1000000 }\n`);
    expect(compareConfigs(before, after).interface).toEqual({ changed: false, areas: [], paths: [] });
    const longer = parse(`${PY}sequence_batching { max_sequence_idle_microseconds: 2000000 }\n`);
    expect(compareConfigs(before, longer).interface).toEqual({
      changed: true,
      areas: ["sequence batching"],
      paths: ["sequence_batching.max_sequence_idle_microseconds"],
    });
  });

  it("the text report says nothing is applied", () => {
    const text = formatDiffText(compareConfigs(parse(PY), parse(`${PY}default_model_filename: "model.py"\n`)));
    expect(text).toContain('default_model_filename: "" -> "model.py"\n');
    expect(text).toContain("reload: nothing to apply, no reload (");
  });
});

describe("interface flags", () => {
  function flags(after: string) {
    return classifyInterface(diffConfigs(parse(BASE), parse(after)));
  }

  it.each<[string, string, string[]]>([
    ["inputs", BASE.replace("TYPE_FP32 dims: [ 3", "TYPE_FP16 dims: [ 3"), ["inputs"]],
    ["outputs", BASE.replace('name: "y"', 'name: "probs"'), ["outputs"]],
    ["batch dimension", BASE.replace("max_batch_size: 8", "max_batch_size: 0"), ["batch dimension"]],
    ["sequence batching", `${BASE}sequence_batching { }\n`, ["sequence batching"]],
    ["decoupled", `${BASE}model_transaction_policy { decoupled: true }\n`, ["decoupled responses"]],
  ])("%s changes the interface", (_name, after, areas) => {
    expect(flags(after)).toMatchObject({ changed: true, areas });
  });

  it.each<[string, string]>([
    ["instance count", BASE.replace("count: 1", "count: 3")],
    ["dynamic batching", `${BASE}dynamic_batching { }\n`],
    ["parameters", BASE.replace('string_value: "1"', 'string_value: "9"')],
  ])("%s does not", (_name, after) => {
    expect(flags(after).changed).toBe(false);
  });
});

describe("text report", () => {
  it("lists changes then both verdicts", () => {
    const diff = compareConfigs(parse(BASE), parse(BASE.replace("count: 1", "count: 2")), {
      before: "config.pbtxt@HEAD",
      after: "config.pbtxt",
    });
    expect(formatDiffText(diff)).toBe(
      [
        "--- config.pbtxt@HEAD",
        "+++ config.pbtxt",
        "instance_group[0].count: 1 -> 2",
        "",
        "reload: update in place, no reload (only instance_group changed: Triton updates the loaded model in place (if the model files are unchanged))",
        "interface: unchanged: clients are not affected",
        "",
      ].join("\n"),
    );
  });
});

describe("float spellings in the report (regression)", () => {
  it("writes -0, nan and inf as config.pbtxt does", () => {
    const before = parseConfig("model_metrics { metric_control { histogram_options { buckets: [ 1, 2, 3 ] } } }").value;
    const after = parseConfig(
      "model_metrics { metric_control { histogram_options { buckets: [ -0, nan, -inf ] } } }",
    ).value;
    const text = formatDiffText(compareConfigs(before, after, { before: "a", after: "b" }));
    expect(text).toContain("-0");
    expect(text).toContain("nan");
    expect(text).toContain("-inf");
  });
});
