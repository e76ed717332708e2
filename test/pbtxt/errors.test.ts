// Every kind of refusal of the reader, checked against protoc on the same
// text: protoc refuses too, and our first error has protoc's line, column and
// message. Inputs are ASCII without tabs, where protoc's byte columns and our
// editor columns coincide.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

const CASES: [name: string, code: string, text: string][] = [
  ["unknown field", "PB-UNKNOWN-FIELD", 'name: "m"\nmax_batch_sise: 8\n'],
  ["unknown nested field", "PB-UNKNOWN-FIELD", "instance_group [\n  { kind: KIND_GPU, gpu: [ 0 ] }\n]\n"],
  ["unknown enum value", "PB-UNKNOWN-ENUM", "instance_group {\n  kind: KIND_GPUU\n}\n"],
  ["unknown enum value at end of input", "PB-UNKNOWN-ENUM", "input { data_type: TYPE_FLOAT32 }"],
  ["enum given as a string", "PB-TYPE", 'input { data_type: "TYPE_FP32" }'],
  ["string where an integer goes", "PB-TYPE", 'max_batch_size: "8"\n'],
  ["float where an integer goes", "PB-TYPE", "max_batch_size: 8.5\n"],
  ["identifier where an integer goes", "PB-TYPE", "max_batch_size: eight\n"],
  ["integer where a string goes", "PB-TYPE", "name: 5\n"],
  ["invalid boolean", "PB-TYPE", "response_cache {\n  enable: yes\n}\n"],
  ["boolean out of range", "PB-RANGE", "response_cache { enable: 2 }\n"],
  ["hex for a float", "PB-TYPE", "sequence_batching { direct { minimum_slot_utilization: 0x1 } }"],
  ["int32 overflow", "PB-RANGE", "max_batch_size: 2147483648\n"],
  ["int32 underflow", "PB-RANGE", "max_batch_size: -2147483649\n"],
  ["uint32 negative", "PB-TYPE", "version_policy { latest { num_versions: -1 } }\n"],
  ["uint32 overflow", "PB-RANGE", "version_policy { latest { num_versions: 4294967296 } }\n"],
  ["int64 overflow", "PB-RANGE", "input { dims: 9223372036854775808 }\n"],
  ["uint64 overflow", "PB-RANGE", "dynamic_batching { max_queue_delay_microseconds: 18446744073709551616 }\n"],
  ["hex int32 overflow", "PB-RANGE", "max_batch_size: 0x80000000\n"],
  ["scalar given twice", "PB-DUPLICATE", "max_batch_size: 4\nmax_batch_size: 8\n"],
  ["message given twice", "PB-DUPLICATE", "response_cache { }\nresponse_cache { enable: true }\n"],
  ["two members of a oneof", "PB-ONEOF", "dynamic_batching { }\nsequence_batching { }\n"],
  ["a oneof member twice", "PB-DUPLICATE", "ensemble_scheduling { }\nensemble_scheduling { }\n"],
  [
    "oneof inside warmup inputs",
    "PB-ONEOF",
    'model_warmup { inputs { key: "x" value { zero_data: false random_data: true } } }',
  ],
  ["unterminated string at end of input", "PB-STRING", 'name: "model'],
  ["string across a line break", "PB-STRING", 'name: "mo\ndel"\n'],
  ["bad escape", "PB-STRING", 'name: "a\\qb"\n'],
  ["\\x without hex digits", "PB-STRING", 'name: "a\\xzz"\n'],
  ["\\u with three digits", "PB-STRING", 'name: "\\u12g4"\n'],
  ["\\U beyond the allowed digits", "PB-STRING", 'name: "\\U00200000"\n'],
  ["unclosed message at end of input", "PB-DELIMITER", 'input {\n  name: "x"\n'],
  ["mismatched delimiters", "PB-DELIMITER", 'input { name: "x" >\n'],
  ["mismatched angle delimiters", "PB-DELIMITER", 'input < name: "x" }\n'],
  ["stray closing brace", "PB-SYNTAX", 'name: "x"\n}\n'],
  ["missing colon before a scalar", "PB-MISSING-COLON", "max_batch_size 8\n"],
  ["missing brace after a message field", "PB-DELIMITER", "response_cache: true\n"],
  ["list on a singular field", "PB-TYPE", "max_batch_size: [ 8 ]\n"],
  ["trailing comma in a list", "PB-TYPE", "input { dims: [ 1, 2, ] }\n"],
  ["missing comma in a list", "PB-SYNTAX", "input { dims: [ 1 2 ] }\n"],
  ["unclosed list", "PB-DELIMITER", "input { dims: [ 1, 2 }\n"],
  ["number glued to an identifier", "PB-NUMBER", "input { dims: 3x }\n"],
  ["octal literal with 8", "PB-NUMBER", "input { dims: 08 }\n"],
  ["0x without digits", "PB-NUMBER", "input { dims: 0x }\n"],
  ["two decimal points", "PB-NUMBER", "sequence_batching { direct { minimum_slot_utilization: 1.5.3 } }\n"],
  ["exponent without digits", "PB-NUMBER", "sequence_batching { direct { minimum_slot_utilization: 1e } }\n"],
  ["control character", "PB-SYNTAX", 'name: "x"\u0001\n'],
  ["extension syntax", "PB-EXTENSION", "[inference.foo]: 1\n"],
  ["Any type URL outside an Any", "PB-SYNTAX", '[type.googleapis.com/inference.ModelInput] { name: "a" }\n'],
  ["NUL byte", "PB-SYNTAX", 'name: "a"\u0000\n'],
  ["non-ASCII outside a string (2-byte character)", "PB-SYNTAX", 'name: "a" \u00e9\n'],
  ["non-ASCII outside a string (3-byte character)", "PB-SYNTAX", '\u200bname: "a"\n'],
  ["empty field name", "PB-SYNTAX", ': "x"\n'],
  ["message list element not a message", "PB-DELIMITER", "input [ 5 ]\n"],
  ["map entry with unknown field", "PB-UNKNOWN-FIELD", 'parameters { key: "a" val { string_value: "b" } }\n'],
  ["NUL inside a string", "PB-STRING", 'name: "a\u0000b"\n'],
  ["NUL inside a comment", "PB-SYNTAX", '# a\u0000b\nname: "x"\n'],
  ["non-zero value set again", "PB-DUPLICATE", "input { data_type: TYPE_FP32 data_type: 0 }\n"],
  [
    "float -0 set again (a float compares by its bits)",
    "PB-DUPLICATE",
    "sequence_batching { direct { minimum_slot_utilization: -0 minimum_slot_utilization: 1 } }\n",
  ],
  ["extension name with a space", "PB-SYNTAX", "[a b]: 1\n"],
  ["extension name ending in a dot", "PB-SYNTAX", "[a.]: 1\n"],
  ["empty extension name", "PB-SYNTAX", "[]: 1\n"],
  ["identifier glued to a decimal point", "PB-NUMBER", "foo.5: 1\n"],
  ["identifier glued to a decimal point in an extension name", "PB-NUMBER", "[foo.5]: 1\n"],
  ["a long unknown name, quoted whole", "PB-UNKNOWN-FIELD", `${"n".repeat(200)}: 1\n`],
];

