import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/validate/index.js";
import { CONFIG_ROWS } from "./support/config-cases.js";
import { REPOSITORY_ROWS } from "./support/repository-cases.js";

/**
 * The catalogue is the single list of codes: complete against the rules
 * catalogue (RL-1…21, MC-1…106, ND-1…13, PY-1…14), unique, and every rule
 * we check offline is exercised by a valid and an invalid case.
 */

const ids = RULES.map((r) => r.id);

describe("rule catalogue", () => {
  it("lists every rule id of triton-rules.md exactly once", () => {
    const expected = [
      ...Array.from({ length: 21 }, (_, i) => `RL-${i + 1}`),
      ...Array.from({ length: 106 }, (_, i) => `MC-${i + 1}`),
      ...Array.from({ length: 13 }, (_, i) => `ND-${i + 1}`),
      ...Array.from({ length: 14 }, (_, i) => `PY-${i + 1}`),
    ];
    for (const id of expected) expect(ids, id).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a valid and an invalid case for every rule checked offline", () => {
    const covered = new Set([...CONFIG_ROWS.map((r) => r[0]), ...REPOSITORY_ROWS.map((r) => r[0])]);
    const missing = RULES.filter((r) => r.check === "checked" && !covered.has(r.reportedAs ?? r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it("documents every code in docs/validation.md", () => {
    const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "validation.md"), "utf8");
    const undocumented = ids.filter((id) => !doc.includes(id));
    expect(undocumented).toEqual([]);
  });

  it("codes used by the validator's sources all exist in the catalogue", () => {
    // Every source that may report a rule id: the validator, the repository scan and the CLI.
    const src = join(import.meta.dirname, "..", "..", "src");
    const files = [
      ...readdirSync(join(src, "validate"), { recursive: true }).map((f) => join("validate", String(f))),
      ...readdirSync(join(src, "repository")).map((f) => join("repository", f)),
      join("cli", "commands", "validate.ts"),
    ].filter((f) => f.endsWith(".ts") && !f.endsWith("codes.ts"));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(join(src, f), "utf8");
      for (const m of text.matchAll(/"((?:RL|MC|PY|TR|ND)-\d+)"/g)) expect(ids, `${f} uses ${m[1]}`).toContain(m[1]);
    }
  });
});
