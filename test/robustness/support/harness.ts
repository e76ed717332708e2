import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ENTRY = fileURLToPath(new URL("./cli-entry.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** tsx's loader by path, so the CLI starts from any working folder. */
const TSX = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** Upper bound for one CLI run in this suite: anything slower counts as a hang. */
export const RUN_TIMEOUT_MS = 20_000;

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function settle(r: SpawnSyncReturns<string>, started: number): CliRun {
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    ms: Date.now() - started,
  };
}

/** Runs the real CLI in a child process, bounded in time (a hang is killed and shows as signal SIGTERM). */
export function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; uid?: number; gid?: number } = {},
): CliRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--import", TSX, ENTRY, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: options.timeoutMs ?? RUN_TIMEOUT_MS,
    killSignal: "SIGKILL",
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  return settle(r, started);
}

/** Starts the CLI without waiting, for concurrent runs. */
export function startCli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ["--import", TSX, ENTRY, ...argv], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS * 2);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Every entry under `dir`, byte for byte: files as their SHA-256 and mode,
 * links as their target, folders as such. Two equal snapshots are two equal trees.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const st = lstatSync(join(dir, path));
      if (st.isSymbolicLink()) out[path] = `link -> ${readlinkSync(join(dir, path))}`;
      else if (st.isDirectory()) {
        out[`${path}/`] = "folder";
        walk(path);
      } else
        out[path] = `${(st.mode & 0o777).toString(8)} ${createHash("sha256")
          .update(readFileSync(join(dir, path)))
          .digest("hex")}`;
    }
  };
  walk("");
  return out;
}

/** Names in `parent` that a run on `parent/<name>` may leave behind: staging, transaction, lock. */
export function leftovers(parent: string, name: string): string[] {
  return readdirSync(parent).filter((n) => n.startsWith(`.${name}.gen-repo-`));
}

/** A small deterministic PRNG (mulberry32), so "random" kill points repeat from their seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a spec object as a JSON spec file and returns its path. */
export function writeSpec(path: string, spec: unknown): string {
  writeFileSync(path, JSON.stringify(spec, null, 2));
  return path;
}

const tensor = (name: string, dims: number[]) => ({ name, data_type: "TYPE_FP32", dims });

/** Spec A: two models. */
export function specA(): Record<string, unknown> {
  return {
    version: 1,
    models: [
      { name: "alpha", template: "basic", max_batch_size: 4, inputs: [tensor("x", [3])], outputs: [tensor("y", [2])] },
      { name: "beta", template: "basic", max_batch_size: 4, inputs: [tensor("x", [5])], outputs: [tensor("y", [5])] },
    ],
  };
}

/** Spec B: A with every model changed and one more, so a commit both replaces and creates files and folders. */
export function specB(): Record<string, unknown> {
  return {
    version: 1,
    models: [
      {
        name: "alpha",
        template: "basic",
        max_batch_size: 8,
        inputs: [tensor("x", [3]), tensor("z", [1])],
        outputs: [tensor("y", [2])],
      },
      { name: "beta", template: "basic", max_batch_size: 8, inputs: [tensor("x", [7])], outputs: [tensor("y", [7])] },
      { name: "gamma", template: "basic", max_batch_size: 2, inputs: [tensor("a", [1])], outputs: [tensor("b", [1])] },
    ],
  };
}

/** A spec that passes the spec checks but whose repository fails validation (GPU 3 of one): the run stops after recovery, before writing. */
export function specInvalidOutput(): Record<string, unknown> {
  const spec = specA();
  (spec.models as Record<string, unknown>[])[0]!.instances = { kind: "gpu", gpus: [3] };
  return spec;
}
