import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { RULES, RULE_REGISTRY, type RuleInfo, isRuleId, tritonMessages } from "../../src/validate/codes.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import { RULE_EXAMPLES, type RuleExample } from "../../src/validate/rule-examples.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { CONFIG_ROWS } from "./support/config-cases.js";
import { REPOSITORY_ROWS, type RepositoryCase } from "./support/repository-cases.js";
import { makeTree, removeTrees } from "./support/tree.js";

/**
 * Triton's wording (issues 14 and 15). The registry holds Triton's message
 * for every rule Triton words, and the validator prints it: a diagnostic
 * carries Triton's inner message whole, as Triton's report site builds it,
 * without the frame the server log adds around it (`failed to load '<M>'
 * version <v>: `, `[request id: …] `), except that it may keep the status
 * code Triton prints first (`Invalid argument: `, as RL-18 does so that it
 * carries the text Triton's QA greps for). So a diagnostic of a rule with a
 * template must equal one of the rule's templates, with each placeholder
 * standing for one value, from its first character to its last, after at
 * most that one status code; only the findings the registry declares as our
 * own wording (`ownWording`) may say something else. Whether the templates are Triton's words is
 * checked against an oracle that owes nothing to this code: the messages
 * Triton's own QA (qa/L0_model_config) greps its log for, on the cases the
 * rules catalogue assigns to each rule.
 */

afterAll(removeTrees);

/** Literal text and placeholders: `<…>` names a value, a lone `…` an elided part; both stand for any text on one line. */
function parts(template: string): string[] {
  return template.split(/(<[^<>]+>|…)/);
}

/** The status codes Error::AsString prints before a message (common error.cc CodeString), with their separator. */
const STATUS_CODE = "(?:Invalid argument|Internal|Not found|Unavailable|Unsupported|Already exists|Unknown): ";

/**
 * A template as a pattern for a whole message: placeholders are wildcards,
 * every other character is itself, and Triton's status code may come first.
 * A placeholder that ends the template is one word (` for <M>` takes no
 * words appended to the message), unless it follows a colon, where Triton
 * ends a message with free text (`searched: <paths>`, `error: <msg>`).
 */
function wholeMessagePattern(template: string): RegExp {
  const all = parts(template);
  const source = all
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const last = i === all.length - 2 && all[i + 1] === "";
      return last && !(all[i - 1] ?? "").endsWith(": ") ? "\\S*" : "[^\\n]*";
    })
    .join("");
  return new RegExp(`^(?:${STATUS_CODE})?${source}$`);
}

/**
 * Whether `text` (a piece of one of Triton's messages, as its QA greps for
 * it) occurs in some filling of `template`, and how many of its characters
 * the template's own words account for (the rest fell into placeholders):
 * -1 when it occurs in none.
 */
function literalOverlap(text: string, template: string): number {
  const tokens: Array<string | null> = [];
  parts(template).forEach((part, i) => {
    if (i % 2 === 1) {
      if (tokens.at(-1) !== null) tokens.push(null);
    } else tokens.push(...part);
  });
  const n = tokens.length;
  // best[j]: the most literal characters matched so far, standing before token j; the piece may start anywhere.
  let best = new Array<number>(n + 1).fill(0);
  for (const ch of text) {
    const next = new Array<number>(n + 1).fill(-1);
    // A placeholder may also take no text: carry the count past it before reading the character.
    for (let j = 0; j < n; j++)
      if (tokens[j] === null) best[j + 1] = Math.max(best[j + 1] as number, best[j] as number);
    for (let j = 0; j < n; j++) {
      const have = best[j] as number;
      if (have < 0) continue;
      const token = tokens[j];
      if (token === null) next[j] = Math.max(next[j] as number, have);
      else if (token === ch) next[j + 1] = Math.max(next[j + 1] as number, have + 1);
    }
    best = next;
  }
  return Math.max(...best);
}

/** Triton's messages and our own wording for a code: its rule's, and those of the rules reported under it. */
function wordingOf(code: string): { triton: string[]; own: string[] } {
  const rules: RuleInfo[] = RULES.filter((r) => r.id === code || r.reportedAs === code);
  return {
    triton: rules.flatMap((r) => tritonMessages(r)),
    own: rules.flatMap((r) => r.ownWording ?? []),
  };
}

function runRepository(c: RepositoryCase): Diagnostic[] {
  if (c.missingRoot) return validateRepository(`${makeTree({})}/does-not-exist`, c.options ?? {}).diagnostics;
  return validateRepository(
    c.trees.map((t) => makeTree(t)),
    c.options ?? {},
  ).diagnostics;
}