describe.runIf(protocAvailable())("reader refusals match protoc", () => {
  for (const [name, code, text] of CASES) {
    it(name, () => {
      const protoc = protocEncode(text);
      expect(protoc.ok, `protoc accepted: ${JSON.stringify(text)}`).toBe(false);
      const ours = parseConfig(text, { file: "input" });
      expect(ours.ok).toBe(false);
      const first = ours.diagnostics.find((d) => d.severity === "error");
      expect({ line: first?.line, column: first?.column, message: first?.message }).toEqual(protoc.error);
      expect(
        ours.diagnostics.some((d) => d.code === code),
        JSON.stringify(ours.diagnostics),
      ).toBe(true);
    });
  }
});

describe("reader diagnostics", () => {
  it("suggests the closest field name", () => {
    const r = parseConfig("max_batch_sise: 8");
    expect(r.diagnostics[0]?.hint).toBe('did you mean "max_batch_size"?');
  });
  it("suggests the closest enum name", () => {
    const r = parseConfig("instance_group { kind: KIND_GPUU }");
    expect(r.diagnostics[0]?.hint).toBe('did you mean "KIND_GPU"?');
  });
  it("names the file in every diagnostic", () => {
    const r = parseConfig("foo: 1", { file: "models/a/config.pbtxt" });
    expect(r.diagnostics[0]?.file).toBe("models/a/config.pbtxt");
  });
  it("warns when a field set to its default is set again", () => {
    const r = parseConfig("max_batch_size: 0\nmax_batch_size: 8\n");
    expect(r.ok).toBe(true);
    expect(r.value.max_batch_size).toBe(8);
    expect(r.diagnostics).toMatchObject([{ code: "PB-OVERWRITE-DEFAULT", severity: "warning", line: 2, column: 1 }]);
  });
  it("warns on a duplicate map key and keeps the last entry", () => {
    const r = parseConfig(
      'parameters { key: "a" value { string_value: "1" } }\nparameters { key: "a" value { string_value: "2" } }\n',
    );
    expect(r.ok).toBe(true);
    expect(r.value.parameters).toEqual({ a: { string_value: "2" } });
    expect(r.diagnostics).toMatchObject([{ code: "PB-DUPLICATE-KEY", severity: "warning", line: 2 }]);
  });
  it("keeps going after a tokenizer error until the first parse error, as protoc does", () => {
    const r = parseConfig("input { dims: 1abc }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PB-NUMBER", "PB-UNKNOWN-FIELD"]);
  });
});
