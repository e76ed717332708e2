/** The decimal-string patterns of the JSON Schema admit exactly the integers in range. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalAtMost, decimalStringPattern, integerRange } from "../../src/codegen/int-ranges.js";

const TYPES = ["int32", "uint32", "int64", "uint64"] as const;

describe("decimalStringPattern", () => {
  for (const type of TYPES) {
    const range = integerRange(type)!;
    const pattern = new RegExp(decimalStringPattern(range), "u");
    it(`${type}: accepts a value exactly when it lies in [${range.min}, ${range.max}]`, () => {
      const near = (bound: bigint) => fc.bigInt({ min: bound - 1000n, max: bound + 1000n });
      const anyWidth = fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n });
      fc.assert(
        fc.property(fc.oneof(near(range.min), near(range.max), near(0n), anyWidth), (n) => {
          expect(pattern.test(n.toString())).toBe(n >= range.min && n <= range.max);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it.each([
    ["leading zero", "007"],
    ["negative zero", "-0"],
    ["plus sign", "+1"],
    ["empty", ""],
    ["spaces", " 1"],
    ["exponent", "1e3"],
  ])("refuses %s (%j)", (_name, text) => {
    expect(new RegExp(decimalStringPattern(integerRange("int64")!), "u").test(text)).toBe(false);
  });

  it("builds the shortest case by hand", () => {
    expect(decimalAtMost(1n)).toBe("(?:0|1)");
    expect(decimalAtMost(25n)).toBe("(?:0|[1-9]|1[0-9]{1}|2[0-4]|25)");
  });
});
