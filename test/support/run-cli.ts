import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

/** Runs the CLI in-process with captured streams (citty's runMain({ rawArgs }) idea). */
export async function runInProcess(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {},
) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}

export const BIN = fileURLToPath(new URL("../../bin/gen-repo.js", import.meta.url));

/** Runs the built binary (`npm run build` first, which `npm test` does) as a user would. */
export function runBinary(
  argv: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A CliIo that records what a command prints, for in-process runs that need the io object itself. */
export function captureIo(cwd: string): CliIo & { out: string; err: string } {
  const capture = {
    out: "",
    err: "",
    stdout: (t: string) => {
      capture.out += t;
    },
    stderr: (t: string) => {
      capture.err += t;
    },
    cwd,
    env: {},
    isTTY: false,
  };
  return capture;
}
