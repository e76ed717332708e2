// Robustness: on any text the formatter and the editor return (never throw,
// never hang); whenever the parser accepts the text, the formatter does too
// and keeps the message. Inputs: arbitrary strings, and real configs cut and
// spliced at random points.
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editPbtxt } from "../../src/formatter/edit.js";
import { formatPbtxt } from "../../src/formatter/format.js";
import { readSyntaxTree } from "../../src/formatter/read-tree.js";
import { toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

function check(text: string): void {
  const parsed = parseConfig(text, { positions: false });
  const result = formatPbtxt(text);
  expect(result.ok).toBe(parsed.ok);
  if (!result.ok) {
    expect(result.text).toBe(text);
    expect(result.diagnostics.some((d) => d.severity === "error" && d.line !== undefined)).toBe(true);
    return;
  }
  expect(toProtoJSON(parseConfig(result.text).value)).toEqual(toProtoJSON(parsed.value));
  expect(editPbtxt(text, () => undefined).text).toBe(text);
}

const PIECES = [
  "{",
  "}",
  "[",
  "]",
  "<",
  ">",
  ":",
  ",",
  ";",
  "#",
  "\n",
  " ",
  "'",
  '"',
  "\\",
  "-",
  "0x",
  "1.5e",
  "input",
  "dims",
  "name",
  "# gen-repo: fmt off\n",
  "# gen-repo: fmt on\n",
];

describe("robustness", () => {
  it("handles arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        check(text);
        readSyntaxTree(text);
      }),
      { numRuns: 500 },
    );
  });

  it("handles strings made of text-format pieces", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join("")),
        check,
      ),
      { numRuns: 500 },
    );
  });

  it.runIf(sharedAvailable())("handles real configs cut and spliced at random points", () => {
    const dir = sharedPath("conformance", "roundtrip");
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".pbtxt"))
      .map((f) => readFileSync(`${dir}/${f}`, "utf8"));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.constantFrom(...PIECES), (text, a, b, piece) => {
        const i = a % (text.length + 1);
        const j = Math.min(text.length, i + (b % 40));
        check(text.slice(0, i) + piece + text.slice(j));
      }),
      { numRuns: 400 },
    );
  });
});
