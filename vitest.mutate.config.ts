import { defineConfig } from "vitest/config";

/**
 * The suites Stryker runs against each mutant (npm run mutate). Only the ones
 * that call the library in-process can kill a mutant: Stryker instruments
 * src/, while the CLI suites run bin/gen-repo.js over dist/ and the server
 * suites (real Triton, nginx, pre-commit, the packed consumer) spend minutes
 * per run without reaching instrumented code.
 */
/**
 * A module's own suites (bin/mutation-modules.mjs `tests`, a `!` before the
 * ones to leave out), handed over by bin/mutate.mjs; else all of them.
 */
const moduleTests: string[] | undefined = process.env.TRITON_REPO_MUTATE_TESTS
  ? JSON.parse(process.env.TRITON_REPO_MUTATE_TESTS)
  : undefined;
const leftOut = (moduleTests ?? []).filter((glob) => glob.startsWith("!")).map((glob) => glob.slice(1));

export default defineConfig({
  test: {
    include: moduleTests?.filter((glob) => !glob.startsWith("!")) ?? [
      "test/pbtxt/**/*.test.ts",
      "test/wire/**/*.test.ts",
      "test/builder/**/*.test.ts",
      "test/validate/**/*.test.ts",
      "test/effective/**/*.test.ts",
      "test/repository/**/*.test.ts",
      "test/conformance/validation.test.ts",
      "test/formatter/**/*.test.ts",
      "test/diff/**/*.test.ts",
      "test/generate/**/*.test.ts",
      // the commit transaction called in-process (the rest of test/robustness drives the CLI)
      "test/robustness/**/*.inprocess.test.ts",
    ],
    // Suites that run bin/gen-repo.js in a child process: the child loads dist/, where no mutant is ever active.
    exclude: [
      ...leftOut,
      "test/**/cli.test.ts",
      "test/**/cli-options.test.ts",
      "test/generate/templates.test.ts",
      "test/formatter/raw-bytes-write.test.ts",
      "test/validate/pre-commit.test.ts",
      "test/validate/print-diff-consistency.test.ts",
    ],
    setupFiles: ["test/support/mutation-setup.ts"],
    // instrumented code with coverage on two busy cores: the 50 MB config takes minutes
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
