/**
 * Everything a command may touch of its process, injected so that tests can
 * drive the CLI in-process with their own argv, streams and working folder.
 */
import { existsSync, fstatSync, lstatSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { type Diagnostic, formatDiagnosticLine } from "../diagnostics/diagnostic.js";
import { describeFsError, errnoCode } from "../fsio/errors.js";
import { sleepSync } from "../fsio/sleep.js";

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

/**
 * Output goes straight to the descriptors, synchronously: Node's
 * `process.stdout` and `process.stderr` load its stream and socket modules on
 * first use, 2.7 ms of every command whose output is a pipe (as pre-commit
 * runs it), and a command that writes its report and ends needs none of it.
 * Windows keeps Node's streams, which write to its console as UTF-16.
 */
const DIRECT = process.platform !== "win32";

/**
 * Writes all of `text` to descriptor 1 or 2. A pipe left non-blocking by
 * whoever made it answers EAGAIN while it is full: wait for the reader, as a
 * blocking write would. A reader that stops early (`gen-repo print big.pbtxt |
 * head -1`) closes the pipe under us: no failure of ours, so the run ends
 * quietly, as other CLI tools do (endAfterFailedWrite).
 */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error: unknown) {
      if (errnoCode(error) === "EAGAIN") {
        sleepSync(1);
        continue;
      }
      // stderr itself failing has nowhere to say so.
      endAfterFailedWrite(error, (line) => (fd === 1 ? writeSync(2, line) : undefined));
    }
  }
}

/**
 * After a write failed: EPIPE (the reader stopped early) ends the run quietly
 * with the exit code it has so far; any other failure is said once, briefly,
 * and ends it with 2.
 */
function endAfterFailedWrite(error: unknown, say: (line: string) => unknown): never {
  if (errnoCode(error) === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  try {
    say(`gen-repo: cannot write output: ${describeFsError(error)}\n`);
  } finally {
    process.exit(2);
  }
}

let pipesGuarded = false;

/** The same for Node's streams (Windows): EPIPE ends quietly, another failure is said once. */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) =>
      endAfterFailedWrite(error, (line) => process.stderr.write(line)),
    );
  }
}

/**
 * Whether descriptor `fd` is a terminal, as tty.isatty says. Only a character
 * device can be one, and asking that of the descriptor spares a pipe or a file
 * the tty module (which loads the socket modules, 2-3 ms); so does /dev/null, a
 * character device and no terminal, where scripts and schedulers send output
 * they do not read. Any other character device is asked properly.
 */
export function isTerminal(fd: number): boolean {
  try {
    const device = fstatSync(fd);
    if (!device.isCharacterDevice() || isNullDevice(device)) return false;
  } catch {
    return false;
  }
  const { isatty } = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
  return isatty(fd);
}

/** The device itself (its number), whichever node of it was opened. */
function isNullDevice(device: { rdev: number }): boolean {
  if (process.platform === "win32") return false;
  return statSync("/dev/null", { throwIfNoEntry: false })?.rdev === device.rdev;
}

export function processIo(): CliIo {
  if (!DIRECT) {
    guardPipes();
    return {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      env: process.env,
      isTTY: Boolean(process.stdout.isTTY),
    };
  }
  let terminal: boolean | undefined;
  return {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    cwd: process.cwd(),
    env: process.env,
    // Asked only by a command that may colour its output, and then once.
    get isTTY() {
      terminal ??= isTerminal(1);
      return terminal;
    },
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
