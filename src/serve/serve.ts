/**
 * `gen-repo serve`: the local loop PyTriton users get in-process — edit
 * model.py, serve, run the client — with a real `tritonserver` and no GPU.
 * Triton listens on 127.0.0.1 only, loads every model of the repository at
 * start (and exits when one fails, Triton's default), and its log is passed
 * through as it comes. A model that fails to load comes back as a diagnostic
 * at the file and line Triton's message points to.
 */
import { statSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Device } from "../generate/device.js";
import { SERVE_CODES } from "./codes.js";
import { type CpuCopy, makeCpuCopy } from "./cpu-copy.js";
import { launchTriton } from "./launch.js";
import { locateTriton } from "./locate.js";
import { diagnosticsFromLog } from "./triton-log.js";

export interface ServeOptions {
  /** Absolute path of the model repository. */
  repository: string;
  /** The repository as the user named it, for messages. */
  shownRepository: string;
  /** `cpu` serves a copy with KIND_GPU groups as KIND_CPU; `gpu` serves the repository as written. */
  device: Device;
  httpPort?: number | undefined;
  grpcPort?: number | undefined;
  metricsPort?: number | undefined;
  /** `--triton PATH`; else `$TRITONSERVER`, else the local install. */
  triton?: string | undefined;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C or SIGTERM: Triton is stopped and serve returns 0. */
  signal: AbortSignal;
  /** Our own lines (URLs, status). */
  stdout(text: string): void;
  /** Triton's log, passed through, and diagnostics. */
  stderr(text: string): void;
  /** How long to wait for Triton to be ready, in milliseconds (default 300 s: a model's load_model may be slow). */
  readyTimeoutMs?: number;
}

export type ServeReport = (diagnostics: Diagnostic[]) => void;

const GPU_HINT =
  "this Triton sees no usable GPU: run gen-repo serve with --device cpu (it serves a copy with KIND_CPU groups), " +
  "or generate the repository with --device cpu";

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Runs Triton on the repository until `signal` aborts or Triton stops.
 * Returns the exit code: 0 stopped by the user, 1 a model failed to load or
 * Triton stopped by itself, 2 no Triton or no repository. Never throws for
 * those; `report` receives the diagnostics.
 */
export async function serveRepository(options: ServeOptions, report: ServeReport): Promise<number> {
  const install = locateTriton({ triton: options.triton, env: options.env });
  if ("error" in install) {
    report([{ code: SERVE_CODES.noTriton, severity: "error", message: install.error }]);
    return 2;
  }
  if (!isFolder(options.repository)) {
    report([
      {
        code: SERVE_CODES.server,
        severity: "error",
        message: `model repository "${options.shownRepository}" is not a folder`,
        file: options.shownRepository,
      },
    ]);
    return 2;
  }
  let copy: CpuCopy | undefined;
  try {
    if (options.device === "cpu") {
      copy = makeCpuCopy(options.repository);
      if (copy.rewritten.length > 0) {
        options.stdout(
          `--device cpu: serving a copy with KIND_GPU instance groups as KIND_CPU (${copy.rewritten.join(", ")}) from ${copy.root}\n`,
        );
      } else {
        // Nothing to rewrite: Triton reads the user's own folder, and its log names the user's paths.
        copy.remove();
        copy = undefined;
      }
    }
    const served = copy?.root ?? options.repository;
    const context = { servedRoot: served, shownRoot: options.shownRepository, gpuHint: GPU_HINT };
    const started = Date.now();
    const launched = await launchTriton({
      repositories: [served],
      install,
      ...(options.httpPort !== undefined ? { httpPort: options.httpPort } : {}),
      ...(options.grpcPort !== undefined ? { grpcPort: options.grpcPort } : {}),
      ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
      modelControl: "none",
      onLog: options.stderr,
      readyTimeoutMs: options.readyTimeoutMs ?? 300_000,
      signal: options.signal,
      env: options.env,
    });
    if (!launched.ok) {
      if (options.signal.aborted) return 0;
      const found = diagnosticsFromLog(launched.log, context);
      report([...found, { code: SERVE_CODES.server, severity: "error", message: launched.reason }]);
      return 1;
    }
    const triton = launched.triton;
    options.stdout(
      [
        `Triton is ready on 127.0.0.1 after ${((Date.now() - started) / 1000).toFixed(1)} s (${install.source}: ${install.tritonserver})`,
        `  HTTP     ${triton.httpUrl}`,
        `  gRPC     ${triton.grpcAddress}`,
        `  metrics  ${triton.metricsUrl}`,
        `clients: python scripts/test_python_backend.py --url ${triton.grpcAddress}  (or --protocol http --url ${triton.httpAddress})`,
        "Ctrl-C stops it.",
        "",
      ].join("\n"),
    );
    const stopped = new Promise<"signal">((resolveStop) => {
      if (options.signal.aborted) resolveStop("signal");
      options.signal.addEventListener("abort", () => resolveStop("signal"), { once: true });
    });
    const ended = await Promise.race([stopped, triton.exited]);
    if (ended === "signal") {
      const code = await triton.stop();
      options.stdout(`Triton stopped (${code})\n`);
      return 0;
    }
    const found = diagnosticsFromLog(triton.log(), context);
    report(
      found.length > 0
        ? found
        : [{ code: SERVE_CODES.server, severity: "error", message: `tritonserver stopped by itself (${ended})` }],
    );
    return 1;
  } finally {
    copy?.remove();
  }
}
