// The modules `npm run mutate` scores, each with the files it mutates: the
// places where a silent bug costs users most. stryker.config.mjs mutates
// their union; bin/mutate.mjs runs and scores them one by one.

/** @type {ReadonlyArray<{ name: string, what: string, files: string[] }>} */
export const MUTATION_MODULES = [
  {
    name: "pbtxt",
    what: "the text-format reader and printer, escaping and numbers",
    files: ["src/pbtxt/**/*.ts", "!src/pbtxt/types.ts"],
  },
  {
    name: "rules",
    what: "the validator's rules, and pb_utils' auto-complete replay behind PY-3",
    files: ["src/validate/rules/**/*.ts", "src/python/auto-complete-replay.ts"],
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
  },
  {
    name: "diff",
    what: "diff's classifier",
    files: ["src/diff/classify.ts", "src/diff/diff-configs.ts"],
  },
];

/** The score a module must reach (killed and timed-out mutants over all that are not ignored). */
export const MUTATION_TARGET = 85;
