// Paths of the formatter that the corpus and comment tables do not reach:
// fields the schema does not know (a tree read without the parser's check),
// a message type other than ModelConfig, comments between a value and its
// separator, and the options and result flags of formatPbtxt. Expected
// outputs are written by hand from the rules in the module comment of
// src/formatter/format.ts.
import { describe, expect, it } from "vitest";
import { formatPbtxt, formatSyntaxTree } from "../../src/formatter/format.js";
import { readSyntaxTree } from "../../src/formatter/read-tree.js";

/** Reads `text` as a tree only (no schema check by the parser) and formats it. */
function formatTree(text: string, messages?: "keep" | "blocks" | "lists", messageType?: string): string {
  const read = readSyntaxTree(text, messageType === undefined ? {} : { messageType });
  expect(read.diagnostics).toEqual([]);
  if (read.tree === undefined) throw new Error("no tree");
  return formatSyntaxTree(read.tree, messages === undefined ? {} : { messages });
}

describe("fields the schema does not know", () => {
  // Without schema facts, a `[ … ]` of scalars is a repeated scalar and one
  // holding a message is a repeated message; a bare scalar is neither.
  const given = "foo: [1] foo: [2]\nbar: [{a:1}] bar: [{a:2}]\nqux: 3 qux: 4\n";

  it("merges consecutive scalar lists, keeps message lists and bare scalars apart (keep)", () => {
    expect(formatTree(given)).toBe(
      "foo: [ 1, 2 ]\n" + "bar [\n  {\n    a: 1\n  }\n]\n" + "bar [\n  {\n    a: 2\n  }\n]\n" + "qux: 3\nqux: 4\n",
    );
  });

  it("turns a message list into blocks under messages: blocks", () => {
    expect(formatTree("bar: [{a:1},{a:2}]\nfoo: [1,2]\n", "blocks")).toBe(
      "bar {\n  a: 1\n}\nbar {\n  a: 2\n}\nfoo: [ 1, 2 ]\n",
    );
  });

  it("joins message lists into one list under messages: lists", () => {
    expect(formatTree("bar: [{a:1}] bar: [{a:2}]\n", "lists")).toBe(
      "bar [\n  {\n    a: 1\n  },\n  {\n    a: 2\n  }\n]\n",
    );
  });
});

describe("message type", () => {
  it("readSyntaxTree reads the fields of the type it is given", () => {
    // `dims` is a repeated scalar of ModelInput: its occurrences merge.
    expect(formatTree("dims: 1 dims: 2\n", undefined, "ModelInput")).toBe("dims: [ 1, 2 ]\n");
    // ModelConfig has no `dims`: nothing is known, nothing merges.
    expect(formatTree("dims: 1 dims: 2\n")).toBe("dims: 1\ndims: 2\n");
  });

  it("formatPbtxt passes messageType to the parser and the tree", () => {
    const text = "data_type: TYPE_FP32 dims: 1 dims: 2";
    expect(formatPbtxt(text, { messageType: "ModelInput" })).toEqual({
      text: "data_type: TYPE_FP32\ndims: [ 1, 2 ]\n",
      ok: true,
      diagnostics: [],
      changed: true,
    });
    const refused = formatPbtxt(text);
    expect(refused.ok).toBe(false);
    expect(refused.text).toBe(text);
    expect(refused.changed).toBe(false);
    expect(refused.diagnostics.map((d) => d.code)).toEqual(["PB-UNKNOWN-FIELD"]);
  });
});

