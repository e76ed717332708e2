import { expect, it } from "vitest";
import { growthExponent } from "../../bench/support/stats.js";

/** Times of fixed + c * n^k at uneven sizes give back k (the bench's sizes are 1,000 / 2,000 / 10,000). */
it.each([1, 1.5, 2])("recovers k = %d from three unevenly spaced sizes", (k) => {
  const sizes = [1000, 2000, 10000];
  const points = sizes.map((n) => [n, 300 + 0.0002 * n ** k] as const);
  expect(growthExponent(points)).toBeCloseTo(k, 3);
});

it("is null when noise makes an increment vanish", () => {
  expect(
    growthExponent([
      [1000, 500],
      [2000, 500],
      [10000, 900],
    ]),
  ).toBeNull();
});
