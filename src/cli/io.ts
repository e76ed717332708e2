/**
 * Everything a command may touch of its process, injected so that tests can
 * drive the CLI in-process with their own argv, streams and working folder.
 */
import { existsSync, lstatSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Diagnostic, formatDiagnosticLine } from "../diagnostics/diagnostic.js";
import { describeFsError } from "../fsio/errors.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colours by default only then; see `useColor`). */
  isTTY: boolean;
}

/**
 * Whether to colour output: FORCE_COLOR set to anything but "0" or "false"
 * turns colours on (CI logs render them), NO_COLOR turns them off, otherwise
 * a terminal gets colours and a pipe does not (https://force-color.org,
 * https://no-color.org).
 */
export function useColor(io: Pick<CliIo, "env" | "isTTY">): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.isTTY;
}

let pipesGuarded = false;

/**
 * A reader that stops early (`gen-repo print big.pbtxt | head -1`) closes the
 * pipe under us; Node then raises EPIPE on the next write. That is not a
 * failure of ours: end quietly, with no stack trace, as other CLI tools do.
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      // Any other write failure (a full disk behind a redirect): say so once, briefly.
      try {
        process.stderr.write(`gen-repo: cannot write output: ${describeFsError(error)}\n`);
      } finally {
        process.exit(2);
      }
    });
  }
}

export function processIo(): CliIo {
  guardPipes();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** A user mistake on the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A subcommand. Its one-line summary lives in main.ts's table, which `gen-repo --help` reads without loading it. */
export interface Command {
  /** Full help for `gen-repo CMD --help`. */
  usage: string;
  /** Runs the command; returns the exit code (0 ok, 1 problems found, 2 usage or internal failure). */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Prints diagnostics on stderr, one `FILE:LINE:COLUMN: message (hint)` line each. */
export function reportDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnosticLine(d)}${d.hint ? ` (${d.hint})` : ""}\n`);
}

/**
 * The root of the checkout `cwd` is in (the nearest folder above it holding
 * `.git`, a folder or a worktree's file), or `cwd` itself outside git. SARIF
 * paths are relative to it, as code scanning expects.
 */
export function checkoutRoot(cwd: string): string {
  for (let dir = cwd, depth = 0; depth < 64; depth++) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cwd;
}

/**
 * A named input that does not exist is a usage error in every command: exit
 * code 2 with `no such file or folder: PATH`, the same for print, fmt, diff,
 * generate and validate. Exit code 1 stays for problems found in inputs that
 * were read.
 */
export function requireInputs(cwd: string, paths: readonly string[]): void {
  for (const path of paths) {
    try {
      lstatSync(resolve(cwd, path));
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`no such file or folder: ${path}`);
    }
  }
}
