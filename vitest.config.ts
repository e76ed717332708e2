import { defineConfig } from "vitest/config";

// One fast-check seed per run, printed, so a property that failed in CI
// fails again here: `FC_SEED=N npx vitest run test/…`. Picked in the main
// process and handed to the forked workers through their environment; the
// setup file gives it to fc.configureGlobal. Suites that pass their own
// `seed` to fc.assert or fc.sample keep it (local options win).
function pickSeed(): number {
  const given = process.env.FC_SEED;
  if (given === undefined || given === "") return (Math.random() * 2 ** 32) | 0;
  if (!/^-?\d+$/.test(given) || Number(given) !== (Number(given) | 0))
    throw new Error(`FC_SEED must be a 32-bit integer, got ${JSON.stringify(given)}`);
  return Number(given);
}
const seed = pickSeed();
process.env.FC_SEED = String(seed);
console.log(`fast-check seed: ${seed} (rerun with FC_SEED=${seed})`);

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: threads for the pure suites, no oversubscription.
    pool: "forks",
    env: { FC_SEED: String(seed) },
    setupFiles: ["./test/support/fast-check-seed.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
