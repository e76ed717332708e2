// Mutation testing: the modules of bin/mutation-modules.mjs. `npm run mutate`
// (bin/mutate.mjs) runs them one by one and prints each module's score;
// `npx stryker run` mutates them all at once. Incremental: the file under
// reports/ remembers each mutant's verdict and the tests that decided it, so a
// rerun mutates only what changed (in src/ or in the tests that cover it).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { MUTATION_MODULES } from "./bin/mutation-modules.mjs";

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
  incrementalFile: "reports/mutation/all.incremental.json",
  concurrency: 2,
  // on top of 1.5 times the covering tests' own time: an endless loop costs this much, a slow survivor never reaches it
  timeoutMS: 10_000,
  // the first run of every in-process suite, with coverage, on two busy cores
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: ".stryker-tmp",
  // the local Triton and pre-commit installs are large and no mutated suite uses them
  ignorePatterns: [".triton", ".precommit-venv", "reports", "deploy", ".scratch", "bench/results.json"],
  cleanTempDir: "always",
  mutate: MUTATION_MODULES.flatMap((module) => module.files),
};
