/**
 * Helpers of the seed suites: the built `gen-repo` binary run as a user runs
 * it, `gen-repo serve` kept running in the background (stopped by the suite,
 * also when a test fails), and the policy fixture filled into a generated
 * model.py in place of the placeholder load_model and predict.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { BIN } from "../support/run-cli.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface Served {
  child: ChildProcess;
  httpAddress: string;
  grpcAddress: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM (Ctrl-C's cousin), then SIGKILL after `graceMs`; resolves with serve's exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export type ServeStart =
  | { ok: true; served: Served }
  | { ok: false; code: number | null; stdout: string; stderr: string };

/** Runs `gen-repo serve ARGS` and waits (bounded) until it prints its URLs or exits. */
/**
 * Every serve process this test file started. One `afterAll`, registered when
 * this module is first imported, stops those still running, also when a test
 * that expected serve to refuse failed because it started.
 */
const serving = new Set<(graceMs?: number) => Promise<number | null>>();
afterAll(async () => {
  await Promise.all([...serving].map((stop) => stop(10_000)));
  serving.clear();
});

export function startServe(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; ownProcessGroup?: boolean } = {},
): Promise<ServeStart> {
  // ownProcessGroup: serve and its tritonserver in a group of their own, as in a terminal, where Ctrl-C signals the whole group.
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup === true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on("close", (code) => resolveExit(code)));
  void exited.then(() => serving.delete(stop));
  const stop = async (graceMs = 20_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  serving.add(stop);
  return new Promise((resolveStart) => {
    const deadline = setTimeout(async () => {
      clearInterval(poll);
      await stop(5_000);
      resolveStart({
        ok: false,
        code: null,
        stdout,
        stderr: `${stderr}\n[not ready after ${options.timeoutMs ?? 120_000} ms]`,
      });
    }, options.timeoutMs ?? 120_000);
    const poll = setInterval(() => {
      const http = /^ {2}HTTP {5}http:\/\/(127\.0\.0\.1:\d+)$/m.exec(stdout);
      const grpc = /^ {2}gRPC {5}(127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (http && grpc && stdout.includes("Ctrl-C stops it.")) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolveStart({
          ok: true,
          served: {
            child,
            httpAddress: http[1] as string,
            grpcAddress: grpc[1] as string,
            stdout: () => stdout,
            stderr: () => stderr,
            stop,
          },
        });
      }
    }, 100);
    void exited.then((code) => {
      if (!stdout.includes("Ctrl-C stops it.")) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolveStart({ ok: false, code, stdout, stderr });
      }
    });
  });
}

/**
 * Replaces one method of the generated TritonPythonModel: from its `def` line
 * to the line before the next line indented as little as the `def` (the
 * next method, or the end-of-user-code marker). Throws when the method is
 * not there exactly once.
 */
export function replaceMethod(source: string, name: string, replacement: string): string {
  const lines = source.split("\n");
  const starts = lines.flatMap((line, i) => (line.startsWith(`    def ${name}(`) ? [i] : []));
  if (starts.length !== 1) throw new Error(`model.py has ${starts.length} definitions of ${name}`);
  const start = starts[0] as number;
  let end = start + 1;
  while (end < lines.length && (lines[end]?.trim() === "" || /^ {5,}/.test(lines[end] as string))) end++;
  while (end > start + 1 && lines[end - 1]?.trim() === "") end--;
  return [...lines.slice(0, start), replacement.replace(/\n+$/, ""), ...lines.slice(end)].join("\n");
}

/** The seed policy (test/triton/seed-policy.py) filled into model.py: load_model and predict, nothing else. */
export function fillSeedPolicy(modelPy: string): string {
  const fixture = readFileSync(join(import.meta.dirname, "seed-policy.py"), "utf8");
  const body = fixture.slice(fixture.indexOf("    def load_model("));
  const predictAt = body.indexOf("    def predict(");
  return replaceMethod(
    replaceMethod(modelPy, "load_model", body.slice(0, predictAt)),
    "predict",
    body.slice(predictAt),
  );
}
