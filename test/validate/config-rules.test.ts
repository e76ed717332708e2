import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/validate/index.js";
import { CONFIG_ROWS } from "./support/config-cases.js";

/**
 * Every rule decidable from one config, ESLint RuleTester style: a config
 * that breaks the rule must produce its code, on the line and column the row
 * names (read off the row's text: the field the rule is about), and the
 * nearest config that keeps the rule must not. A row whose finding has a
 * place must name it, so a new row cannot leave the location unchecked.
 */
describe("config rules: one invalid and one valid config per rule", () => {
  for (const [code, invalid, valid, line, column] of CONFIG_ROWS) {
    it(`${code}: reported on the invalid config`, () => {
      const found = validateConfig(invalid.config, invalid.options ?? {}).filter((d) => d.code === code);
      expect(
        found.length,
        `no ${code} in ${JSON.stringify(validateConfig(invalid.config, invalid.options ?? {}), null, 1)}`,
      ).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.message.length).toBeGreaterThan(0);
        expect(d.file).toBe("config.pbtxt");
        if (!code.startsWith("PB-")) expect(d.hint, `${code} has no hint`).toBeTruthy();
      }
      const first = found[0];
      expect({ line: first?.line, column: first?.column }, first?.message).toEqual({ line, column });
    });
    it(`${code}: silent on the valid config`, () => {
      const diagnostics = validateConfig(valid.config, valid.options ?? {});
      expect(diagnostics.filter((d) => d.code === code)).toEqual([]);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
});
