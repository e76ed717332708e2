// The proto JSON mapping (src/pbtxt/json.ts) against Python's protobuf, the reference implementation of
// json_format: toProtoJSON must write what `MessageToDict(preserving_proto_field_name=True)` writes for the
// same text, messagesEqual must agree with Python's `==`, and fromProtoJSON must accept what `json_format.Parse`
// accepts (as the same bytes) and refuse what it refuses. Numbers are compared by their float64 bit patterns,
// message values as value trees (support/wire-values.ts), neither through our printer nor our JSON code.
// Where we refuse on purpose in a way Python does not (an enum given as 1.5, a float given as true, a root that is
// not an object), the expectation is the proto3 JSON mapping's rule, written as a literal.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromProtoJSON, messagesEqual, toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { protocAvailable, pythonProtobufAvailable } from "../support/oracles.js";
import { decodeWire, valueTree } from "../support/wire-values.js";

const SCHEMAS = fileURLToPath(new URL("../../schemas", import.meta.url));

// ---- the questions for Python, asked once in one process ------------------

/** Texts whose JSON we write: Python reads each with text_format and answers MessageToDict. */
const TO_JSON: Record<string, string> = {
  "strings, ints, 64-bit ints, bools and enums, explicit defaults left out":
    'name: "m" platform: "" max_batch_size: 0 input { name: "x" data_type: TYPE_FP32 dims: [ -1, 0, 9007199254740993 ] optional: true is_shape_tensor: false } input { data_type: 99 } input { data_type: TYPE_INVALID } output [ ] version_policy { all { } }',
  "float fields as float32's shortest spelling, non-finite as strings, -0 kept":
    'sequence_batching { direct { minimum_slot_utilization: 0.1 max_queue_delay_microseconds: 0 } control_input { name: "c" control { kind: CONTROL_SEQUENCE_READY fp32_false_true: [ 0, 1.5, 0.1, 3.4e38, nan, inf, -inf, -0 ] int32_false_true: [ 0, 1 ] bool_false_true: [ false, true ] } } }',
  "a float field at -0 is not at its default": "sequence_batching { direct { minimum_slot_utilization: -0 } }",
  "a float field at 0 is": "sequence_batching { direct { minimum_slot_utilization: 0 } }",
  "double fields keep every digit, non-finite as strings":
    "model_metrics { metric_control { histogram_options { buckets: [ 0.1, 1e-300, 0.30000000000000004, nan, inf, -inf, -0, 0 ] } } }",
  "oneof members kept at zero, map values kept at default":
    'model_warmup { name: "w" batch_size: 0 inputs { key: "a" value { data_type: TYPE_INVALID dims: 1 zero_data: false } } inputs { key: "b" value { random_data: true } } inputs { key: "c" value { input_data_file: "" } } } metric_tags { key: "b" value: "" } metric_tags { key: "a" value: "1" } parameters { key: "z" value { string_value: "" } } dynamic_batching { priority_queue_policy { key: 10 value { } } priority_queue_policy { key: 9 value { max_queue_size: 0 } } }',
  "explicit zeros of every scalar type left out":
    'name: "" max_batch_size: 0 dynamic_batching { preserve_ordering: false max_queue_delay_microseconds: 0 default_priority_level: 0 } instance_group { count: 0 kind: KIND_AUTO passive: false }',
  "int64 fields at 0 left out, at -1 kept":
    'ensemble_scheduling { step { model_name: "a" model_version: -1 } step { model_version: 0 } }',
  // the in-memory values below are built by hand; these are the same messages as text
  "64-bit zeros as bigint and string": "dynamic_batching { priority_levels: 7 }",
  "enums held as numbers": "input { data_type: 0 } input { data_type: 11 } input { data_type: 99 }",
  "empty map and empty list": "",
};

