// The modules `npm run mutate` scores, each with the files it mutates: the
// places where a silent bug costs users most. stryker.config.mjs mutates
// their union; bin/mutate.mjs runs and scores them one by one.
//
// `tests` narrows the suites a module's own run gives each mutant (the run of
// all uses every in-process suite of vitest.mutate.config.ts): nearly every
// suite reads text format, and rerunning all of them for each of pbtxt's
// mutants would take a working day on two cores. A module's tests are the
// suites written to check it, with oracles outside it (protoc, Python's
// protobuf, Triton's QA cases, the disk); each list must still be a subset of
// the in-process suites.

/** @type {ReadonlyArray<{ name: string, what: string, files: string[], tests?: string[] }>} */
export const MUTATION_MODULES = [
  {
    name: "pbtxt",
    what: "the text-format reader and printer, escaping and numbers",
    files: ["src/pbtxt/**/*.ts", "!src/pbtxt/types.ts", "!src/pbtxt/json.ts"],
    // generator-coverage checks the test generators, not src/pbtxt
    tests: ["test/pbtxt/**/*.test.ts", "!test/pbtxt/generator-coverage.test.ts"],
  },
  {
    // Not text format: the proto JSON mapping, which the builder's checks and `--format json` go through; its
    // suites are the builder's and the ones that compare our JSON with Python's json_format.
    name: "json",
    what: "the proto JSON mapping (toProtoJSON, fromProtoJSON)",
    files: ["src/pbtxt/json.ts"],
    tests: [
      "test/builder/**/*.test.ts",
      "test/pbtxt/accept.test.ts",
      "test/pbtxt/raw-bytes.test.ts",
      "test/pbtxt/mutants-json.test.ts",
    ],
  },
  {
    name: "rules",
    what: "the validator's rules, and pb_utils' auto-complete replay behind PY-3",
    files: ["src/validate/rules/**/*.ts", "src/python/auto-complete-replay.ts"],
    tests: [
      "test/validate/**/*.test.ts",
      "test/effective/python-auto-complete.test.ts",
      "test/repository/**/*.test.ts",
      "test/conformance/validation.test.ts",
    ],
  },
  {
    name: "versions",
    what: "version policies",
    files: ["src/validate/versions.ts"],
  },
  {
    name: "effective",
    what: "effective config: Triton's defaults and normalisation",
    files: ["src/effective/**/*.ts", "!src/effective/index.ts"],
  },
  {
    name: "generate",
    what: "the generator's plan and commit",
    files: ["src/generate/plan.ts", "src/generate/write.ts", "src/fsio/transaction.ts"],
  },
  {
    name: "fmt",
    what: "fmt's tree and emitter",
    files: ["src/formatter/cst.ts", "src/formatter/read-tree.ts", "src/formatter/format.ts"],
    tests: ["test/formatter/**/*.test.ts"],
  },
  {
    name: "diff",
    what: "diff's classifier",
    files: ["src/diff/classify.ts", "src/diff/diff-configs.ts"],
  },
];

/** The score a module must reach (killed and timed-out mutants over all that are not ignored). */
export const MUTATION_TARGET = 85;
