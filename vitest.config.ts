import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: threads for the pure suites, no oversubscription.
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
