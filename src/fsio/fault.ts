/**
 * Test-only fault injection for the commit of `gen-repo generate`, so the
 * robustness suite can stop the real CLI at any step of it. Inert unless one
 * of these environment variables is set (nothing reads them otherwise):
 *
 * - `GEN_REPO_FAULT_KILL_AT=k`: the process sends itself SIGKILL just before
 *   the k-th step (1-based) of the commit, as a `kill -9` or a power cut would
 *   stop it: no handler, no clean-up runs.
 * - `GEN_REPO_FAULT_FAIL_AT=k` or `k:ECODE`: the k-th step throws an error
 *   with that errno code (default EIO), as a failing rename or write would.
 * - `GEN_REPO_FAULT_TRACE=1`: each step prints `gen-repo fault step k: label`
 *   to stderr, so a test can aim at the first step of each kind.
 *
 * A step is one change on disk (a folder made, a rename, a journal write).
 * `faultStepsTaken()` tells a test how many steps a whole commit has, so it
 * can pick points inside it.
 */
import { sleepSync } from "./sleep.js";

let steps = 0;
interface Settings {
  killAt?: number;
  failAt?: number;
  failCode: string;
  trace: boolean;
}
let parsed: Settings | undefined;
let hook: ((step: number, label: string) => void) | undefined;

/**
 * Test-only: calls `h` at every step, before the environment's faults, so an
 * in-process test can throw at a step or copy the disk as a kill there would
 * leave it. `undefined` removes it.
 */
export function setFaultHook(h: ((step: number, label: string) => void) | undefined): void {
  hook = h;
}

function settings(): Settings {
  if (parsed) return parsed;
  const kill = Number(process.env.GEN_REPO_FAULT_KILL_AT ?? "");
  const [failStep, failCode] = (process.env.GEN_REPO_FAULT_FAIL_AT ?? "").split(":");
  const fail = Number(failStep);
  parsed = { failCode: failCode || "EIO", trace: process.env.GEN_REPO_FAULT_TRACE === "1" };
  if (Number.isInteger(kill) && kill > 0) parsed.killAt = kill;
  if (Number.isInteger(fail) && fail > 0) parsed.failAt = fail;
  return parsed;
}

/** Marks the start of one step of a commit; with a fault set for this step, kills or throws. */
export function faultPoint(label: string): void {
  steps += 1;
  const s = settings();
  if (s.trace) process.stderr.write(`gen-repo fault step ${steps}: ${label}\n`);
  hook?.(steps, label);
  if (s.killAt === steps) {
    process.kill(process.pid, "SIGKILL");
    // The signal is delivered at once; never run on past the step meanwhile.
    sleepSync(5000);
  }
  if (s.failAt === steps) {
    const error = new Error(`${s.failCode}: injected failure at step ${steps} (${label})`) as NodeJS.ErrnoException;
    error.code = s.failCode;
    throw error;
  }
}

/** Steps counted so far in this process. */
export function faultStepsTaken(): number {
  return steps;
}
