import { afterAll, describe, expect, it } from "vitest";
import { RULES_DOC_PATH, generateRulesDoc } from "../../src/codegen/rules-doc.js";
import { generateAll } from "../../src/codegen/outputs.js";
import { RULES, RULE_REGISTRY, type RuleId, isRuleId } from "../../src/validate/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import {
  type FailingExample,
  RULE_EXAMPLES,
  type RuleExample,
  type RuleExampleCase,
} from "../../src/validate/rule-examples.js";
import { makeTree, removeTrees } from "./support/tree.js";
import { templatePattern } from "./support/wording.js";

/**
 * The examples docs/rules.md shows are true (configs through validateConfig,
 * repositories through validateRepository): every failing example reports
 * its rule and no other code, at the place and in the words the example
 * states (Triton's message: the registry's template, or the example's own
 * `wording`), every passing one does not report it and has no error, and the
 * doc is one of codegen's outputs, so `--check` keeps it current with the
 * registry and the examples. The boundary pairs of a rule (the value just
 * refused against the value just allowed) run the same way; the doc shows
 * only the first pair.
 */

afterAll(removeTrees);

/** A config goes through validateConfig; a repository is written to a temporary folder for validateRepository. */
function run(example: RuleExample): Diagnostic[] {
  if ("config" in example) return validateConfig(example.config, example.options ?? {});
  return validateRepository(makeTree(example.files), example.options ?? {}).diagnostics;
}

/** The place and words of the rule's first finding, as the failing example states them. */
function expectFinding(id: RuleId, example: FailingExample, diagnostics: readonly Diagnostic[]): void {
  const found = diagnostics.filter((d) => d.code === id);
  expect(found.length, JSON.stringify(diagnostics, null, 1)).toBeGreaterThan(0);
  const first = found[0] as Diagnostic;
  const file = example.at.file ?? ("config" in example ? "config.pbtxt" : undefined);
  expect(file, `${id}: a repository example names the file of its finding`).toBeDefined();
  expect({ file: first.file, line: first.line, column: first.column }, first.message).toEqual({
    file,
    line: example.at.line,
    column: example.at.column,
  });
  // The located finding's words; a rule's other findings in the same example (RL-9's warning beside its error) may word differently.
  const rule = RULE_REGISTRY[id];
  const wordings = [rule.template, ...(rule.otherTemplates ?? []), ...(rule.ownWording ?? [])].filter(
    (w): w is string => w !== undefined,
  );
  if (example.wording !== undefined) expect(first.message).toContain(example.wording);
  else
    expect(
      rule.template,
      `${id} has no template in the registry: the example must state Triton's wording`,
    ).toBeDefined();
  // Where the registry words the rule, the message is one of its wordings (Triton's messages or our own).
  if (rule.template !== undefined)
    expect(
      wordings.some((w) => templatePattern(w).test(first.message)),
      `${first.message}\n matches none of\n${wordings.join("\n")}`,
    ).toBe(true);
}

function cases(pair: NonNullable<(typeof RULE_EXAMPLES)[RuleId]>): Array<[string, RuleExampleCase]> {
  return [
    ["example", pair],
    ...(pair.boundary ?? []).map((b): [string, RuleExampleCase] => [`boundary ${b.label}`, b]),
  ];
}

describe("rule examples (docs/rules.md)", () => {
  for (const [id, pair] of Object.entries(RULE_EXAMPLES) as Array<
    [RuleId, NonNullable<(typeof RULE_EXAMPLES)[RuleId]>]
  >) {
    for (const [name, c] of cases(pair)) {
      it(`${id} ${name}: the failing one reports exactly ${id}, where and as it says`, () => {
        const diagnostics = run(c.failing);
        expect(new Set(diagnostics.map((d) => d.code)), JSON.stringify(diagnostics, null, 1)).toEqual(
          new Set([id, ...(c.failing.alsoReports ?? [])]),
        );
        expectFinding(id, c.failing, diagnostics);
      });
      it(`${id} ${name}: the passing one does not report it and has no error`, () => {
        const diagnostics = run(c.passing);
        expect(diagnostics.filter((d) => d.code === id || d.severity === "error")).toEqual([]);
      });
    }
  }

  it("has examples only for declared rules: the 79 single-config rules and 30 repository rules", () => {
    for (const id of Object.keys(RULE_EXAMPLES)) expect(isRuleId(id), id).toBe(true);
    expect(Object.keys(RULE_EXAMPLES).length).toBeGreaterThanOrEqual(79 + 30);
  });

  it("matches a template by its words, with its placeholders as wildcards", () => {
    const pattern = templatePattern("'max_batch_size' must be non-negative value for <M>");
    expect(pattern.test("'max_batch_size' must be non-negative value for m")).toBe(true);
    expect(pattern.test("'max_batch_size' must be a non-negative value for m")).toBe(false);
    expect(templatePattern("… has kind KIND_CPU but <x> (a.b)").test("group g has kind KIND_CPU but 3 (a.b)")).toBe(
      true,
    );
    expect(templatePattern("size (a.b)").test("size (aXb)")).toBe(false);
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
        for (const b of example.boundary ?? []) expect(section).toContain(b.label);
      }
    }
  });

  it("is written by npm run codegen, so --check compares it", () => {
    expect(generateAll().get(RULES_DOC_PATH)).toBe(generateRulesDoc());
  });
});