function runExample(example: RuleExample): Diagnostic[] {
  if ("config" in example) return validateConfig(example.config, example.options ?? {});
  return validateRepository(makeTree(example.files), example.options ?? {}).diagnostics;
}

/** Every diagnostic of the config and repository cases and of the documented examples and their boundary pairs, failing and passing ones. */
function allDiagnostics(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [, invalid, valid] of CONFIG_ROWS)
    for (const c of [invalid, valid]) out.push(...validateConfig(c.config, c.options ?? {}));
  for (const [, invalid, valid] of REPOSITORY_ROWS) for (const c of [invalid, valid]) out.push(...runRepository(c));
  for (const pair of Object.values(RULE_EXAMPLES)) {
    if (pair === undefined) continue;
    for (const c of [pair, ...(pair.boundary ?? [])])
      for (const example of [c.failing, c.passing]) out.push(...runExample(example));
  }
  return out;
}

describe("Triton's wording in the registry and in the messages", () => {
  const diagnostics = allDiagnostics();

  it("matches a whole message: placeholders stand for values, every other character must be Triton's", () => {
    const pattern = wholeMessagePattern("unknown source input name '<name>' for <M>");
    expect(pattern.test("unknown source input name 'X' for m")).toBe(true);
    expect(pattern.test("unknown source input name 'X' for m, and more")).toBe(false);
    expect(pattern.test("Invalid argument: unknown source input name 'X' for m")).toBe(true);
    expect(pattern.test("Invalid arguments: unknown source input name 'X' for m")).toBe(false);
    expect(pattern.test("unknown source input named 'X' for m")).toBe(false);
    expect(
      wholeMessagePattern("size must be <= max batch size for <M>").test("size must be <= max batch size for m"),
    ).toBe(true);
    expect(wholeMessagePattern("size (a.b) for <M>").test("size (aXb) for m")).toBe(false);
    expect(wholeMessagePattern("platform <p>specifies").test("platform specifies")).toBe(true);
  });

  it("finds a piece of a message in a template, and tells how much of it the template's words cover", () => {
    const template = "instance group <G> of model <M> has kind KIND_CPU but specifies one or more GPUs";
    expect(
      literalOverlap("instance group g_0 of model g has kind KIND_CPU but specifies one or more GPU", template),
    ).toBe("instance group  of model  has kind KIND_CPU but specifies one or more GPU".length);
    // Text unlike the template's words fits only inside a placeholder: it occurs, but with none of the words.
    expect(literalOverlap("has kind KIND_GPU", template)).toBe(0);
    expect(literalOverlap("more GPUs!", "one or more GPUs")).toBe(-1);
    expect(literalOverlap("or more", "one or more GPUs")).toBe(7);
    expect(literalOverlap("for g", "must specify 'dims' for <M>")).toBe(4);
  });

  it("gives every rule that can be reported Triton's message, or says why it has none", () => {
    const reportable = RULES.filter((r) => r.check === "checked" || r.check === "environment");
    // A rule reported under another rule's id speaks in that rule's words; one reported as a reader code keeps its own.
    const own = reportable.filter((r) => r.reportedAs === undefined || !isRuleId(r.reportedAs));
    const silent = own.filter((r) => r.template === undefined && r.noTemplate === undefined).map((r) => r.id);
    expect(silent).toEqual([]);
    const both = RULES.filter((r) => r.template !== undefined && r.noTemplate !== undefined).map((r) => r.id);
    expect(both).toEqual([]);
    // Our own wording is the exception beside Triton's: a rule without a template needs none.
    const stray = RULES.filter((r) => r.ownWording !== undefined && r.template === undefined).map((r) => r.id);
    expect(stray).toEqual([]);
    const worded = own.filter((r) => r.template !== undefined).length;
    console.log(
      `templates: ${worded} of the ${own.length} reportable rules that speak for themselves have Triton's message`,
    );
  });

  it("has every diagnostic of a rule Triton words say it in Triton's words (or in the registry's own wording)", () => {
    expect(diagnostics.length).toBeGreaterThan(200);
    const codes = new Set(diagnostics.map((d) => d.code));
    const compared = new Set<string>();
    const astray: string[] = [];
    for (const d of diagnostics) {
      const { triton, own } = wordingOf(d.code);
      if (triton.length === 0) continue;
      compared.add(d.code);
      if (![...triton, ...own].some((t) => wholeMessagePattern(t).test(d.message)))
        astray.push(`${d.code}: ${d.message}`);
    }
    // Before issue 15 the registry gave 89 of these 121 codes a template, and the messages of 56 agreed with it.
    console.log(
      `Triton's wording compared for ${compared.size} of the ${codes.size} codes the cases and examples report (${diagnostics.length} diagnostics)`,
    );
    expect([...new Set(astray)]).toEqual([]);
    // Every code left out is a rule that says why it has no template, or a reader code no rule is reported as.
    const uncompared = [...codes].filter((c) => !compared.has(c));
    for (const c of uncompared) {
      const rules = RULES.filter((r) => r.id === c || r.reportedAs === c);
      expect(
        rules.every((r) => r.noTemplate !== undefined || (r.reportedAs !== undefined && isRuleId(r.reportedAs))),
        c,
      ).toBe(true);
    }
  });
});