describe("formatPbtxt options and flags", () => {
  it("names the file in diagnostics only when given one", () => {
    const withFile = formatPbtxt("name: {\n", { file: "m/config.pbtxt" });
    expect(withFile.ok).toBe(false);
    expect(withFile.diagnostics.length).toBeGreaterThan(0);
    for (const d of withFile.diagnostics) expect(d.file).toBe("m/config.pbtxt");
    for (const d of formatPbtxt("name: {\n").diagnostics) expect(d).not.toHaveProperty("file");
  });

  it("reports changed only when the text changed", () => {
    expect(formatPbtxt('name: "m"\n')).toEqual({ text: 'name: "m"\n', ok: true, diagnostics: [], changed: false });
    expect(formatPbtxt('name:"m"\n')).toEqual({ text: 'name: "m"\n', ok: true, diagnostics: [], changed: true });
  });

  it("readSyntaxTree names the file in its PB-SYNTAX diagnostic", () => {
    const read = readSyntaxTree("name: {\n", { file: "m/config.pbtxt" });
    expect(read.tree).toBeUndefined();
    expect(read.diagnostics).toEqual([
      {
        code: "PB-SYNTAX",
        severity: "error",
        message: 'expected "}" to close the message, got end of input',
        line: 2,
        column: 1,
        file: "m/config.pbtxt",
      },
    ]);
    expect(readSyntaxTree("name: {\n").diagnostics[0]).not.toHaveProperty("file");
  });
});

describe("comments between a value and its separator", () => {
  it("keeps the same-line one trailing and puts own-line ones above the field", () => {
    // The first comment is on the value's line: it trails the field. The
    // others sit inside the field (before its `;`/`,`): they print on their
    // own lines above it, in order.
    expect(formatPbtxt('name: "m" # a\n# b\n;\nmax_batch_size: 1 # c\n# d\n# e\n,\n').text).toBe(
      '# b\nname: "m"  # a\n# d\n# e\nmax_batch_size: 1  # c\n',
    );
  });

  it("an own-line comment alone before the separator does not trail", () => {
    expect(formatPbtxt('name: "m"\n# b\n;\n').text).toBe('# b\nname: "m"\n');
  });
});

describe("map entries", () => {
  it("reads an entry's key and value with the map's types", () => {
    // ModelWarmup.inputs is map<string, Input>: the value's fields are known,
    // so the enum number takes its name, the bool its canonical spelling and
    // the repeated `dims` merge (rules in spell-value.ts and format.ts).
    const given =
      "model_warmup { name: 'w' batch_size: 1 inputs { key: 'x' value { data_type: 11 dims: 1 dims: 2 zero_data: True } } }\n";
    expect(formatPbtxt(given).text).toBe(
      "model_warmup {\n" +
        '  name: "w"\n' +
        "  batch_size: 1\n" +
        "  inputs {\n" +
        '    key: "x"\n' +
        "    value {\n" +
        "      data_type: TYPE_FP32\n" +
        "      dims: [ 1, 2 ]\n" +
        "      zero_data: true\n" +
        "    }\n" +
        "  }\n" +
        "}\n",
    );
  });
});

describe("empty lists of messages", () => {
  it.each([
    ["empty", "input []\n", "input [ ]\n"],
    ["empty with a same-line comment after it", "output [] # t\n", "output [ ]  # t\n"],
    ["a comment after the open bracket", "input: [ # c\n]\n", "input [  # c\n]\n"],
    ["only an own-line comment inside", "input [\n# only\n]\n", "input [\n  # only\n]\n"],
  ])("%s", (_name, given, want) => {
    expect(formatPbtxt(given).text).toBe(want);
  });
});

describe("a list mixing messages and scalars (a field the schema does not know)", () => {
  // The parser refuses such a list for a known field; the tree reader keeps it, and no layout may drop a value.
  const given = "bar: [{a:1}, 2, {a:3}]\n";

  it("keeps the scalar in its place as a list element (keep, lists)", () => {
    const want = "bar [\n  {\n    a: 1\n  },\n  2,\n  {\n    a: 3\n  }\n]\n";
    expect(formatTree(given)).toBe(want);
    expect(formatTree(given, "lists")).toBe(want);
  });

  it("gives the scalar a line of its own between the blocks (blocks)", () => {
    expect(formatTree(given, "blocks")).toBe("bar {\n  a: 1\n}\nbar: 2\nbar {\n  a: 3\n}\n");
  });
});
