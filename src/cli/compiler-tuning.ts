import { createRequire } from "node:module";

/**
 * From how many models on `validate` tells V8 to optimise without inlining
 * (measured on Node 20, medians of 20-40 alternating runs: 10 and 40 models
 * 2.5-3 ms slower with it, node:v8 loading Node's stream modules; 100 models
 * 3-6 ms faster, 1,000 models ~20 ms).
 */
export const LARGE_RUN_MODELS = 100;

/**
 * Runs `work` with V8 optimising without inlining when `models` reaches
 * LARGE_RUN_MODELS, and puts the flag back afterwards.
 *
 * Why: a validate run lives for a fraction of a second, most of it before V8
 * has optimised the code it runs. On Node 20 the parser's and lexer's hot
 * functions each took 10-23 ms to optimise on the second core (--trace-opt),
 * much of it inlining their callees, while they ran unoptimised; without
 * inlining they are optimised sooner (1,000 models: 320 instead of 341 ms,
 * 10,000 models: 1,601 instead of 1,633). Node 22 and 24 measured the same
 * either way, so only Node 20 is told.
 *
 * Why the flag is put back: V8's code cache records the flags it was taken
 * under and refuses itself under others (src/cli/launch-cached.ts takes it
 * after the run); with the default restored the cache a large run writes is
 * the one the next run, of any size, starts under. A flag the user gave Node
 * is left alone.
 */
export function withCompilerTunedFor<T>(models: number, work: () => T): T {
  if (models < LARGE_RUN_MODELS || !tunable()) return work();
  const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  v8.setFlagsFromString("--no-turbo-inlining");
  if (process.env.TRITON_REPO_CODE_CACHE_TRACE) process.stderr.write(`gen-repo: ${models} models, no inlining\n`);
  try {
    return work();
  } finally {
    v8.setFlagsFromString("--turbo-inlining");
  }
}

function tunable(): boolean {
  return process.versions.node.split(".")[0] === "20" && !process.execArgv.some((arg) => arg.includes("inlining"));
}
