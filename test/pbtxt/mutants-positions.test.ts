// Tests that kill the mutants of src/pbtxt/positions.ts that survived `npm run mutate -- pbtxt`: where
// `source.locate()` / `locateValue()` say a field, a list element or a map entry is written (the line:column
// the validator, the generator and `serve` print for a path), and the path syntax of parsePath / formatPath
// (public in triton-repo/textformat). Every expected position is counted here from the test's own text
// (`at` below: the text before the needle, split on "\n"), or given as a literal counted by hand, or taken
// from protoc's error position for the same text with the value replaced by a wrong token; never from src/.
// Columns are UTF-16 code units with a tab as one column (README, "Columns count UTF-16 code units").
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { formatPath, parsePath } from "../../src/pbtxt/positions.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

/** Offset, 1-based line and column of the `nth` occurrence of `needle` in `text`, counted independently of src/. */
function at(text: string, needle: string, nth = 0): { offset: number; line: number; column: number } {
  let offset = -1;
  for (let k = 0; k <= nth; k++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`the test's text has no occurrence ${nth} of ${needle}`);
  }
  const lines = text.slice(0, offset).split("\n");
  return { offset, line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
}

describe("parsePath", () => {
  it("reads names, list indices (several digits), quoted and bare map keys", () => {
    expect(parsePath("input[1].dims[12]")).toEqual(["input", 1, "dims", 12]);
    expect(parsePath("optimization.cuda.graphs")).toEqual(["optimization", "cuda", "graphs"]);
    expect(parsePath("_a9.B_z")).toEqual(["_a9", "B_z"]);
    expect(parsePath('parameters["EXECUTION_ENV_PATH"].string_value')).toEqual([
      "parameters",
      { key: "EXECUTION_ENV_PATH" },
      "string_value",
    ]);
    // JSON escapes inside the quotes: the key is  a"]b\c
    expect(parsePath(String.raw`parameters["a\"]b\\c"]`)).toEqual(["parameters", { key: 'a"]b\\c' }]);
    // a bare key runs to the first "]"
    expect(parsePath("metric_tags[two words]")).toEqual(["metric_tags", { key: "two words" }]);
    expect(parsePath("metric_tags[-1]")).toEqual(["metric_tags", { key: "-1" }]);
    expect(parsePath("metric_tags[]")).toEqual(["metric_tags", { key: "" }]);
    expect(parsePath("")).toEqual([]);
  });

  it("refuses text that is not a path (undefined, no throw)", () => {
    for (const bad of ["a b", "a[", "a]", "1a", "a.-", "é"]) expect(parsePath(bad), bad).toBeUndefined();
  });
});

describe("formatPath", () => {
  it("writes names joined by dots, indices and JSON-quoted keys in brackets", () => {
    expect(formatPath(["input", 1, "dims", 0])).toBe("input[1].dims[0]");
    expect(formatPath(["a", "b"])).toBe("a.b");
    expect(formatPath([0])).toBe("[0]");
    expect(formatPath([1, "a"])).toBe("[1].a");
    expect(formatPath([{ key: "k" }, "a"])).toBe('["k"].a');
    expect(formatPath(["parameters", { key: 'a"b\\' }, "string_value"])).toBe(
      String.raw`parameters["a\"b\\"].string_value`,
    );
    expect(formatPath([])).toBe("");
  });
});