/** In-memory values that the parser never builds but the builder and fromProtoJSON may hand over. */
const BY_HAND: Record<string, MessageValue> = {
  "64-bit zeros as bigint and string": {
    dynamic_batching: { max_queue_delay_microseconds: 0n, default_priority_level: "0", priority_levels: "7" },
  },
  "enums held as numbers": { input: [{ data_type: 0 }, { data_type: 11 }, { data_type: 99 }] },
  "empty map and empty list": { metric_tags: {}, output: [], parameters: {} },
};

/** Pairs of texts: is the message equal, as Python's `==` says? */
const EQUAL: [a: string, b: string][] = [
  ['max_batch_size: 0 name: ""', ""],
  ['name: "a"', 'name: "b"'],
  [
    'metric_tags { key: "b" value: "1" } metric_tags { key: "a" value: "2" }',
    'metric_tags { key: "a" value: "2" } metric_tags { key: "b" value: "1" }',
  ],
  ["", "version_policy { all { } }"],
  ["input { dims: [ 1, 2 ] }", "input { dims: [ 2, 1 ] }"],
];

/** JSON that Python's json_format.Parse accepts: it answers the message's bytes. */
const ACCEPTED: Record<string, string> = {
  "enums by name and by number, unknown numbers kept":
    '{"input": [{"data_type": "TYPE_FP32"}, {"data_type": 11}, {"data_type": 99}, {"data_type": 0}]}',
  "floats as numbers and strings, non-finite spellings":
    '{"sequence_batching": {"direct": {"minimum_slot_utilization": 0.1}, "control_input": [{"control": [{"fp32_false_true": ["NaN", "Infinity", "-Infinity", "1.5", " 2.5", 0.1, -0.0, 3]}]}]}}',
  "doubles as numbers and strings":
    '{"model_metrics": {"metric_control": [{"histogram_options": {"buckets": [0.1, "NaN", "1e-300", "-Infinity", 5]}}]}}',
  "64-bit integers as strings and numbers, uint64 map keys":
    '{"input": [{"dims": ["9007199254740993", -1, "-9223372036854775808", 5.0, "0"]}], "dynamic_batching": {"max_queue_delay_microseconds": "18446744073709551615", "priority_queue_policy": {"10": {"max_queue_size": 3}, "0": {}}}}',
  "32-bit integers at their bounds, as strings and numbers":
    '{"max_batch_size": "-2147483648", "instance_group": [{"count": 2147483647}], "version_policy": {"latest": {"num_versions": 4294967295}}}',
  "an integer string with a tab before it": '{"max_batch_size": "\\t5"}',
  "null is an unset field":
    '{"name": null, "max_batch_size": null, "input": [{"name": "x", "dims": null}], "version_policy": null}',
  "oneof members and bools":
    '{"version_policy": {"all": {}}, "model_warmup": [{"name": "w", "batch_size": 1, "inputs": {"a": {"zero_data": false, "dims": [1]}}}], "input": [{"optional": true, "is_shape_tensor": false}]}',
  "string maps": '{"metric_tags": {"b": "", "a": "x"}, "parameters": {"k": {"string_value": "v"}}}',
};

