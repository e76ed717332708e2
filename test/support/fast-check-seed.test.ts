// The run's fast-check seed (vitest.config.ts, test/support/fast-check-seed.ts)
// is the one properties use: what this worker samples without a seed is
// what a sampling from FC_SEED gives, so FC_SEED=N replays a run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const seed = Number(process.env.FC_SEED);
const arbitrary = fc.array(fc.integer(), { minLength: 3, maxLength: 3 });

describe("the fast-check seed of a run", () => {
  it("is FC_SEED, a 32-bit integer, in fast-check's global configuration", () => {
    expect(Number.isInteger(seed) && seed === (seed | 0)).toBe(true);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
  });

  it("drives a property that names no seed: its values are those of FC_SEED", () => {
    const seen: number[][] = [];
    fc.assert(
      fc.property(arbitrary, (values) => {
        seen.push(values);
      }),
      { numRuns: 5 },
    );
    expect(seen).toEqual(fc.sample(arbitrary, { seed, numRuns: 5 }));
  });

  it("leaves a suite's own seed alone", () => {
    const own = fc.sample(arbitrary, { seed: 20261127, numRuns: 3 });
    fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: seed ^ 1 });
    try {
      expect(fc.sample(arbitrary, { seed: 20261127, numRuns: 3 })).toEqual(own);
    } finally {
      fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
    }
  });
});
