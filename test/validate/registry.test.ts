import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SYNTAX_CODES } from "../../src/diagnostics/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { RULES, RULE_REGISTRY, type RuleId, ruleDiagnostic } from "../../src/validate/codes.js";
import { SCAN_REPORTS } from "../../src/repository/scan.js";
import { ENGINE_REPORTS } from "../../src/validate/engine.js";
import { RULE_FAMILIES } from "../../src/validate/families.js";
import { ENSEMBLE_REPOSITORY_REPORTS } from "../../src/validate/rules/ensemble-repository.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import type { RuleContext } from "../../src/validate/rule.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { CONFIG_ROWS } from "./support/config-cases.js";
import { REPOSITORY_ROWS, type RepositoryCase } from "./support/repository-cases.js";
import { makeTree, removeTrees } from "./support/tree.js";

/**
 * The rule registry is the one home of every code a validation reports.
 * At compile time a report site cannot name an undeclared id (the
 * `@ts-expect-error` lines below fail `tsc` the day a typo compiles); at run
 * time every diagnostic of every test case and of Triton's own L0_model_config
 * cases carries a declared code, and every rule that can be reported is
 * reported by some case or says why not.
 */

afterAll(removeTrees);

const work = mkdtempSync(join(tmpdir(), "triton-registry-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runRepository(c: RepositoryCase): Diagnostic[] {
  if (c.missingRoot) return validateRepository(join(makeTree({}), "does-not-exist"), c.options ?? {}).diagnostics;
  return validateRepository(
    c.trees.map((t) => makeTree(t)),
    c.options ?? {},
  ).diagnostics;
}

/** Every diagnostic of the config and repository cases, valid and invalid ones. */
function caseDiagnostics(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [, invalid, valid] of CONFIG_ROWS) {
    for (const c of [invalid, valid]) out.push(...validateConfig(c.config, c.options ?? {}));
  }
  for (const [, invalid, valid] of REPOSITORY_ROWS) for (const c of [invalid, valid]) out.push(...runRepository(c));
  return out;
}

/** Every diagnostic of Triton's L0_model_config cases that the validator decides (when ../shared is there). */
function corpusDiagnostics(): Diagnostic[] {
  if (!sharedAvailable()) return [];
  const cases = JSON.parse(readFileSync(sharedPath("conformance", "validation", "manifest.json"), "utf8")) as Array<{
    id: string;
    repository: string;
    decidable: boolean;
    keep_files: string[];
  }>;
  const out: Diagnostic[] = [];
  for (const c of cases.filter((x) => x.decidable)) {
    const root = join(work, c.id.replace(/\//g, "__"));
    cpSync(sharedPath("conformance", c.repository), root, { recursive: true });
    for (const keep of c.keep_files) rmSync(join(root, keep), { force: true });
    out.push(...validateRepository(root).diagnostics);
  }
  return out;
}

const declared = (code: string): boolean => code in RULE_REGISTRY || code in SYNTAX_CODES;

describe("rule registry", () => {
  const fromCases = caseDiagnostics();
  const fromCorpus = corpusDiagnostics();
  const reported = [...fromCases, ...fromCorpus];
  const codes = new Set(reported.map((d) => d.code));

  it("has no report site that can name an undeclared id (checked by tsc)", () => {
    // @ts-expect-error RL-99 is not a declared rule id
    expect(() => ruleDiagnostic("RL-99", { message: "typo" })).toThrow();
    const typo = (ctx: RuleContext): void =>
      // @ts-expect-error "MC 51" is not a declared rule id
      ctx.report("MC 51", undefined, "typo");
    expect(typeof typo).toBe("function");
    const id: RuleId = "MC-51";
    expect(ruleDiagnostic(id, { message: "m" }).severity).toBe("error");
  });

  it("declares every code the test cases and Triton's cases report", () => {
    expect(fromCases.length).toBeGreaterThan(100);
    if (sharedAvailable()) expect(fromCorpus.length).toBeGreaterThan(50);
    expect([...codes].filter((c) => !declared(c))).toEqual([]);
  });

  it("declares each id once, in its family, with an upstream place and a summary", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id.startsWith(`${r.family}-`), r.id).toBe(true);
      expect(r.title.length, r.id).toBeGreaterThan(0);
      expect(r.upstream.length, r.id).toBeGreaterThan(0);
      if (r.reportedAs !== undefined)
        expect(declared(r.reportedAs), `${r.id} is reported as ${r.reportedAs}`).toBe(true);
    }
  });

  it("has every rule that can be reported reported by a case, or marked as not yet covered", () => {
    const reportable = RULES.filter((r) => r.check === "checked" || r.check === "environment");
    const uncovered = reportable
      .filter((r) => !codes.has(r.reportedAs ?? r.id) && r.untested === undefined)
      .map((r) => r.id);
    expect(uncovered).toEqual([]);
    // A mark that a case has since made untrue is dropped, so the list stays honest.
    const stale = reportable
      .filter((r) => r.untested !== undefined && codes.has(r.reportedAs ?? r.id))
      .map((r) => r.id);
    expect(stale).toEqual([]);
  });

  it("reports no rule declared as never reported", () => {
    const silent = RULES.filter((r) => r.check !== "checked" && r.check !== "environment").map((r) => r.id);
    expect(silent.filter((id) => codes.has(id))).toEqual([]);
  });

  it("gives every rule that can be reported one home that declares it: a family, the engine, the scan or the checks across models", () => {
    const homes: Array<[string, readonly RuleId[]]> = [
      ...RULE_FAMILIES.map((f): [string, readonly RuleId[]] => [f.name, f.reports]),
      ["engine", ENGINE_REPORTS],
      ["scan", SCAN_REPORTS],
      ["ensemble-repository", ENSEMBLE_REPOSITORY_REPORTS],
    ];
    expect(new Set(homes.map(([name]) => name)).size).toBe(homes.length);
    const homed = new Set(homes.flatMap(([, ids]) => ids));
    const reportable = (id: RuleId): boolean => ["checked", "environment"].includes(RULE_REGISTRY[id].check);
    const homeless = RULES.filter(
      (r) => reportable(r.id) && r.reportedAs === undefined && r.untested === undefined && !homed.has(r.id),
    ).map((r) => r.id);
    expect(homeless).toEqual([]);
    // ND-11 (backend auto-complete) is out of scope as a rule; an ensemble still notes which mappings wait for it.
    expect([...homed].filter((id) => !reportable(id))).toEqual(["ND-11"]);
  });
});
