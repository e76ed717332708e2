/**
 * A tritonserver that crashes or is killed leaves its Python-backend stubs
 * running: they are its children, get re-parented, and wait on shared memory
 * that nobody will answer. When a server we started is gone, the stubs that
 * serve a model of its repositories and no longer have a live tritonserver as
 * parent are ended. Linux only (/proc); elsewhere this does nothing.
 */
import { readFileSync, readdirSync } from "node:fs";

function readProc(pid: string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function parentOf(pid: string): string | undefined {
  return /^PPid:\s*(\d+)/m.exec(readProc(pid, "status") ?? "")?.[1];
}

function isTritonServer(pid: string): boolean {
  return readProc(pid, "comm")?.trim() === "tritonserver";
}

/** Pids of Python-backend stubs left behind for a model under one of `repositories`. */
export function orphanStubs(repositories: readonly string[]): number[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const pid of pids) {
    const args = readProc(pid, "cmdline")?.split("\0") ?? [];
    if (!args[0]?.endsWith("triton_python_backend_stub")) continue;
    const model = args[1] ?? "";
    if (!repositories.some((repository) => model.startsWith(`${repository}/`))) continue;
    const parent = parentOf(pid);
    if (parent !== undefined && isTritonServer(parent)) continue;
    found.push(Number(pid));
  }
  return found;
}

export function endOrphanStubs(repositories: readonly string[]): void {
  for (const pid of orphanStubs(repositories)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}
