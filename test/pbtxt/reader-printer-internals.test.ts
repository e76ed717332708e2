// The structures the reader and printer use for speed must not change what
// they read or print: names found by hash (colliding hashes included), lists
// copied to their size after the parse, and printed text made flat in chunks.
// Expected values are literals written from the text format, not from src/.
import { describe, expect, it } from "vitest";
import type { FieldInfo } from "../../src/schema/descriptors.js";
import { identifierHash } from "../../src/pbtxt/lexer.js";
import { fieldTable, matchByName } from "../../src/pbtxt/name-table.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { TextBuilder } from "../../src/pbtxt/text-builder.js";
import { formatPbtxt } from "../../src/formatter/index.js";

/** Field descriptors with only what a name table reads. */
function fields(...names: string[]): FieldInfo[] {
  return names.map((name, index) => ({ name, index }) as unknown as FieldInfo);
}

/** The item `matchByName` finds for `token` written somewhere in a longer text. */
function find(table: ReturnType<typeof fieldTable>, token: string): string | undefined {
  const text = `  ${token}: 1`;
  return matchByName(table, identifierHash(token), text, 2, 2 + token.length)?.name;
}

describe("name tables", () => {
  it("tells apart names whose hashes collide", () => {
    // "Aa" and "BB" have the same 31-based hash: 65 * 31 + 97 = 66 * 31 + 66 = 2112.
    expect(identifierHash("Aa")).toBe(2112);
    expect(identifierHash("BB")).toBe(2112);
    const both = fieldTable({ fields: fields("Aa", "BB", "x") });
    expect(find(both, "Aa")).toBe("Aa");
    expect(find(both, "BB")).toBe("BB");
    expect(find(both, "x")).toBe("x");
    const onlyAa = fieldTable({ fields: fields("Aa") });
    expect(find(onlyAa, "BB")).toBeUndefined();
    expect(find(onlyAa, "Aaa")).toBeUndefined();
  });

  it("finds every name of a table fuller than its first size", () => {
    const names = Array.from({ length: 40 }, (_, i) => `field_${i}`);
    const table = fieldTable({ fields: fields(...names) });
    for (const name of names) expect(find(table, name)).toBe(name);
    expect(find(table, "field_40")).toBeUndefined();
  });

  it("refuses a field name that only shares a known name's hash", () => {
    // "nbNe" keeps the hash of "name": ('a' + 1) * 31 + ('m' - 31) = 'a' * 31 + 'm'.
    expect(identifierHash("nbNe")).toBe(identifierHash("name"));
    const result = parseConfig('nbNe: "m"\n');
    expect(result.ok).toBe(false);
    // protoc --encode=inference.ModelConfig: input:1:5: Message type "inference.ModelConfig" has no field named "nbNe".
    expect(result.diagnostics[0]).toMatchObject({
      code: "PB-UNKNOWN-FIELD",
      message: 'Message type "inference.ModelConfig" has no field named "nbNe".',
      line: 1,
      column: 5,
    });
  });
});

describe("lists after the parse", () => {
  it("keeps every element, in order, and where each was written", () => {
    const text = [
      "input {",
      '  name: "a"',
      "  dims: [ 1, 2 ]",
      "  dims: 3",
      "}",
      "input {",
      '  name: "b"',
      `  dims: [ ${Array.from({ length: 20 }, (_, i) => i + 1).join(", ")} ]`,
      "}",
      "",
    ].join("\n");
    const result = parseConfig(text);
    expect(result.ok).toBe(true);
    const inputs = result.value.input as { name: string; dims: number[] }[];
    expect(inputs.map((input) => input.name)).toEqual(["a", "b"]);
    expect(inputs[0]?.dims).toEqual([1, 2, 3]);
    expect(inputs[1]?.dims).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(result.source.locate("input[1].name")).toMatchObject({ line: 7, column: 3 });
    // An element written on its own is located at its field name; one inside [ ] at the value.
    expect(result.source.locate("input[0].dims[2]")).toMatchObject({ line: 4, column: 3 });
    expect(result.source.locate("input[0].dims[1]")).toMatchObject({ line: 3, column: 14 });
  });
});

describe("printed text", () => {
  it("is the same text on both sides of a chunk (thousands of pieces)", () => {
    const count = 3000;
    const input = Array.from({ length: count }, (_, i) => ({
      name: `in_${i}`,
      data_type: "TYPE_FP32",
      dims: [i % 7, 2],
    }));
    const expected = input
      .map((x) => `input {\n  name: "${x.name}"\n  data_type: TYPE_FP32\n  dims: [ ${x.dims[0]}, 2 ]\n}\n`)
      .join("");
    expect(printConfig({ name: "big", input })).toBe(`name: "big"\n${expected}`);
  });

  it("is the same text when the formatter writes thousands of lines", () => {
    // Already in fmt's layout (one field per line, two-space indent): formatting gives it back unchanged.
    const inputs = Array.from(
      { length: 3000 },
      (_, i) => `input {\n  name: "in_${i}"\n  data_type: TYPE_FP32\n  dims: [ ${i % 7}, 2 ]\n}\n`,
    ).join("");
    const text = `name: "big"\n${inputs}`;
    const formatted = formatPbtxt(text);
    expect(formatted.ok).toBe(true);
    expect(formatted.text).toBe(text);
  });
});

describe("TextBuilder", () => {
  it("gives the same text when asked twice, and goes on after it, across chunks", () => {
    const builder = new TextBuilder();
    const pieces = Array.from({ length: 10_000 }, (_, i) => `${i},`);
    for (const piece of pieces) builder.add(piece);
    const first = builder.text();
    expect(first).toBe(pieces.join(""));
    expect(builder.text()).toBe(first);
    builder.add("end");
    expect(builder.text()).toBe(`${first}end`);
  });
});
