/**
 * Starts a real `tritonserver` on 127.0.0.1, waits (bounded) until it is ready
 * or has exited, and stops it again. Shared by `gen-repo serve` and the tests,
 * so that both run Triton the same way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { TritonInstall } from "./locate.js";
import { endOrphanStubs } from "./orphan-stubs.js";
import { freePort } from "./ports.js";

export interface LaunchOptions {
  repositories: string[];
  install: TritonInstall;
  httpPort?: number;
  grpcPort?: number;
  metricsPort?: number;
  /** `explicit` loads nothing at start; models are loaded through the repository API. */
  modelControl?: "none" | "explicit" | "poll";
  /** Models to load at start in explicit mode (`--load-model`). */
  loadModels?: string[];
  /** Further tritonserver flags, appended as given. */
  extraArgs?: string[];
  /** Called with each chunk of Triton's log (stdout and stderr). */
  onLog?: (text: string) => void;
  /** How long to wait for ready, in milliseconds (default 120 s). */
  readyTimeoutMs?: number;
  env?: Record<string, string | undefined>;
  /** Aborting it while Triton starts stops Triton and ends the wait (`gen-repo serve` on Ctrl-C). */
  signal?: AbortSignal;
}

export interface RunningTriton {
  httpPort: number;
  grpcPort: number;
  metricsPort: number;
  /** `http://127.0.0.1:PORT` */
  httpUrl: string;
  /** `127.0.0.1:PORT`, as tritonclient wants it. */
  httpAddress: string;
  grpcAddress: string;
  metricsUrl: string;
  pid: number;
  /** Everything Triton has printed so far. */
  log(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 15 s); resolves when the process is gone. */
  stop(graceMs?: number): Promise<number | string>;
}

export type LaunchResult =
  | { ok: true; triton: RunningTriton }
  | { ok: false; reason: string; log: string; exitCode?: number | string };

const live = new Set<ChildProcess>();
/** How long to wait, once Triton has exited, for the rest of its output. */
const OUTPUT_DRAIN_MS = 2_000;
let exitHookInstalled = false;

/** A server must never outlive the Node process that started it, whatever ends that process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

async function probe(url: string, timeoutMs: number): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

export async function launchTriton(options: LaunchOptions): Promise<LaunchResult> {
  installExitHook();
  const httpPort = options.httpPort ?? (await freePort());
  const grpcPort = options.grpcPort ?? (await freePort());
  const metricsPort = options.metricsPort ?? (await freePort());
  const args = [
    ...options.repositories.map((repository) => `--model-repository=${repository}`),
    `--backend-directory=${options.install.backendDirectory}`,
    "--http-address=127.0.0.1",
    `--http-port=${httpPort}`,
    "--grpc-address=127.0.0.1",
    `--grpc-port=${grpcPort}`,
    "--metrics-address=127.0.0.1",
    `--metrics-port=${metricsPort}`,
    `--model-control-mode=${options.modelControl ?? "none"}`,
    ...(options.loadModels ?? []).map((name) => `--load-model=${name}`),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(options.install.tritonserver, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env } as NodeJS.ProcessEnv,
  });
  live.add(child);
  let log = "";
  const take = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    log += text;
    options.onLog?.(text);
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<number | string>((resolveExit) => {
    child.on("error", (error) => {
      log += `\n${error.message}\n`;
      live.delete(child);
      resolveExit(-1);
    });
    let closed = false;
    child.once("close", () => {
      closed = true;
    });
    child.on("exit", (code, signal) => {
      live.delete(child);
      endOrphanStubs(options.repositories.map((repository) => resolve(repository)));
      // "exit" can come before the pipes are drained, and the last lines say why Triton ended: wait for "close".
      // Bounded, because a child of Triton that outlives it (a stub) may hold the pipes open for good.
      const settle = () => resolveExit(code ?? signal ?? -1);
      if (closed) return settle();
      const timer = setTimeout(settle, OUTPUT_DRAIN_MS);
      child.once("close", () => {
        clearTimeout(timer);
        settle();
      });
    });
  });
  let exitCode: number | string | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  const stop = async (graceMs = 15_000): Promise<number | string> => {
    if (exitCode !== undefined) return exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  // Polls every 100 ms, bounded by the deadline: ready, exited, or given up.
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      return { ok: false, reason: `tritonserver exited (${exitCode}) before it was ready`, log, exitCode };
    if (options.signal?.aborted) {
      const code = await stop(5_000);
      return { ok: false, reason: "stopped before it was ready", log, exitCode: code };
    }
    const status = await probe(`${httpUrl}/v2/health/ready`, 1_000);
    if (status === 200) {
      const triton: RunningTriton = {
        httpPort,
        grpcPort,
        metricsPort,
        httpUrl,
        httpAddress: `127.0.0.1:${httpPort}`,
        grpcAddress: `127.0.0.1:${grpcPort}`,
        metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
        pid: child.pid ?? -1,
        log: () => log,
        exited,
        stop,
      };
      return { ok: true, triton };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop(5_000);
  return { ok: false, reason: `tritonserver was not ready after ${options.readyTimeoutMs ?? 120_000} ms`, log };
}