describe("source.locate / locateValue", () => {
  it("an element of a list written in [ ] is where the element starts, the list at its name", () => {
    // dims is the first field of its message, so its first element is the first record there
    const text = 'name: "m"\ninput { dims: [ 4, 5, 6 ] }\n';
    const { source } = parseConfig(text);
    expect(source.locate("input[0].dims[0]")).toEqual(at(text, "4"));
    expect(source.locate("input[0].dims[1]")).toEqual(at(text, "5"));
    expect(source.locate("input[0].dims[2]")).toEqual(at(text, "6"));
    expect(source.locate("input[0].dims")).toEqual(at(text, "dims"));
    expect(source.locateValue("input[0].dims[2]")).toEqual(at(text, "6"));
    expect(source.locate("input[0].dims[3]")).toBeUndefined();
  });

  it("a field repeated by name: each value is where its own name is, its value after the colon", () => {
    const text = "input { dims: 4 dims: 5 }\n";
    const { source } = parseConfig(text);
    expect(source.locate("input[0].dims[0]")).toEqual(at(text, "dims", 0));
    expect(source.locate("input[0].dims[1]")).toEqual(at(text, "dims", 1));
    expect(source.locateValue("input[0].dims[0]")).toEqual(at(text, "4"));
    expect(source.locateValue("input[0].dims[1]")).toEqual(at(text, "5"));
  });

  it("both ways mixed in one field: only values written in one [ ] are located at themselves", () => {
    const text = "input {\n  dims: 4\n  dims: [ 5, 6 ]\n  dims: 7\n}\n";
    const { source } = parseConfig(text);
    expect(source.locate("input[0].dims[0]")).toEqual({ offset: 10, line: 2, column: 3 });
    expect(source.locate("input[0].dims[1]")).toEqual({ offset: 28, line: 3, column: 11 });
    expect(source.locate("input[0].dims[2]")).toEqual({ offset: 31, line: 3, column: 14 });
    expect(source.locate("input[0].dims[3]")).toEqual({ offset: 37, line: 4, column: 3 });
    expect([at(text, "dims", 0), at(text, "5"), at(text, "6"), at(text, "dims", 2)]).toEqual([
      { offset: 10, line: 2, column: 3 },
      { offset: 28, line: 3, column: 11 },
      { offset: 31, line: 3, column: 14 },
      { offset: 37, line: 4, column: 3 },
    ]);
  });

  it("a map entry written on its own is where its field name is; its fields are in the entry", () => {
    const text =
      'parameters { key: "A" value { string_value: "x" } }\nparameters { key: "B" value { string_value: "y" } }\n';
    const { source } = parseConfig(text);
    expect(source.locate('parameters["A"]')).toEqual({ offset: 0, line: 1, column: 1 });
    expect(source.locate('parameters["B"]')).toEqual({ offset: 52, line: 2, column: 1 });
    // the value of an entry is the "{" after the name
    expect(source.locateValue('parameters["B"]')).toEqual({ offset: 63, line: 2, column: 12 });
    expect(source.locate('parameters["B"].string_value')).toEqual(at(text, "string_value", 1));
    expect(source.locate(["parameters", { key: "B" }, "string_value"])).toEqual(at(text, "string_value", 1));
    expect(source.locate('parameters["C"]')).toBeUndefined();
  });

  it("map entries written in one [ ] are each where the entry starts, as list elements are", () => {
    // Regression: both entries were located at "parameters" on line 1, because the entries' records (named by
    // their keys) were not recognised as sharing one name.
    const text =
      'parameters [\n  { key: "A" value { string_value: "x" } },\n  { key: "B" value { string_value: "y" } }\n]\n';
    const { source } = parseConfig(text);
    expect(source.locate('parameters["A"]')).toEqual({ offset: 15, line: 2, column: 3 });
    expect(source.locate('parameters["B"]')).toEqual({ offset: 59, line: 3, column: 3 });
    expect(source.locateValue('parameters["B"]')).toEqual({ offset: 59, line: 3, column: 3 });
    // one entry in [ ] does not share its name: located at the name, as `input [ { … } ]` is
    const one = 'parameters [ { key: "A" value { string_value: "x" } } ]\n';
    expect(parseConfig(one).source.locate('parameters["A"]')).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it("a key given twice is located at its last entry, the one whose value is kept", () => {
    // Regression: the first entry was located although the value read is the last one's ("new"; Python's
    // text_format.Parse of this text keeps "new" too, and protoc reads map entries the same way).
    const text =
      'parameters { key: "A" value { string_value: "old" } }\nparameters { key: "A" value { string_value: "new" } }\n';
    const { source, value } = parseConfig(text);
    expect(value.parameters).toEqual({ A: { string_value: "new" } });
    expect(source.locate('parameters["A"]')).toEqual({ offset: 54, line: 2, column: 1 });
    expect(source.locateValue('parameters["A"]')).toEqual({ offset: 65, line: 2, column: 12 });
    expect(source.locate('parameters["A"].string_value')).toEqual(at(text, "string_value", 1));
  });

  it("an empty [ ] holds no element: the elements are the values written after it", () => {
    // Regression: dims[0] of `dims: [ ] dims: 4` was located at the `[ ]`'s name.
    const text = 'input {\n  dims: [ ]\n  dims: 4\n}\ninput { name: "e" dims: [ ] }\n';
    const { source } = parseConfig(text);
    expect(source.locate("input[0].dims[0]")).toEqual({ offset: 22, line: 3, column: 3 });
    expect(source.locateValue("input[0].dims[0]")).toEqual({ offset: 28, line: 3, column: 9 });
    expect(source.locate("input[0].dims")).toEqual({ offset: 10, line: 2, column: 3 });
    expect(source.locate("input[0].dims[1]")).toBeUndefined();
    expect(source.locate("input[1].dims")).toEqual(at(text, "dims", 2));
    expect(source.locate("input[1].dims[0]")).toBeUndefined();
  });

  it.runIf(protocAvailable())("elements in [ ] are where protoc reports a wrong token put in their place", () => {
    // The same text with the element replaced by "x": protoc's error is at that token (byte columns, which
    // equal ours for ASCII without tabs).
    const dims = 'input {\n  name: "i"\n  dims: [ 4, 5 ]\n}\n';
    const where = parseConfig(dims).source.locate("input[0].dims[1]");
    expect(where).toMatchObject(pick(protocEncode(dims.replace("5", "x")).error));
    const map = 'parameters [\n  { key: "A" },\n  { key: "B" }\n]\n';
    const entry = parseConfig(map).source.locate('parameters["B"]');
    expect(entry).toMatchObject(pick(protocEncode(map.replace('{ key: "B" }', "x")).error));
  });

  it("a field of a singular message is located through it; a path given as segments as well", () => {
    const text = "dynamic_batching {\n  preferred_batch_size: [ 4, 8 ]\n  max_queue_delay_microseconds: 100\n}\n";
    const { source } = parseConfig(text);
    expect(source.locate("dynamic_batching.max_queue_delay_microseconds")).toEqual(
      at(text, "max_queue_delay_microseconds"),
    );
    expect(source.locateValue("dynamic_batching.max_queue_delay_microseconds")).toEqual(at(text, "100"));
    expect(source.locate("dynamic_batching.preferred_batch_size[1]")).toEqual(at(text, "8"));
    expect(source.locate(["dynamic_batching", "preferred_batch_size", 1])).toEqual(at(text, "8"));
    expect(source.locate(["dynamic_batching"])).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it("a path that is not written, not a path, or goes through a scalar is undefined, never a throw", () => {
    const text = 'name: "m"\ninput { }\ninput { dims: [ ] }\n';
    const { source } = parseConfig(text);
    expect(source.locate("input[1].dims")).toEqual(at(text, "dims"));
    for (const path of [
      "input[0].name", // an element with no field written
      "output[0]", // a list never written
      'parameters["K"]', // a map never written
      "output.name",
      "name.x", // through a string
      "input[1].dims[0]", // an element of an empty list
      "input[1].dims[0].x",
      "a b",
      "",
      "[0]",
      '["k"]',
    ]) {
      expect(source.locate(path), path).toBeUndefined();
      expect(source.locateValue(path), path).toBeUndefined();
    }
    expect(source.locate([])).toBeUndefined();
    expect(source.locate([0, "name"])).toBeUndefined();
  });

  it("counts lines at \\n only (CRLF, not a lone CR, as protoc) and columns in UTF-16 units, a tab as one", () => {
    // protoc reports `name: "m"\rfoo: 1` at 1:14: a lone CR does not start a line for it either.
    const cr = 'name: "m"\rmax_batch_size: 1\n';
    expect(parseConfig(cr).source.locate("max_batch_size")).toEqual({ offset: 10, line: 1, column: 11 });
    const crlf = 'name: "m"\r\n\tmax_batch_size: 1\r\n';
    expect(parseConfig(crlf).source.locate("max_batch_size")).toEqual({ offset: 12, line: 2, column: 2 });
    // "😀" is two UTF-16 code units (one code point, four UTF-8 bytes); "é" one unit (two bytes)
    const wide = 'name: "é😀" max_batch_size: 1\n';
    expect(parseConfig(wide).source.locate("max_batch_size")).toEqual({ offset: 12, line: 1, column: 13 });
    expect(parseConfig(wide).source.locateValue("max_batch_size")).toEqual({ offset: 28, line: 1, column: 29 });
  });
});

function pick(error: { line: number; column: number } | undefined): { line: number; column: number } {
  if (error === undefined) throw new Error("protoc accepted the text with a wrong token");
  return { line: error.line, column: error.column };
}
