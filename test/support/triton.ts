/**
 * The real Triton for tests: the local install of `npm run triton:install`
 * (or $TRITONSERVER). Suites that need it run in CI, where `.ci/run` installs
 * it, and fail loudly there when it is missing; on a clone without it they
 * skip with one line that says how to get it.
 */
import { spawn } from "node:child_process";
import { afterAll } from "vitest";
import { type LaunchOptions, type RunningTriton, launchTriton } from "../../src/serve/launch.js";
import { type TritonInstall, locateTriton } from "../../src/serve/locate.js";

let cached: (TritonInstall & { python: string }) | null | undefined;

/**
 * Every server this test file started. One `afterAll`, registered when this
 * module is first imported (at the top level of the test file, so on its root
 * suite), stops them all, also after a failure. A hook registered later, from
 * inside another hook, would never run: vitest collects hooks before it runs them.
 */
const started = new Set<RunningTriton>();
afterAll(async () => {
  await Promise.all([...started].map((triton) => triton.stop()));
  started.clear();
});

/** The local Triton with its client Python, or undefined (and one warning line) when there is none. */
export function realTriton(): (TritonInstall & { python: string }) | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const found = locateTriton();
  if ("error" in found || !found.python) {
    const why = "error" in found ? found.error : "the local install has no client Python";
    if (process.env.CI === "true") throw new Error(`CI=true but the real Triton is missing: ${why}`);
    console.warn(`skipping real-Triton suites: ${why} (run: npm run triton:install)`);
    cached = null;
    return undefined;
  }
  cached = found as TritonInstall & { python: string };
  return cached;
}

/**
 * Starts Triton; it is stopped after the test file at the latest, also when a
 * test failed (stop it earlier with `stop()`). Throws with Triton's log when it
 * does not come up.
 */
export async function startTriton(options: Omit<LaunchOptions, "install">): Promise<RunningTriton> {
  const install = realTriton();
  if (!install) throw new Error("startTriton called without a local Triton");
  const result = await launchTriton({ ...options, install });
  if (!result.ok) throw new Error(`${result.reason}\n--- Triton's log ---\n${result.log.slice(-6000)}`);
  const triton = result.triton;
  started.add(triton);
  void triton.exited.then(() => started.delete(triton));
  return triton;
}

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the client Python (real tritonclient, numpy) on a script file with
 * arguments, bounded in time: killed after `timeoutMs`.
 */
export function runClientPython(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string>; input?: string } = {},
): Promise<PythonRun> {
  const install = realTriton();
  if (!install) throw new Error("runClientPython called without a local Triton");
  return new Promise((resolveRun) => {
    const child = spawn(install.python, args, {
      cwd: options.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: "1", ...options.env },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs ?? 120_000} ms]\n`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}
