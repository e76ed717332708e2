/**
 * The generator's diagnostic codes: unique, prefixed, and each one produced
 * and asserted by at least one test of this folder.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GEN_CODES } from "../../src/generate/codes.js";

const codes = Object.values(GEN_CODES);
const tests = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".test.ts") && f !== "codes.test.ts")
  .map((f) => readFileSync(join(import.meta.dirname, f), "utf8"))
  .join("\n");

describe("GEN codes", () => {
  it("are unique and start with GEN-", () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^GEN-[A-Z-]+$/);
  });

  it.each(codes)("%s is asserted by a test", (code) => {
    expect(tests).toContain(`"${code}"`);
  });
});
