import { spawnSync } from "node:child_process";

export interface TimedRun {
  /** Wall-clock milliseconds from spawn to exit, as a user waits for it. */
  ms: number;
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a command to completion, feeding `input` on stdin, and times the whole process. */
export function timedRun(
  command: string,
  args: readonly string[],
  options: { input?: Buffer | string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): TimedRun {
  const start = performance.now();
  const result = spawnSync(command, args, {
    input: options.input ?? "",
    cwd: options.cwd,
    env: options.env ?? process.env,
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

/** True when `command args` runs and exits 0 (a tool is installed). */
export function commandWorks(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}
