import { resolve } from "node:path";
import { formatDiagnosticLine } from "../../diagnostics/diagnostic.js";
import { type Command, UsageError } from "../io.js";
import { parseCommandArgs } from "../args.js";
import { serveRepository } from "../../serve/serve.js";

const USAGE = `usage: gen-repo serve [REPO] [--device gpu|cpu] [--http-port N] [--grpc-port N] [--metrics-port N] [--triton PATH]

Starts a real tritonserver on the model repository REPO (default ./model_repository)
for local development: on 127.0.0.1 only, every model loaded at start. Waits until
Triton is ready, prints the URLs, passes Triton's log through, and stops Triton on
Ctrl-C or SIGTERM. When a model fails to load, Triton's error is printed as a
diagnostic at the file and line it points to (config.pbtxt, model.py) and the exit
code is 1.

  --device cpu        serve a temporary copy in which every KIND_GPU instance group is
                      KIND_CPU (your files are not changed; model.py and weights are
                      linked, so edits show on the next start); gpu (default) serves
                      the repository as written, which needs a GPU for KIND_GPU groups
  --http-port N       HTTP port (default: a free port)
  --grpc-port N       gRPC port (default: a free port)
  --metrics-port N    metrics port (default: a free port)
  --triton PATH       the tritonserver binary; else $TRITONSERVER, else the local
                      install of "npm run triton:install" (Triton with the Python backend, CPU)

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 a model failed to load or Triton
stopped by itself, 2 usage, no Triton found, or no repository.`;

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new UsageError(`${flag} expects a port number 1-65535, got "${value}"`);
  return Number(value);
}

export const serveCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      device: { type: "string", default: "gpu" },
      "http-port": { type: "string" },
      "grpc-port": { type: "string" },
      "metrics-port": { type: "string" },
      triton: { type: "string" },
    });
    if (positionals.length > 1) throw new UsageError("expected at most one model repository");
    if (values.device !== "gpu" && values.device !== "cpu")
      throw new UsageError(`--device must be gpu or cpu, got "${values.device}"`);
    const shown = positionals[0] ?? "model_repository";
    const ports = {
      httpPort: port(values["http-port"], "--http-port"),
      grpcPort: port(values["grpc-port"], "--grpc-port"),
      metricsPort: port(values["metrics-port"], "--metrics-port"),
    };

    // Ctrl-C in a terminal reaches Triton too (same process group); both paths end in one clean stop.
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.once("SIGINT", abort);
    process.once("SIGTERM", abort);
    try {
      return await serveRepository(
        {
          repository: resolve(io.cwd, shown),
          shownRepository: shown,
          device: values.device,
          ...ports,
          triton: values.triton,
          env: io.env,
          signal: controller.signal,
          stdout: io.stdout,
          stderr: io.stderr,
        },
        (diagnostics) => {
          for (const d of diagnostics) {
            io.stderr(
              `${d.file === undefined ? "gen-repo serve: " : ""}${formatDiagnosticLine(d)}\n${d.hint ? `  hint: ${d.hint}\n` : ""}`,
            );
          }
        },
      );
    } finally {
      process.off("SIGINT", abort);
      process.off("SIGTERM", abort);
    }
  },
};