/** JSON that Python's json_format.Parse refuses. */
const REFUSED: Record<string, string> = {
  "unknown field": '{"nope": 1}',
  "unknown nested field": '{"input": [{"nope": 1}]}',
  "$schema below the root": '{"input": [{"$schema": "x"}]}',
  "two members of a oneof": '{"version_policy": {"all": {}, "latest": {}}}',
  "a string field given a number": '{"name": 5}',
  "a bool field given a number": '{"input": [{"optional": 1}]}',
  "an integer field given a word": '{"max_batch_size": "abc"}',
  "an integer field given a fraction": '{"max_batch_size": 5.5}',
  "an integer field given true": '{"max_batch_size": true}',
  "digits then a letter": '{"max_batch_size": "5x"}',
  "a letter then digits": '{"max_batch_size": "x5"}',
  "int32 above its range": '{"max_batch_size": 2147483648}',
  "int32 below its range": '{"max_batch_size": "-2147483649"}',
  "uint32 below zero": '{"version_policy": {"latest": {"num_versions": -1}}}',
  "uint64 above its range": '{"dynamic_batching": {"max_queue_delay_microseconds": "18446744073709551616"}}',
  "unknown enum name": '{"input": [{"data_type": "TYPE_NOPE"}]}',
  "an empty float string": '{"sequence_batching": {"direct": {"minimum_slot_utilization": ""}}}',
  "a blank float string": '{"sequence_batching": {"direct": {"minimum_slot_utilization": " "}}}',
  "a word for a float": '{"sequence_batching": {"direct": {"minimum_slot_utilization": "abc"}}}',
  "a list given an object": '{"input": {}}',
  "a list given a string": '{"input": "x"}',
  "a map given a string": '{"metric_tags": "x"}',
  "a map given a list": '{"metric_tags": ["x"]}',
  "a uint64 map key that is a word": '{"dynamic_batching": {"priority_queue_policy": {"abc": {}, "1": {}}}}',
  "a map value of the wrong type": '{"metric_tags": {"a": 5, "b": "x"}}',
  "a message given a number": '{"version_policy": 5}',
  "a message given a string": '{"version_policy": "x"}',
  "a message map value given null": '{"parameters": {"a": null}}',
  "a list element given null": '{"input": [null]}',
  "a bad element in a list": '{"input": [{"dims": [1, "x", 2]}]}',
};

const PYTHON = `
import json, sys
sys.path.insert(0, sys.argv[1])
import model_config_pb2 as pb
from google.protobuf import json_format, text_format
questions = json.load(sys.stdin)
def text(t):
    m = pb.ModelConfig()
    text_format.Parse(t, m)
    return m
answers = {"to_json": {}, "equal": [], "parse": {}}
for name, t in questions["to_json"].items():
    answers["to_json"][name] = json.dumps(json_format.MessageToDict(text(t), preserving_proto_field_name=True))
for a, b in questions["equal"]:
    answers["equal"].append(text(a) == text(b))
for name, j in questions["parse"].items():
    m = pb.ModelConfig()
    try:
        json_format.Parse(j, m)
        answers["parse"][name] = {"ok": True, "hex": m.SerializeToString().hex()}
    except json_format.ParseError as e:
        answers["parse"][name] = {"ok": False, "error": str(e)}
print(json.dumps(answers))
`;

interface Answers {
  to_json: Record<string, string>;
  equal: boolean[];
  parse: Record<string, { ok: true; hex: string } | { ok: false; error: string }>;
}

const available = protocAvailable() && pythonProtobufAvailable();
let answers: Answers;
let dir: string | undefined;

beforeAll(() => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), "mutants-json-"));
  const protoc = spawnSync("protoc", [`-I${SCHEMAS}`, `--python_out=${dir}`, "model_config.proto"]);
  expect(protoc.status, protoc.stderr.toString()).toBe(0);
  const questions = { to_json: TO_JSON, equal: EQUAL, parse: { ...ACCEPTED, ...REFUSED } };
  const r = spawnSync("/usr/bin/python3", ["-c", PYTHON, dir], { input: JSON.stringify(questions) });
  expect(r.status, r.stderr.toString()).toBe(0);
  answers = JSON.parse(r.stdout.toString()) as Answers;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A JSON value with every number replaced by its float64 bit pattern (so -0, 0.1 and 0.10000000149 differ). */
function bits(value: unknown): unknown {
  if (typeof value === "number") {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return `f64:${view.getBigUint64(0).toString(16)}`;
  }
  if (Array.isArray(value)) return value.map(bits);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return value;
}

