// Every form of the grammar that protoc accepts, read by protoc and by us:
// both accept, both read the same message, and protoc reads our printing of
// it as that message too. Messages are compared as value trees
// (support/wire-values.ts: protoc's bytes decoded by a decoder of the test's
// own, float bits, string bytes), never through our printer or JSON mapping.
import { describe, expect, it } from "vitest";
import { toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { decodeWire, valueTree } from "../support/wire-values.js";

const CASES: [name: string, text: string][] = [
  [
    "comments everywhere",
    '# head\nname: "m" # trailing\ninput { # open\n  name: "x" # inner\n  # before close\n}\n# end',
  ],
  ["message forms", 'input { name: "a" } input: { name: "b" } input < name: "c" > input: < name: "d" >'],
  ["lists of messages", 'input [ { name: "a" }, < name: "b" > ] input: [ { name: "c" } ] output [ ]'],
  ["lists of scalars mixed with one-by-one values", "input { dims: [ 1, 2 ] dims: 3 dims: [ ] dims: [4] }"],
  ["separators", 'name: "a"; platform: "b", max_batch_size: 1 input { name: "x", dims: 1; dims: 2, }'],
  ["strings in both quotes, concatenated", "name: 'a' \"b\" 'c\"d' \"e'f\""],
  ["every escape", 'name: "\\n\\t\\\\\\\'\\"\\a\\b\\f\\v\\r\\?\\x41\\101\\0\\7\\u00e9\\U0001F600\\ud83d\\ude00"'],
  ["short octal and hex escapes", 'name: "\\18\\x4g\\1234"'],
  ["UTF-8 text", 'name: "modèle 模型 🤖"'],
  ["\\U above 10ffff is accepted by protoc", 'name: "\\U00110000"'],
  ["integers in every base", "input { dims: [ 10, 0x1F, 0X1f, 017, 0, -5, -0x10, -017 ] }"],
  [
    "int64 and uint64 bounds",
    "input { dims: [ 9223372036854775807, -9223372036854775808 ] } dynamic_batching { max_queue_delay_microseconds: 18446744073709551615 }",
  ],
  ["int32 bounds", "max_batch_size: -2147483648 instance_group { count: 2147483647 }"],
  ["uint32 bound", "version_policy { latest { num_versions: 4294967295 } }"],
  ["minus before a number with a space", "max_batch_size: - 5"],
  [
    "floats in every form",
    "sequence_batching { control_input { control { fp32_false_true: [ 1.5, .5, 5., 1e3, 1E-3, 2.5e+2, 1f, 1.5F, 7, -0, -2.5, 1e40, 123456789012345678901234567890 ] } } }",
  ],
  [
    "special floats",
    "sequence_batching { control_input { control { fp32_false_true: [ inf, -inf, Infinity, -INFINITY, nan, NaN, -nan ] } } }",
  ],
  [
    "doubles",
    "model_metrics { metric_control { histogram_options { buckets: [ 0.1, 1e-300, 1.7976931348623157e308, 5e-324, -0.0, 3 ] } } }",
  ],
  [
    "booleans in every form",
    "input [ { optional: true }, { optional: True }, { optional: t }, { optional: 1 }, { optional: false }, { optional: False }, { optional: f }, { optional: 0 } ]",
  ],
  [
    "enums by name and number",
    "input [ { data_type: TYPE_FP32 }, { data_type: 11 }, { data_type: 0 }, { data_type: 99 }, { data_type: -3 } ]",
  ],
  [
    "maps as entries, in lists, keys omitted",
    'parameters { key: "a" value { string_value: "1" } } parameters [ { key: "b" value: { string_value: "2" } }, { value { string_value: "3" } } ] metric_tags { key: "k" value: "v" } metric_tags { key: "z" }',
  ],
  [
    "uint64 map keys",
    "dynamic_batching { priority_queue_policy { key: 1 value { max_queue_size: 3 } } priority_queue_policy [ { key: 18446744073709551615 }, { key: 0x10 value { timeout_action: DELAY } } ] }",
  ],
  ["map value fields in any order", 'parameters { value { string_value: "v" } key: "k" }'],
  [
    "oneofs",
    'model_warmup { inputs { key: "a" value { input_data_file: "f" } } inputs { key: "b" value { random_data: false } } } version_policy { all { } }',
  ],
  [
    "explicit defaults",
    'name: "" max_batch_size: 0 input { name: "" data_type: TYPE_INVALID dims: 0 optional: false }',
  ],
  ["default then value", "max_batch_size: 0 max_batch_size: 4"],
  [
    "zero in every spelling, then a value",
    "max_batch_size: -0 max_batch_size: 0x0 max_batch_size: 4 input { data_type: 0 data_type: -0 data_type: TYPE_INVALID data_type: TYPE_FP32 }",
  ],
  ["U+FEFF in strings with escapes", 'name: "\ufeffa\\n" platform: "\\ufeff\\t"'],
  [
    "float literals just above FLT_MAX",
    "sequence_batching { control_input { control { fp32_false_true: [ 3.4028235677973366e38, -3.4028235677973366e38, 3.402823567797337e38, 340282356779733661637539395458142568448 ] } } }",
  ],
  ["empty input", ""],
  ["only comments and blank lines", "# nothing\n\n   \n# here\n"],
  ["no whitespace at all", 'name:"a"input{name:"x"dims:[1,2]}instance_group[{kind:KIND_GPU,gpus:[0]}]'],
  ["CRLF line ends, vertical tab and form feed", 'name: "a"\r\nmax_batch_size: 1\r\n\u000binput {\u000c}\r\n'],
  [
    "nested to the schema's depth",
    'optimization { cuda { graph_spec { graph_lower_bound { input { key: "a" value { dim: [ 1 ] } } } } } }',
  ],
];

describe.runIf(protocAvailable())("reader accepts what protoc accepts, as the same message", () => {
  for (const [name, text] of CASES) {
    it(name, () => {
      const protoc = protocEncode(text);
      expect(protoc.ok, protoc.stderr).toBe(true);
      const ours = parseConfig(text);
      expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const theirs = decodeWire(protoc.bytes);
      expect(valueTree(ours.value)).toEqual(theirs);
      const reread = protocEncode(printConfig(ours.value));
      expect(reread.ok, reread.stderr).toBe(true);
      expect(decodeWire(reread.bytes)).toEqual(theirs);
    });
  }
});

describe("values in memory", () => {
  it("keeps 64-bit values exact", () => {
    const r = parseConfig("input { dims: [ 9007199254740993, -9223372036854775808, 5 ] }");
    const input = (r.value.input as { dims: unknown[] }[])[0];
    expect(input?.dims).toEqual([9007199254740993n, -9223372036854775808n, 5]);
  });
  it("rounds float fields to float32 and keeps doubles", () => {
    const r = parseConfig(
      "sequence_batching { direct { minimum_slot_utilization: 0.1 } } model_metrics { metric_control { histogram_options { buckets: 0.1 } } }",
    );
    expect(
      (r.value.sequence_batching as { direct: { minimum_slot_utilization: number } }).direct.minimum_slot_utilization,
    ).toBe(Math.fround(0.1));
    expect(JSON.stringify(r.value.model_metrics)).toContain("[0.1]");
  });
  it("reads a float written with more digits than a diagnostic quotes (regression)", () => {
    const digits = `1.${"0".repeat(200)}5`;
    const r = parseConfig(
      `model_metrics { metric_control { histogram_options { buckets: [ ${digits}, ${"9".repeat(150)} ] } } }`,
    );
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.value)).toContain(`[1,${Number("9".repeat(150))}]`);
  });
  it("keeps -0, NaN and infinities", () => {
    const r = parseConfig("sequence_batching { control_input { control { fp32_false_true: [ -0, nan, -inf ] } } }");
    const values = JSON.stringify(r.value, (_k, v) =>
      typeof v === "number" && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? "-0" : v,
    );
    expect(values).toContain('["-0","NaN","-Infinity"]');
  });
  it("records explicit zeros as present", () => {
    expect(parseConfig("max_batch_size: 0").value).toEqual({ max_batch_size: 0 });
  });
  it("keeps a map key named __proto__ as an ordinary key (regression found by fast-check)", () => {
    const r = parseConfig(
      'metric_tags { key: "__proto__" value: "x" } parameters { key: "__proto__" value { string_value: "y" } }',
    );
    expect(Object.keys(r.value.metric_tags as object)).toEqual(["__proto__"]);
    expect(toProtoJSON(r.value)).toEqual(
      JSON.parse('{"metric_tags":{"__proto__":"x"},"parameters":{"__proto__":{"string_value":"y"}}}'),
    );
    expect(Object.getPrototypeOf(r.value.metric_tags)).toBe(Object.prototype);
  });
  it("keeps an unknown enum number, as proto3 does", () => {
    expect(parseConfig("input { data_type: 99 }").value).toEqual({ input: [{ data_type: 99 }] });
  });
  it("locates fields, list elements and map entries", () => {
    const text =
      'name: "m"\ninput [\n  { name: "a" dims: [ 1, 2 ] },\n  { name: "b" }\n]\nparameters { key: "K" value { string_value: "v" } }\n';
    const { source } = parseConfig(text);
    expect(source.locate("name")).toMatchObject({ line: 1, column: 1 });
    expect(source.locate("input")).toMatchObject({ line: 2, column: 1 });
    expect(source.locate("input[1]")).toMatchObject({ line: 4, column: 3 });
    expect(source.locate("input[0].dims[1]")).toMatchObject({ line: 3, column: 26 });
    expect(source.locate("input[0].dims")).toMatchObject({ line: 3, column: 15 });
    expect(source.locateValue("input[1].name")).toMatchObject({ line: 4, column: 11 });
    expect(source.locate('parameters["K"]')).toMatchObject({ line: 6, column: 1 });
    expect(source.locate('parameters["K"].string_value')).toMatchObject({ line: 6, column: 31 });
    expect(source.locate("output")).toBeUndefined();
    expect(source.locate("input[7]")).toBeUndefined();
  });
});
