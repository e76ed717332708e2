/**
 * Where a real `tritonserver` is: `--triton PATH`, then `$TRITONSERVER`, then
 * the local install that `npm run triton:install` writes (`.triton/` in this
 * package, or `$TRITON_REPO_HOME`). The backends folder sits beside `bin/` in
 * every Triton layout (`/opt/tritonserver/{bin,backends}`, PyTriton's wheel).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { packageRoot } from "../schema/package-root.js";

export interface TritonInstall {
  /** The `tritonserver` executable. */
  tritonserver: string;
  /** The `--backend-directory` to pass (Triton's default, /opt/tritonserver/backends, rarely fits). */
  backendDirectory: string;
  /** A Python with the real `tritonclient` and numpy, when the local install provides one. */
  python?: string;
  /** How it was found, for messages. */
  source: "--triton" | "$TRITONSERVER" | "local install";
}

export const INSTALL_HINT =
  "install a local Triton with `npm run triton:install` in a triton-repo checkout " +
  "(Debian: apt-get install -y python3-venv libpython3.11 python3-numpy first), " +
  "or point --triton or $TRITONSERVER at a tritonserver binary";

/** The local install's folder: `$TRITON_REPO_HOME` or `<package>/.triton`. */
export function localInstallHome(env: Record<string, string | undefined> = process.env): string {
  return env.TRITON_REPO_HOME ? resolve(env.TRITON_REPO_HOME) : join(packageRoot(), ".triton");
}

function isExecutableFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function fromBinary(path: string, source: TritonInstall["source"]): TritonInstall | string {
  const binary = resolve(path);
  if (!isExecutableFile(binary)) return `${source} names ${binary}, which is not a file`;
  const backends = join(dirname(dirname(binary)), "backends");
  return {
    tritonserver: binary,
    backendDirectory: existsSync(backends) ? backends : "/opt/tritonserver/backends",
    source,
  };
}

function fromLocalInstall(home: string): TritonInstall | undefined {
  const manifest = join(home, "tritonserver.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const data = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    const { tritonserver, backendDirectory, python } = data;
    if (typeof tritonserver !== "string" || typeof backendDirectory !== "string") return undefined;
    if (!isExecutableFile(tritonserver)) return undefined;
    const found: TritonInstall = { tritonserver, backendDirectory, source: "local install" };
    if (typeof python === "string" && isExecutableFile(python)) found.python = python;
    return found;
  } catch {
    return undefined;
  }
}

/**
 * Finds Triton, or returns a sentence that says why none was found and how to
 * get one. Never throws.
 */
export function locateTriton(
  options: { triton?: string | undefined; env?: Record<string, string | undefined> } = {},
): TritonInstall | { error: string } {
  const env = options.env ?? process.env;
  const explicit = options.triton ?? undefined;
  if (explicit) {
    const found = fromBinary(explicit, "--triton");
    return typeof found === "string" ? { error: found } : found;
  }
  if (env.TRITONSERVER) {
    const found = fromBinary(env.TRITONSERVER, "$TRITONSERVER");
    return typeof found === "string" ? { error: found } : found;
  }
  const local = fromLocalInstall(localInstallHome(env));
  if (local) return local;
  return { error: `no tritonserver found: ${INSTALL_HINT}` };
}
