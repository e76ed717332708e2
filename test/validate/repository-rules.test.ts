import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ValidationResult, validateRepository } from "../../src/validate/index.js";
import { REPOSITORY_ROWS, type RepositoryCase } from "./support/repository-cases.js";
import { makeTree, removeTrees } from "./support/tree.js";

/**
 * Every rule that needs the folder layout or other models: the invalid
 * repository produces the rule's code, in the file (and on the line and
 * column) its row names, the nearest valid one produces no error at all.
 */

afterAll(removeTrees);

function run(c: RepositoryCase): ValidationResult {
  if (c.missingRoot) return validateRepository(join(makeTree({}), "does-not-exist"), c.options ?? {});
  const roots = c.trees.map((t) => makeTree(t));
  return validateRepository(roots, c.options ?? {});
}

describe("repository rules: one invalid and one valid repository per rule", () => {
  REPOSITORY_ROWS.forEach(([code, invalid, valid, at], i) => {
    it(`${code} (#${i}): reported on the invalid repository, where the row says`, () => {
      const result = run(invalid);
      const found = result.diagnostics.filter((d) => d.code === code);
      expect(found.length, `no ${code} in ${JSON.stringify(result.diagnostics, null, 1)}`).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.file, `${code} has no file`).toBeTruthy();
        expect(d.hint, `${code} has no hint`).toBeTruthy();
      }
      const first = found[0];
      // A finding on a line of a file must be placed by its row; only a folder-level finding may go without.
      if (first?.line !== undefined) expect(at, `${code} (#${i}) is on a line: the row must say where`).toBeDefined();
      if (at !== undefined)
        expect({ file: first?.file, line: first?.line, column: first?.column }, first?.message).toEqual({
          file: at.file,
          line: at.line,
          column: at.column,
        });
    });
    it(`${code} (#${i}): silent on the valid repository`, () => {
      const result = run(valid);
      expect(result.diagnostics.filter((d) => d.code === code || d.severity === "error")).toEqual([]);
    });
  });
});