interface ManifestCase {
  id: string;
  expect: "accept" | "reject";
  messages_literal: string[];
}

/**
 * The case map of the rules catalogue (§5): which rule each L0_model_config
 * case exercises. Where a row names several rules, Triton's message is the
 * last one's outside parentheses ("RL-11 then RL-18", "MC-6 → MC-80").
 */
function catalogueCaseMap(catalogue: string): Array<{ caseId: string; rule: string }> {
  const prefixes: Record<string, string> = { "5.1": "noautofill_platform/", "5.2": "autofill_noplatform/", "5.4": "" };
  const out: Array<{ caseId: string; rule: string }> = [];
  let prefix: string | undefined;
  for (const line of catalogue.split("\n")) {
    const heading = /^### (5\.\d)\b/.exec(line);
    if (heading) {
      prefix = prefixes[heading[1] as string];
      continue;
    }
    if (line.startsWith("## ")) prefix = undefined;
    if (prefix === undefined || !line.startsWith("| ")) continue;
    const [caseCell, ruleCell] = line
      .split("|")
      .slice(1, 3)
      .map((c) => c.trim()) as [string, string];
    const ids =
      (ruleCell ?? "")
        .replace(/\([^)]*\)/g, "")
        .split(";")[0]
        ?.match(/\b(?:RL|MC|PY)-\d+\b/g) ?? [];
    const rule = ids.at(-1);
    if (rule !== undefined) out.push({ caseId: `${prefix}${caseCell}`, rule });
  }
  return out;
}

const available = sharedAvailable();

describe.skipIf(!available)("templates against Triton's QA (shared/conformance/validation)", () => {
  const manifest = available
    ? (JSON.parse(readFileSync(sharedPath("conformance", "validation", "manifest.json"), "utf8")) as ManifestCase[])
    : [];
  const byId = new Map(manifest.map((c) => [c.id, c]));
  const caseMap = available ? catalogueCaseMap(readFileSync(sharedPath("design", "triton-rules.md"), "utf8")) : [];

  it("reads the catalogue's case map: a rule for each rejected case with messages", () => {
    expect(caseMap.length).toBeGreaterThan(100);
    const unknown = caseMap.filter((c) => !byId.has(c.caseId)).map((c) => c.caseId);
    expect(unknown).toEqual([]);
  });

  it("has every template of a rule with a QA case occur in Triton's expected messages, placeholders apart", () => {
    const confirmed = new Set<string>();
    const rules = new Set<string>();
    const disagreements: string[] = [];
    for (const { caseId, rule } of caseMap) {
      const c = byId.get(caseId) as ManifestCase;
      if (c.messages_literal.length === 0 || !isRuleId(rule)) continue;
      const templates = tritonMessages(RULE_REGISTRY[rule]);
      if (templates.length === 0) continue;
      rules.add(rule);
      // The QA greps for any one of its expected files; each is a piece of Triton's log line, often the
      // message's start, sometimes behind the status code.
      let agreed = false;
      for (const expected of c.messages_literal.map((m) => m.replace(new RegExp(`^${STATUS_CODE}`), ""))) {
        for (const t of templates) {
          // The template's own words must carry the match: at least half of the expected text, or of the
          // template's words when names fill most of the line (MC-82), and never a mere few characters.
          const words = parts(t)
            .filter((_, i) => i % 2 === 0)
            .join("").length;
          const overlap = literalOverlap(expected, t);
          if (overlap >= 16 && overlap * 2 >= Math.min(expected.length, words)) {
            confirmed.add(t);
            agreed = true;
          }
        }
      }
      if (!agreed) disagreements.push(`${rule} (${caseId}): ${JSON.stringify(c.messages_literal)}`);
    }
    console.log(
      `QA oracle: ${rules.size} rules have a QA case with expected messages; ${confirmed.size} of their templates occur in them`,
    );
    expect(disagreements).toEqual([]);
    expect(rules.size).toBeGreaterThan(50);
  });
});
