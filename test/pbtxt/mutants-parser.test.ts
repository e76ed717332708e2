// Tests that kill the mutants of src/pbtxt/parser.ts and src/pbtxt/numbers.ts
// that survived `npm run mutate -- pbtxt`. Each expectation is a literal fact
// from outside src/pbtxt: the C++ TextFormat parser's error texts (protoc and
// Triton print them), the protobuf JSON spelling of non-finite numbers, bit
// patterns of float32 values checked with Python's struct module, and what
// protoc stores for a text (e.g. a map entry without key has key 0).
import { describe, expect, it } from "vitest";
import {
  compareMapKeys,
  formatDouble,
  formatFloat,
  formatInt64,
  int64InMemory,
  jsonNumber,
  nonFiniteFromJson,
} from "../../src/pbtxt/numbers.js";
import { parseConfig, parseMessage } from "../../src/pbtxt/parser.js";

function first(text: string, messageType?: string) {
  const r = messageType ? parseMessage(text, { messageType }) : parseConfig(text);
  return r.diagnostics[0];
}

/** The first error that is not the tokenizer's. */
function parseError(text: string) {
  return parseConfig(text).diagnostics.find((d) => d.code !== "PB-SYNTAX");
}

describe("numbers.ts", () => {
  it("formatDouble spells non-finite values as text format does (nan, inf, -inf)", () => {
    expect(formatDouble(Number.NaN)).toBe("nan");
    expect(formatDouble(Number.POSITIVE_INFINITY)).toBe("inf");
    expect(formatDouble(Number.NEGATIVE_INFINITY)).toBe("-inf");
  });

  it("formatFloat prints the shortest text that reads back to the same float32", () => {
    // float32 0.1 is 0.100000001490116...; "0.1" reads back to the same bits.
    expect(formatFloat(Math.fround(0.1))).toBe("0.1");
    // Bits 0x322bcc84 need 9 digits: Python's struct.pack("<f", ...) gives
    // 84cc2b32 for "1.00000115e-8" but 83cc2b32 / 85cc2b32 for the 8-digit neighbours.
    const nineDigits = new Float32Array(new Uint32Array([0x322bcc84]).buffer)[0] as number;
    expect(formatFloat(nineDigits)).toBe("1.00000115e-8");
  });

  it("formatInt64 gives the canonical decimal of a decimal string", () => {
    expect(formatInt64("0012")).toBe("12");
    expect(formatInt64("-0012")).toBe("-12");
    expect(formatInt64(12n)).toBe("12");
  });

  it("compareMapKeys orders integer keys numerically, string and bool keys by code unit", () => {
    expect(compareMapKeys("uint64", "9", "10")).toBe(-1);
    expect(compareMapKeys("uint64", "10", "9")).toBe(1);
    expect(compareMapKeys("int64", "-1", "-1")).toBe(0);
    expect(compareMapKeys("string", "b", "a")).toBe(1);
    expect(compareMapKeys("string", "a", "b")).toBe(-1);
    expect(compareMapKeys("string", "10", "9")).toBe(-1);
    expect(compareMapKeys("string", "a", "a")).toBe(0);
    expect(compareMapKeys("bool", "false", "true")).toBe(-1);
    expect(compareMapKeys("bool", "true", "false")).toBe(1);
  });

  it("int64InMemory keeps a number up to ±(2^53 - 1) and a bigint beyond", () => {
    expect(int64InMemory(5n)).toBe(5);
    expect(int64InMemory(9007199254740991n)).toBe(9007199254740991);
    expect(int64InMemory(-9007199254740991n)).toBe(-9007199254740991);
    expect(int64InMemory(9007199254740992n)).toBe(9007199254740992n);
  });

  it("jsonNumber / nonFiniteFromJson use the proto3 JSON spellings NaN, Infinity, -Infinity", () => {
    expect(jsonNumber(Number.NaN)).toBe("NaN");
    expect(jsonNumber(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(jsonNumber(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(jsonNumber(1.5)).toBe(1.5);
    expect(nonFiniteFromJson("NaN")).toBeNaN();
    expect(nonFiniteFromJson("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(nonFiniteFromJson("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    for (const other of ["nan", "inf", "1", ""]) expect(nonFiniteFromJson(other)).toBeUndefined();
  });
});

describe("parser.ts", () => {
  it("diagnostics carry no file or hint property when there is none", () => {
    const d = first("name: }");
    expect(d).toStrictEqual({
      code: "PB-TYPE",
      severity: "error",
      message: "Expected string, got: }",
      line: 1,
      column: 7,
    });
  });

  it("quotes a character outside ASCII met outside a string as U+FFFD, and ASCII tokens as they are", () => {
    expect(parseError("name: é")?.message).toBe("Expected string, got: \ufffd");
    expect(parseError("name: \u0080")?.message).toBe("Expected string, got: \ufffd");
    expect(first("max_batch_size: x")?.message).toBe("Expected integer, got: x");
    expect(first("max_batch_size: !")?.message).toBe("Expected integer, got: !");
  });

  it("quotes nothing at the end of input", () => {
    expect(first("max_batch_size:")?.message).toBe("Expected integer, got: ");
  });

  it("a list cut off by the end of input is an unclosed list", () => {
    const d = first('input [ { name: "a" }');
    expect(d).toMatchObject({ code: "PB-DELIMITER", message: 'Expected ",", found "".' });
    expect(d?.hint).toBe('close the list with "]"');
  });

  it("hints: a missing colon says so, a missing ] of an extension name has no hint", () => {
    const colon = first("max_batch_size 4");
    expect(colon).toMatchObject({ code: "PB-MISSING-COLON", message: 'Expected ":", found "4".' });
    expect(colon?.hint).toBe('write "name: value"');
    const ext = first("[a.b x");
    expect(ext).toMatchObject({ code: "PB-SYNTAX", message: 'Expected "]", found "x".' });
    expect(ext?.hint).toBeUndefined();
  });

  it("unknown field: suggests the close name, else lists the fields", () => {
    expect(first("max_batch_sise: 1")?.hint).toBe('did you mean "max_batch_size"?');
    expect(first("zzzzzzzzzzzz: 1")?.hint).toMatch(
      /^fields of inference\.ModelConfig: name, platform, backend, runtime, version_policy, max_batch_size, /,
    );
  });

  it("duplicate and overwritten singular fields have their messages and hints", () => {
    expect(first("max_batch_size: 1 max_batch_size: 2")).toMatchObject({
      code: "PB-DUPLICATE",
      message: 'Non-repeated field "max_batch_size" is specified multiple times.',
      hint: "remove one of the two",
    });
    expect(first("max_batch_size: 0 max_batch_size: 2")).toMatchObject({
      code: "PB-OVERWRITE-DEFAULT",
      message: 'field "max_batch_size" is set again after being set to its default value; the second value wins',
      hint: "remove the first one",
    });
  });

  it("oneof conflict names the members", () => {
    expect(first("sequence_batching { direct {} oldest {} }")).toMatchObject({
      code: "PB-ONEOF",
      message: 'Field "oldest" is specified along with field "direct", another member of oneof "strategy_choice".',
      hint: "only one of direct, oldest can be set",
    });
  });

  it("an empty list sets nothing for a map field (protoc adds no entry)", () => {
    const r = parseConfig("parameters: [ ]");
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({});
  });

  it("a map entry without key has the key type's zero: 0 for uint64, empty for string", () => {
    expect(parseConfig("dynamic_batching { priority_queue_policy { value { } } }").value).toEqual({
      dynamic_batching: { priority_queue_policy: { "0": {} } },
    });
    expect(parseConfig('ensemble_scheduling { step { input_map { key: "a" } } }').value).toEqual({
      ensemble_scheduling: { step: [{ input_map: { a: "" } }] },
    });
  });

  it("a map key given twice warns", () => {
    expect(first('parameters { key: "a" value {} } parameters { key: "a" value {} }')).toMatchObject({
      code: "PB-DUPLICATE-KEY",
      message: 'map key "a" of "parameters" is given twice; the last entry wins',
      hint: "remove one of the entries",
    });
  });

  it("an unclosed message hints at its own closing delimiter", () => {
    expect(first('input { name: "a"')?.hint).toBe('the message is not closed: add "}"');
    expect(first('input < name: "a"')?.hint).toBe('the message is not closed: add ">"');
  });

  it("unknown enum value: suggests the close name, else lists the values", () => {
    expect(first("input { data_type: TYPE_FP3 }")?.hint).toBe('did you mean "TYPE_FP32"?');
    expect(first("input { data_type: QQQQQQQQQQQQQ }")?.hint).toMatch(
      /^expected one of: TYPE_INVALID, TYPE_BOOL, TYPE_UINT8, /,
    );
  });

  it("an integer field refuses a float or identifier token (C++: Expected integer, got: ...)", () => {
    expect(first("max_batch_size: 1.5")).toMatchObject({ code: "PB-TYPE", message: "Expected integer, got: 1.5" });
    expect(first("max_batch_size: abc")).toMatchObject({ code: "PB-TYPE", message: "Expected integer, got: abc" });
  });

  it("int64 values hold a number up to 2^53 - 1 and a bigint from 2^53, whatever the spelling", () => {
    const dims = (text: string) =>
      (
        parseConfig(`input { name: "a" data_type: TYPE_FP32 dims: [ ${text} ] }`).value.input as { dims: unknown[] }[]
      )[0]?.dims;
    expect(dims("9007199254740991, 9007199254740992, -9007199254740992")).toEqual([
      9007199254740991,
      9007199254740992n,
      -9007199254740992n,
    ]);
    expect(dims("0x10, 010")).toStrictEqual([16, 8]);
  });

  it("a float field refuses identifiers other than inf/infinity/nan, and strings, with C++'s texts", () => {
    const direct = "ModelSequenceBatching.StrategyDirect";
    expect(first("minimum_slot_utilization: Foo", direct)).toMatchObject({
      code: "PB-TYPE",
      message: "Expected double, got: foo",
    });
    expect(first('minimum_slot_utilization: "ABC"', direct)).toMatchObject({
      code: "PB-TYPE",
      message: 'Expected double, got: "ABC"',
    });
    const r = parseMessage("minimum_slot_utilization: -Infinity", { messageType: direct });
    expect(r.value).toEqual({ minimum_slot_utilization: Number.NEGATIVE_INFINITY });
  });

  it("a bool field refuses other words with a hint", () => {
    expect(first("dynamic_batching { preserve_ordering: maybe }")).toMatchObject({
      code: "PB-TYPE",
      message: 'Invalid value for boolean field "preserve_ordering". Value: "maybe".',
      hint: "expected true or false",
    });
  });

  it("string fields: adjacent escapes join into UTF-8 without a warning; bad bytes warn", () => {
    const joined = parseConfig('name: "\\xc3" "\\xa9"');
    expect(joined.value).toEqual({ name: "é" });
    expect(joined.diagnostics).toEqual([]);
    expect(first('name: "\\xff"')).toMatchObject({
      code: "PB-UTF8",
      message: 'string field "name" contains invalid UTF-8 data',
      hint: "use \\u escapes or plain UTF-8 text",
    });
  });

  it("a string token without escapes is kept as given, even a lone surrogate of a JS string", () => {
    expect(parseConfig('name: "a\ud800b"').value).toEqual({ name: "a\ud800b" });
  });

  it("messageType selects the message read", () => {
    const r = parseMessage("data_type: TYPE_FP32", { messageType: "ModelInput" });
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({ data_type: "TYPE_FP32" });
  });

  it("positions resolve by default and not with positions: false", () => {
    expect(parseConfig('name: "x"').source.locate("name")).toMatchObject({ line: 1, column: 1 });
    expect(parseConfig('name: "x"', { positions: false }).source.locate("name")).toBeUndefined();
  });
});
