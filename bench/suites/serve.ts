/**
 * Issue 9: the local loop on the real Triton. How long `gen-repo serve`
 * takes from start to ready on the ACT deployment generated with
 * `--device cpu`, and the p50/p99 latency of its requests (state plus a
 * 3.7 MB image each, the placeholder policy) over gRPC and HTTP, sent one at
 * a time by the generated InferenceClient. Figures, not targets. Skipped
 * when there is no local Triton (`npm run triton:install`).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { locateTriton } from "../../src/serve/locate.js";
import { CLI_BIN, PROJECT_ROOT } from "../support/paths.js";
import { median } from "../support/stats.js";
import { benchTempDir } from "../support/temp.js";

export interface LatencyResult {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface ServeResult {
  triton: string;
  /** `gen-repo serve` start to its "ready" line (Triton started, the model loaded and warmed up), per run. */
  readyMs: number[];
  readyMedianMs: number;
  grpc: LatencyResult;
  http: LatencyResult;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Started {
  child: ChildProcess;
  ms: number;
  grpc: string;
  http: string;
}

/** Starts `gen-repo serve`, resolves at its ready line (bounded: 180 s). */
function startServe(repository: string): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, [CLI_BIN, "serve", repository, "--device", "cpu"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error("gen-repo serve was not ready after 180 s"));
    }, 180_000);
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (!stdout.includes("Ctrl-C stops it.")) return;
      clearTimeout(timer);
      const grpc = /^ {2}gRPC {5}(\S+)$/m.exec(stdout)?.[1] ?? "";
      const http = /^ {2}HTTP {5}http:\/\/(\S+)$/m.exec(stdout)?.[1] ?? "";
      resolveStart({ child, ms: performance.now() - began, grpc, http });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gen-repo serve exited (${code}) before it was ready:\n${stderr.slice(-2000)}`));
    });
  });
}

function stopServe(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null) return resolveStop();
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.removeAllListeners("exit");
    child.on("exit", () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}

function latency(
  python: string,
  scripts: string,
  protocol: string,
  url: string,
  episodes: number,
  steps: number,
): LatencyResult {
  const run = spawnSync(
    python,
    [join(PROJECT_ROOT, "bench", "peers", "act_latency.py"), scripts, protocol, url, String(episodes), String(steps)],
    {
      encoding: "utf8",
      timeout: 600_000,
    },
  );
  if (run.status !== 0) throw new Error(`act_latency.py ${protocol} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const values = (JSON.parse(run.stdout) as { latencies_ms: number[] }).latencies_ms;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    requests: values.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

export async function measureServe(quick: boolean): Promise<ServeResult | { skipped: string }> {
  const install = locateTriton();
  if ("error" in install || !install.python) return { skipped: "no local Triton (npm run triton:install)" };
  const out = join(benchTempDir("serve-"), "deploy");
  const generated = spawnSync(
    process.execPath,
    [CLI_BIN, "generate", join(PROJECT_ROOT, "fixtures", "act-pick-place.yaml"), "--out", out, "--device", "cpu"],
    { encoding: "utf8" },
  );
  if (generated.status !== 0) throw new Error(`generate failed: ${generated.stderr}`);
  const repository = join(out, "model_repository");
  const readyMs: number[] = [];
  // Each start is timed; the last server stays up for the latency runs.
  for (let i = 1; i < (quick ? 1 : 3); i++) {
    const started = await startServe(repository);
    readyMs.push(started.ms);
    await stopServe(started.child);
  }
  const started = await startServe(repository);
  readyMs.push(started.ms);
  try {
    const episodes = quick ? 5 : 20;
    const steps = 10;
    const scripts = join(out, "scripts");
    const grpc = latency(install.python, scripts, "grpc", started.grpc, episodes, steps);
    const http = latency(install.python, scripts, "http", started.http, episodes, steps);
    return { triton: install.tritonserver, readyMs, readyMedianMs: median(readyMs), grpc, http };
  } finally {
    await stopServe(started.child);
  }
}
