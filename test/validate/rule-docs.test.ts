import { afterAll, describe, expect, it } from "vitest";
import { RULES_DOC_PATH, generateRulesDoc } from "../../src/codegen/rules-doc.js";
import { generateAll } from "../../src/codegen/outputs.js";
import { RULES, isRuleId } from "../../src/validate/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import { RULE_EXAMPLES, type RuleExample } from "../../src/validate/rule-examples.js";
import { makeTree, removeTrees } from "./support/tree.js";

/**
 * The examples docs/rules.md shows are true (configs through validateConfig,
 * repositories through validateRepository): every failing example reports
 * its rule and no other code, every passing one does not report it and has no
 * error, and the doc is one of codegen's outputs, so `--check` keeps it
 * current with the registry and the examples.
 */

afterAll(removeTrees);

/** A config goes through validateConfig; a repository is written to a temporary folder for validateRepository. */
function run(example: RuleExample): Diagnostic[] {
  if ("config" in example) return validateConfig(example.config, example.options ?? {});
  return validateRepository(makeTree(example.files), example.options ?? {}).diagnostics;
}

describe("rule examples (docs/rules.md)", () => {
  for (const [id, pair] of Object.entries(RULE_EXAMPLES)) {
    it(`${id}: the failing example reports exactly ${id}`, () => {
      const diagnostics = run(pair.failing);
      expect(
        diagnostics.map((d) => d.code),
        JSON.stringify(diagnostics, null, 1),
      ).toContain(id);
      expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set([id]));
    });
    it(`${id}: the passing example does not report it and has no error`, () => {
      const diagnostics = run(pair.passing);
      expect(diagnostics.filter((d) => d.code === id || d.severity === "error")).toEqual([]);
    });
  }

  it("has examples only for declared rules: the 79 single-config rules and 30 repository rules", () => {
    for (const id of Object.keys(RULE_EXAMPLES)) expect(isRuleId(id), id).toBe(true);
    expect(Object.keys(RULE_EXAMPLES).length).toBeGreaterThanOrEqual(79 + 30);
  });

  it("documents every rule, with its examples or the reason it has none", () => {
    const doc = generateRulesDoc();
    for (const rule of RULES) {
      const start = doc.indexOf(`\n## ${rule.id}\n`);
      expect(start, rule.id).toBeGreaterThan(0);
      const end = doc.indexOf("\n## ", start + 1);
      const section = doc.slice(start + 1, end === -1 ? undefined : end);
      expect(section).toContain(`| Severity | ${rule.severity} |`);
      const example = RULE_EXAMPLES[rule.id];
      if (example === undefined) expect(section).toMatch(/\nNo example: .+\.\n/);
      else {
        expect(section).toContain(`Failing: reports ${rule.id}`);
        expect(section).toContain(`Passing: no ${rule.id}`);
      }
    }
  });

  it("is written by npm run codegen, so --check compares it", () => {
    expect(generateAll().get(RULES_DOC_PATH)).toBe(generateRulesDoc());
  });
});
