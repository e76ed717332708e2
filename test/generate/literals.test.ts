/**
 * The literal helpers are the only way templates print values, so they must
 * mean exactly their input in the target language, for any string: Python
 * reads back the same text (checked by Python itself), YAML reads back the
 * same text, and Compose's `$` interpolation finds nothing to expand.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  composeString,
  pythonLiteral,
  pythonString,
  shellWord,
  yamlLiteral,
  yamlString,
} from "../../src/render/literals.js";
import { pythonWithNumpyAvailable, runPython } from "./python.js";

/** Well-formed strings of any code points, edges included (lone surrogates cannot be in UTF-8 files at all). */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme-composite" }),
  fc.string({
    unit: fc.constantFrom(
      "\\",
      '"',
      "'",
      "\n",
      "\r",
      "\t",
      "\u0000",
      "\u2028",
      "\u0085",
      "$",
      "{",
      "#",
      "😀",
      "é",
      ":",
      " ",
    ),
  }),
  fc.string({ unit: "binary" }).map((s) => s.replace(/[\uD800-\uDFFF]/g, "?")),
);

describe("pythonString", () => {
  it.each([
    ["plain", "abc", '"abc"'],
    ["quotes and backslash", 'a"b\\c', '"a\\"b\\\\c"'],
    ["newline and tab", "a\nb\tc", '"a\\nb\\tc"'],
    ["NUL and DEL", "\u0000\u007f", '"\\x00\\x7f"'],
    ["BMP", "é—", '"\\xe9\\u2014"'],
    ["astral as one code point", "😀", '"\\U0001f600"'],
  ])("%s", (_label, given, want) => {
    expect(pythonString(given)).toBe(want);
  });

  it("is printable ASCII on one line, for any string", () => {
    fc.assert(fc.property(anyText, (s) => /^"[\x20-\x7e]*"$/.test(pythonString(s))));
  });

  it.skipIf(!pythonWithNumpyAvailable())("Python reads back the same string, for any string", () => {
    const samples = fc.sample(anyText, { numRuns: 400, seed: 20261127 });
    samples.push("", '"""', "'''", "\\", "\\N{BULLET}", "{{x}}", "\u2028\u2029");
    const program = [
      "import ast, json, sys",
      "values = [",
      ...samples.map((s) => `    ${pythonString(s)},`),
      "]",
      "json.dump(values, sys.stdout)",
    ].join("\n");
    const r = runPython(["-c", program]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(samples);
  });

  it("pythonLiteral prints plain values as Python does", () => {
    expect(pythonLiteral({ name: "x", dims: [-1, 3], optional: false, none: null })).toBe(
      '{"name": "x", "dims": [-1, 3], "optional": False, "none": None}',
    );
    expect(pythonLiteral(0.5)).toBe("0.5");
  });
});

describe("yamlString and composeString", () => {
  it("YAML reads back the same string, for any string", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(parseYaml(`key: ${yamlString(s)}\n`)).toEqual({ key: s });
        expect(parseYaml(`- ${yamlLiteral([s, 1, true])}\n`)).toEqual([[s, 1, true]]);
      }),
    );
  });

  it("Compose strings double every $, so no variable is interpolated", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const read = parseYaml(`key: ${composeString(s)}\n`) as { key: string };
        expect(read.key.replace(/\$\$/g, "$")).toBe(s);
        // After Compose turns $$ into $, nothing is left that looks like $VAR or ${VAR}.
        expect(read.key.split("$$").join("")).not.toContain("$");
      }),
    );
  });

  it("shellWord single-quotes anything", () => {
    expect(shellWord("it's $HOME")).toBe("'it'\\''s $HOME'");
  });
});