function parsed(text: string): MessageValue {
  const r = parseConfig(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value;
}

describe.runIf(available)("toProtoJSON writes what Python's MessageToDict writes", () => {
  for (const [name, text] of Object.entries(TO_JSON)) {
    it(name, () => {
      const value = BY_HAND[name] ?? parsed(text);
      const python = JSON.parse(answers.to_json[name] as string) as unknown;
      expect(bits(toProtoJSON(value))).toEqual(bits(python));
    });
  }
  it("names the message type it writes (a nested type)", () => {
    const python = JSON.parse(
      answers.to_json["float fields as float32's shortest spelling, non-finite as strings, -0 kept"] as string,
    ) as {
      sequence_batching: MessageValue;
    };
    const value = parsed(
      TO_JSON["float fields as float32's shortest spelling, non-finite as strings, -0 kept"] as string,
    );
    expect(bits(toProtoJSON(value.sequence_batching as MessageValue, "ModelSequenceBatching"))).toEqual(
      bits(python.sequence_batching),
    );
  });
});

describe.runIf(available)("messagesEqual agrees with Python's ==", () => {
  EQUAL.forEach(([a, b], i) => {
    it(`${a || "(empty)"} against ${b || "(empty)"}`, () => {
      expect(messagesEqual(parsed(a), parsed(b))).toBe(answers.equal[i]);
      expect(messagesEqual(parsed(b), parsed(a), "ModelConfig")).toBe(answers.equal[i]);
    });
  });
});

describe.runIf(available)("fromProtoJSON accepts what json_format.Parse accepts, as the same message", () => {
  for (const [name, json] of Object.entries(ACCEPTED)) {
    it(name, () => {
      const python = answers.parse[name];
      expect(python?.ok).toBe(true);
      const ours = fromProtoJSON(JSON.parse(json));
      expect(ours.diagnostics).toStrictEqual([]);
      expect(valueTree(ours.value)).toEqual(decodeWire(Buffer.from((python as { hex: string }).hex, "hex")));
    });
  }
  it("a 64-bit integer given as a bigint (YAML's reading of a large number)", () => {
    const python = answers.parse["64-bit integers as strings and numbers, uint64 map keys"] as { hex: string };
    const ours = fromProtoJSON({
      input: [{ dims: [9007199254740993n, -1n, -9223372036854775808n, 5n, 0n] }],
      dynamic_batching: {
        max_queue_delay_microseconds: 18446744073709551615n,
        priority_queue_policy: { 10: { max_queue_size: 3n }, 0: {} },
      },
    });
    expect(ours.diagnostics).toStrictEqual([]);
    expect(valueTree(ours.value)).toEqual(decodeWire(Buffer.from(python.hex, "hex")));
  });
  it("holds enums by name when the number is known, as the in-memory contract says (types.ts)", () => {
    expect(
      fromProtoJSON({ input: [{ data_type: 11 }, { data_type: 99 }, { data_type: "TYPE_BOOL" }] }).value,
    ).toStrictEqual({
      input: [{ data_type: "TYPE_FP32" }, { data_type: 99 }, { data_type: "TYPE_BOOL" }],
    });
  });
  it("holds float fields as float32 values and 64-bit integers as numbers while exact", () => {
    const { value } = fromProtoJSON({
      sequence_batching: { direct: { minimum_slot_utilization: 0.1 } },
      input: [{ dims: ["5", "9007199254740993"] }],
    });
    expect(value).toStrictEqual({
      sequence_batching: { direct: { minimum_slot_utilization: Math.fround(0.1) } },
      input: [{ dims: [5, 9007199254740993n] }],
    });
  });
  it("skips $schema at the root only (an editor's hint, not part of the message)", () => {
    expect(fromProtoJSON({ $schema: "https://example.com/s.json", name: "m" })).toStrictEqual({
      value: { name: "m" },
      diagnostics: [],
    });
  });
});

/** Our diagnostics for JSON that Python refuses, as [path, message] (and the hint where there is one). */
const REFUSALS: Record<string, [path: string, message: string, hint?: string][]> = {
  "unknown field": [["nope", 'inference.ModelConfig has no field "nope"']],
  "unknown nested field": [["input[0].nope", 'inference.ModelInput has no field "nope"']],
  "$schema below the root": [["input[0].$schema", 'inference.ModelInput has no field "$schema"']],
  "two members of a oneof": [
    ["version_policy.latest", '"latest" and "all" are both members of oneof "policy_choice"; set only one'],
  ],
  "a string field given a number": [["name", "name: expected a string, got number 5"]],
  "a bool field given a number": [["input[0].optional", "input[0].optional: expected true or false, got number 1"]],
  "an integer field given a word": [["max_batch_size", 'max_batch_size: expected an integer (int32), got "abc"']],
  "an integer field given a fraction": [
    ["max_batch_size", "max_batch_size: expected an integer (int32), got number 5.5"],
  ],
  "an integer field given true": [["max_batch_size", "max_batch_size: expected an integer (int32), got boolean true"]],
  "digits then a letter": [["max_batch_size", 'max_batch_size: expected an integer (int32), got "5x"']],
  "a letter then digits": [["max_batch_size", 'max_batch_size: expected an integer (int32), got "x5"']],
  "int32 above its range": [
    ["max_batch_size", "max_batch_size: 2147483648 is out of range for int32 (-2147483648 to 2147483647)"],
  ],
  "int32 below its range": [
    ["max_batch_size", "max_batch_size: -2147483649 is out of range for int32 (-2147483648 to 2147483647)"],
  ],
  "uint32 below zero": [
    [
      "version_policy.latest.num_versions",
      "version_policy.latest.num_versions: -1 is out of range for uint32 (0 to 4294967295)",
    ],
  ],
  "uint64 above its range": [
    [
      "dynamic_batching.max_queue_delay_microseconds",
      "dynamic_batching.max_queue_delay_microseconds: 18446744073709551616 is out of range for uint64 (0 to 18446744073709551615)",
    ],
  ],
  "unknown enum name": [
    [
      "input[0].data_type",
      'input[0].data_type: unknown enum value "TYPE_NOPE"',
      "expected one of: TYPE_INVALID, TYPE_BOOL, TYPE_UINT8, TYPE_UINT16, TYPE_UINT32, TYPE_UINT64, TYPE_INT8, TYPE_INT16, TYPE_INT32, TYPE_INT64, TYPE_FP16, TYPE_FP32, TYPE_FP64, TYPE_STRING, TYPE_BF16",
    ],
  ],
  "an empty float string": [
    [
      "sequence_batching.direct.minimum_slot_utilization",
      'sequence_batching.direct.minimum_slot_utilization: expected a number, got ""',
    ],
  ],
  "a blank float string": [
    [
      "sequence_batching.direct.minimum_slot_utilization",
      'sequence_batching.direct.minimum_slot_utilization: expected a number, got " "',
    ],
  ],
  "a word for a float": [
    [
      "sequence_batching.direct.minimum_slot_utilization",
      'sequence_batching.direct.minimum_slot_utilization: expected a number, got "abc"',
    ],
  ],
  "a list given an object": [["input", "input: expected an array, got an object"]],
  "a list given a string": [["input", 'input: expected an array, got "x"']],
  "a map given a string": [["metric_tags", 'metric_tags: expected an object (map), got "x"']],
  "a map given a list": [["metric_tags", "metric_tags: expected an object (map), got an array"]],
  "a uint64 map key that is a word": [
    [
      'dynamic_batching.priority_queue_policy["abc"]',
      'dynamic_batching.priority_queue_policy["abc"]: expected an integer (uint64), got "abc"',
    ],
  ],
  "a map value of the wrong type": [['metric_tags["a"]', 'metric_tags["a"]: expected a string, got number 5']],
  "a message given a number": [
    ["version_policy", "version_policy: expected an object for inference.ModelVersionPolicy, got number 5"],
  ],
  "a message given a string": [
    ["version_policy", 'version_policy: expected an object for inference.ModelVersionPolicy, got "x"'],
  ],
  "a message map value given null": [
    ['parameters["a"]', 'parameters["a"]: expected an object for inference.ModelParameter, got null'],
  ],
  "a list element given null": [["input[0]", "input[0]: expected an object for inference.ModelInput, got null"]],
  "a bad element in a list": [["input[0].dims[1]", 'input[0].dims[1]: expected an integer (int64), got "x"']],
};

/** What stays of a refused message: the rest of it, without the bad part (never a key holding undefined). */
const KEPT: Record<string, MessageValue> = {
  "unknown field": {},
  "two members of a oneof": { version_policy: { all: {}, latest: {} } },
  "an integer field given a word": {},
  "a map value of the wrong type": { metric_tags: { b: "x" } },
  "a uint64 map key that is a word": { dynamic_batching: { priority_queue_policy: { 1: {} } } },
  "a bad element in a list": { input: [{ dims: [1, 2] }] },
  "a list element given null": { input: [] },
  "a message given a number": {},
};

describe.runIf(available)("fromProtoJSON refuses what json_format.Parse refuses, saying where and why", () => {
  for (const [name, json] of Object.entries(REFUSED)) {
    it(name, () => {
      expect(answers.parse[name]?.ok).toBe(false);
      const ours = fromProtoJSON(JSON.parse(json));
      const expected = (REFUSALS[name] ?? []).map(([path, message, hint]) => ({
        code: "PB-JSON",
        severity: "error",
        message,
        path,
        ...(hint === undefined ? {} : { hint }),
      }));
      expect(expected.length).toBeGreaterThan(0);
      expect(ours.diagnostics).toStrictEqual(expected);
      const kept = KEPT[name];
      if (kept) expect(ours.value).toStrictEqual(kept);
    });
  }
  it("keeps the good fields beside a bad one, without a key for the bad one", () => {
    const ours = fromProtoJSON({ name: "m", max_batch_size: "x", input: [{ dims: ["9007199254740993x"] }] });
    expect(ours.value).toStrictEqual({ name: "m", input: [{ dims: [] }] });
    expect(ours.diagnostics.map((d) => d.path)).toEqual(["max_batch_size", "input[0].dims[0]"]);
  });
});

// Where Python's json_format is more lenient than the proto3 JSON mapping (it truncates an enum 1.5, reads true
// as 1.0 and `[]` as an empty message), we keep to the mapping's rules
// (https://protobuf.dev/programming-guides/json/): an enum is a name or an integer, a float a number or one of
// "NaN", "Infinity", "-Infinity", a message an object.
describe("fromProtoJSON keeps to the proto3 JSON mapping where Python is lenient", () => {
  const one = (json: unknown): [string, string][] =>
    fromProtoJSON(json).diagnostics.map((d) => [d.path, d.message] as [string, string]);
  it("an enum is a name or an integer", () => {
    expect(one({ input: [{ data_type: 1.5 }, { data_type: true }] })).toEqual([
      ["input[0].data_type", "input[0].data_type: expected an enum name, got number 1.5"],
      ["input[1].data_type", "input[1].data_type: expected an enum name, got boolean true"],
    ]);
  });
  it("a float is a number or a number's string", () => {
    expect(one({ sequence_batching: { direct: { minimum_slot_utilization: true } } })).toEqual([
      [
        "sequence_batching.direct.minimum_slot_utilization",
        "sequence_batching.direct.minimum_slot_utilization: expected a number, got boolean true",
      ],
    ]);
    expect(one({ sequence_batching: { direct: { minimum_slot_utilization: "nan" } } })).toEqual([
      [
        "sequence_batching.direct.minimum_slot_utilization",
        'sequence_batching.direct.minimum_slot_utilization: expected a number, got "nan"',
      ],
    ]);
  });
  it("a message is an object, at the root too", () => {
    expect(one({ version_policy: [] })).toEqual([
      ["version_policy", "version_policy: expected an object for inference.ModelVersionPolicy, got an array"],
    ]);
    for (const [json, got] of [
      [null, "null"],
      [[], "an array"],
      ["x", '"x"'],
      [5, "number 5"],
    ] as const) {
      expect(fromProtoJSON(json)).toStrictEqual({
        value: {},
        diagnostics: [
          {
            code: "PB-JSON",
            severity: "error",
            message: `config: expected an object for inference.ModelConfig, got ${got}`,
            path: "",
          },
        ],
      });
    }
  });
});
