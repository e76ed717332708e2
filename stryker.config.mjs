// Mutation testing (npm run mutate): the modules where a silent bug costs
// users most. Incremental: the file under reports/ remembers each mutant's
// verdict and the tests that decided it, so a rerun mutates only what changed
// (in src/ or in the tests that cover it). `npm run mutate -- --mutate
// 'src/textformat/**/*.ts'` narrows a run to one module.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

// The suites find ../shared beside the project; Stryker runs them from a copy
// under .stryker-tmp/, so it is named for them (the workers inherit it).
const shared = resolve(import.meta.dirname, "..", "shared");
if (process.env.TRITON_REPO_SHARED === undefined && existsSync(shared)) process.env.TRITON_REPO_SHARED = shared;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  checkers: [],
  coverageAnalysis: "perTest",
  // A static mutant (a module-level constant) would rerun every suite for each mutant; they are listed as ignored.
  ignoreStatic: true,
  // vitest does not type-check, and the README test counts the lines of fixtures/ as written
  disableTypeChecks: false,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: ".stryker-tmp",
  // the local Triton and pre-commit installs are large and no mutated suite uses them
  ignorePatterns: [".triton", ".precommit-venv", "reports", "deploy", ".scratch", "bench/results.json"],
  cleanTempDir: "always",
  mutate: [
    // the text-format reader and printer, escaping and numbers
    "src/textformat/**/*.ts",
    // the validator's rules, version policies and effective config
    "src/validate/rules/**/*.ts",
    "src/validate/versions.ts",
    "src/effective/**/*.ts",
    // the generator's plan and commit
    "src/generate/plan.ts",
    "src/generate/write.ts",
    "src/fsio/transaction.ts",
    // fmt's tree and emitter
    "src/fmt/cst.ts",
    "src/fmt/read-tree.ts",
    "src/fmt/format.ts",
    // diff's classifier
    "src/diff/classify.ts",
    "src/diff/diff-configs.ts",
    // types only: nothing to mutate
    "!src/**/types.ts",
    "!src/**/index.ts",
  ],
};
