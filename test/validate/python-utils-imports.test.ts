/**
 * TR-8 finds how a model.py imports triton_python_backend_utils from each
 * place the module is named, not with a regex anchored at every line start.
 * Its answer must be the line-by-line scan's, which is the rule as written
 * down (an import statement at the start of a line, where a JS `^` with the m
 * flag puts line starts: after \n, \r, U+2028, U+2029). The scan is the oracle
 * here, on texts built from the pieces that matter.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPythonSource } from "../../src/python/source.js";
import { utilsNames } from "../../src/validate/rules/python-tensor-names.js";

/** The statements as a line-by-line scan reads them. */
function scanned(code: string): { modules: string[]; imported: [string, string][] } {
  const modules: string[] = [];
  const imported = new Map<string, string>();
  const statement =
    /^[ \t]*(?:import[ \t]+triton_python_backend_utils(?:[ \t]+as[ \t]+([A-Za-z_]\w*))?|from[ \t]+triton_python_backend_utils[ \t]+import[ \t]+\(?([^)\n]*))/gm;
  for (const m of code.matchAll(statement)) {
    if (m[2] === undefined) modules.push(m[1] ?? "triton_python_backend_utils");
    else
      for (const part of m[2].split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name) imported.set(alias ?? name, name);
      }
  }
  return { modules, imported: [...imported] };
}

const PIECES = [
  "import",
  "from",
  "triton_python_backend_utils",
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u2028",
  " as ",
  "pb",
  "Tensor",
  ", ",
  "(",
  ")",
  "x = 1",
  "import triton_python_backend_utils as pb_utils",
  "from triton_python_backend_utils import (Tensor, get_input_tensor_by_name as get)",
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));

function found(code: string): { modules: string[]; imported: [string, string][] } {
  const names = utilsNames({ relPath: "m/1/model.py", text: code, empty: false, code });
  return { modules: names.modules, imported: [...names.imported] };
}

describe("how model.py imports pb_utils", () => {
  it("is what the line-by-line scan finds, on any text of the pieces that matter", () => {
    fc.assert(
      fc.property(text, (code) => {
        expect(found(code)).toEqual(scanned(code));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["a module alias", "import numpy\nimport triton_python_backend_utils as pb\n", ["pb"], []],
    [
      "two statements on lines split by a lone CR",
      "import triton_python_backend_utils as a\rimport triton_python_backend_utils as b",
      ["a", "b"],
      [],
    ],
    // `[^)\n]*` runs past the \r: the second statement is part of the first one's list (its `as pb` naming it), as the
    // scan reads it.
    [
      "a from-list running past a lone CR",
      "from triton_python_backend_utils import Tensor\rimport triton_python_backend_utils as pb",
      [],
      [["pb", "Tensor\rimport triton_python_backend_utils"]],
    ],
    ["named in a line that is no import", "x = triton_python_backend_utils\n", [], []],
    ["indented, with a tab", "if True:\n\timport triton_python_backend_utils as pb\n", ["pb"], []],
  ])("%s", (_label, code, modules, imported) => {
    expect(found(code)).toEqual({ modules, imported });
    expect(scanned(code)).toEqual({ modules, imported });
  });

  // Not a speed target: a guard against a walk back per name, which takes about a minute on this line (7 ms walked once).
  it("a long line naming the module many times is read in linear time", { timeout: 10_000 }, () => {
    const line = "x = triton_python_backend_utils; ".repeat(30_000);
    const names = utilsNames(readPythonSource("m/1/model.py", `${line}\nimport triton_python_backend_utils as pb\n`));
    expect(names.modules).toEqual(["pb"]);
  });
});
