/**
 * A real nginx (Debian's /usr/sbin/nginx, or $NGINX) for the router tests: a foreground
 * process with its own prefix, config, pid and temp folders under a temp directory, stderr
 * kept as its error log, stopped after the suite (also on failure).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RouterReplica, renderRouterConfig } from "../../src/generate/kubernetes/router-config.js";
import { freePort } from "../../src/serve/ports.js";

/** The nginx binary, or undefined (with one warning line; an error under CI=true) when there is none. */
export function nginxBinary(): string | undefined {
  const binary = process.env.NGINX ?? "/usr/sbin/nginx";
  if (existsSync(binary) && spawnSync(binary, ["-v"]).status === 0) return binary;
  if (process.env.CI === "true")
    throw new Error(`CI=true but nginx is missing at ${binary} (apt-get install -y nginx)`);
  console.warn(`skipping router suites: no nginx at ${binary} (apt-get install -y nginx)`);
  return undefined;
}

export interface RunningRouter {
  httpPort: number;
  grpcPort: number;
  config: string;
  log(): string;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once("error", () => resolveOpen(false));
  });
}

/** Starts nginx with the generated router config over `replicas`; waits (bounded) until both ports accept. */
export async function startRouter(binary: string, header: string, replicas: RouterReplica[]): Promise<RunningRouter> {
  const dir = mkdtempSync(join(tmpdir(), "triton-router-"));
  const temp = join(dir, "temp");
  mkdirSync(temp);
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const config = renderRouterConfig({
    header,
    replicas,
    listen: { http: `127.0.0.1:${httpPort}`, grpc: `127.0.0.1:${grpcPort}` },
    local: { pid: join(dir, "nginx.pid"), tempDir: temp },
  });
  const file = join(dir, "nginx.conf");
  writeFileSync(file, config);
  const child: ChildProcess = spawn(binary, ["-p", dir, "-c", file, "-e", "stderr"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async () => {
    if (!gone) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) break;
    if ((await portOpen(httpPort)) && (await portOpen(grpcPort)))
      return { httpPort, grpcPort, config, log: () => log, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`nginx did not start:\n${log}\n--- config ---\n${config}`);
}
