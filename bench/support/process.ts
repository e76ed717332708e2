import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface TimedRun {
  /** Wall-clock milliseconds from spawn to exit, as a user waits for it. */
  ms: number;
  status: number | null;
  stdout: Buffer;
  stderr: string;
  /**
   * CPU time (user + system) the child used, from the kernel's count of
   * waited-for children (Linux, 10 ms ticks); null elsewhere. It barely moves
   * when other processes share the cores, unlike `ms`.
   */
  cpuMs: number | null;
}

/** User + system CPU ms of this process's waited-for children so far (Linux /proc), or null. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name's ")": state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Runs a command to completion, feeding `input` on stdin, and times the whole process. */
export function timedRun(
  command: string,
  args: readonly string[],
  options: { input?: Buffer | string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): TimedRun {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(command, args, {
    input: options.input ?? "",
    cwd: options.cwd,
    env: options.env ?? process.env,
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (result.error) throw result.error;
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { ms, cpuMs, status: result.status, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

/** True when `command args` runs and exits 0 (a tool is installed). */
export function commandWorks(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}
