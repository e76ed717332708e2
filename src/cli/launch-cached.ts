import { mkdirSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Runs the CLI bundle (a CommonJS file that exports `runCli`) with V8's code
 * cache, and returns the exit code.
 *
 * Why: a pre-commit hook pays Node's start-up on every commit, and for
 * `validate` most of what we add to a bare `node` is V8 compiling our code,
 * again on every run (Node 20 has no compile cache of its own for ES modules;
 * 22.1's `module.enableCompileCache` is not there). Running the bundle through
 * `vm.Script` with the cached data of an earlier run skips that compilation,
 * functions compiled lazily during the run included, since the cache is taken
 * after the command has run.
 *
 * The cache is an optimisation only: a missing, unwritable or foreign cache
 * folder, a file V8 rejects (another V8, other flags) or a failed write leave
 * the run exactly as it would be without one. `TRITON_REPO_CODE_CACHE_TRACE=1`
 * says on stderr what happened: off, miss, rejected or hit, and whether a
 * cache was written.
 */
export async function runCachedBundle(bundlePath: string, argv: readonly string[]): Promise<number> {
  const bytes = readFileSync(bundlePath);
  const stamp = contentStamp(bytes);
  const cache = stamp === undefined ? undefined : openCache(bundlePath, stamp, commandOf(argv));
  const script = new Script(wrapCommonJs(bytes.toString("utf8")), {
    filename: bundlePath,
    ...(cache?.data === undefined ? {} : { cachedData: cache.data }),
  });
  const module: { exports: { runCli?: (argv: string[]) => Promise<number> } } = { exports: {} };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  const runCli = module.exports.runCli;
  if (typeof runCli !== "function") throw new Error(`${bundlePath} does not export runCli: rebuild it (npm run build)`);
  const code = await runCli([...argv]);
  // Taken after the run, so that the functions this command compiled on demand are in it too; and only
  // after a run that did the command's work (not its usage error or --help), whose cache V8 would keep.
  const representative = (code === 0 || code === 1) && !argv.includes("--help") && !argv.includes("-h");
  const verdict =
    cache === undefined ? "off" : cache.data === undefined ? "miss" : script.cachedDataRejected ? "rejected" : "hit";
  const written =
    cache !== undefined && representative && verdict !== "hit" && saveCache(cache, script.createCachedData());
  if (process.env.TRITON_REPO_CODE_CACHE_TRACE) {
    const where = cache === undefined ? "" : ` ${join(cache.dir, cache.name)}`;
    process.stderr.write(`gen-repo: code cache ${verdict}${written ? ", written" : ""}${where}\n`);
  }
  return code;
}

/**
 * Node's CommonJS wrapper, on the bundle's first line so that stack traces
 * keep the bundle's line numbers.
 */
function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * One cache per command: each holds the functions its command compiled, and
 * a cache taken after `validate` would leave `print` compiling its own on
 * every run (V8 accepts it, so it would never be replaced).
 */
function commandOf(argv: readonly string[]): string {
  const first = argv[0] ?? "";
  return /^[a-z][a-z-]{0,19}$/.test(first) ? first : "other";
}

interface CacheEntry {
  dir: string;
  /** The file name: `<bundle path key>-<content key>-<Node key>-<command>.v8`. */
  name: string;
  /** The files of this bundle path start with `<bundle path key>-`: older contents are removed when a new one is written. */
  pathKey: string;
  /** `<bundle path key>-<content key>-`: the files of this content, under any Node. */
  contentPrefix: string;
  data: Buffer | undefined;
}

/**
 * The build writes a hash of the program's text into its header
 * (`// content-key: <hex>`, hooks/cli-bundle.mjs). The cache is keyed by it,
 * not by hashing the file on every run: node:crypto alone costs a
 * pre-commit hook more than reading the key. V8 itself checks only the
 * source's length before it uses cached data. A program without the key runs
 * without a cache.
 */
export function contentStamp(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString("latin1");
  return /^\/\/ content-key: ([0-9a-f]{16,64})$/m.exec(head)?.[1];
}

/** FNV-1a (32 bits) of a short text, in hex: a file-name-safe key for the bundle's path. */
function shortKey(...parts: string[]): string {
  let hash = 0x811c9dc5;
  for (const char of parts.join("\0")) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The cache file of this bundle's content, this Node and this command, and
 * its data when it exists. Undefined when caching is off or the folder is not
 * ours alone.
 */
function openCache(bundlePath: string, stamp: string, command: string): CacheEntry | undefined {
  const dir = cacheDirectory();
  if (dir === undefined) return undefined;
  const pathKey = `${basename(bundlePath).replace(/[^A-Za-z0-9_.-]/g, "_")}-${shortKey(bundlePath)}`;
  const contentPrefix = `${pathKey}-${stamp.slice(0, 16)}-`;
  // the Node version, the architecture and the flags all change what V8 compiles
  const name = `${contentPrefix}${shortKey(process.version, process.arch, process.execArgv.join(" "))}-${command}.v8`;
  let data: Buffer | undefined;
  try {
    data = readFileSync(join(dir, name));
  } catch {
    data = undefined;
  }
  return { dir, name, pathKey, contentPrefix, data };
}

/**
 * `TRITON_REPO_CODE_CACHE_DIR`, else a folder of this user's under the
 * system's temporary folder. Off when `TRITON_REPO_CODE_CACHE=off` or Node's
 * own `NODE_DISABLE_COMPILE_CACHE` is set. A folder another user owns, or one
 * others may write to, is never read: what is in it is compiled code we run.
 */
function cacheDirectory(): string | undefined {
  if (process.env.TRITON_REPO_CODE_CACHE === "off" || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = process.getuid?.();
  const dir = process.env.TRITON_REPO_CODE_CACHE_DIR || join(tmpdir(), `triton-repo-code-cache-${uid ?? "user"}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed over), then the files of older contents of the bundle removed. */
function saveCache(cache: CacheEntry, data: Buffer): boolean {
  const target = join(cache.dir, cache.name);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, target);
    for (const file of readdirSync(cache.dir)) {
      const older = file.startsWith(`${cache.pathKey}-`) && !file.startsWith(cache.contentPrefix);
      if (older && file.endsWith(".v8")) {
        rmSync(join(cache.dir, file), { force: true });
      }
    }
    return true;
  } catch {
    // a full or read-only disk costs the speed-up only
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written, or it cannot be removed either
    }
    return false;
  }
}
