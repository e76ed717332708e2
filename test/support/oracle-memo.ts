import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * protoc's verdicts, remembered on disk when TRITON_REPO_ORACLE_MEMO names a
 * folder (test/support/mutation-setup.ts sets it under `npm run mutate`).
 *
 * Why: under mutation testing every surviving mutant reruns the text-format
 * suites, which start protoc a few thousand times, nearly always on the same
 * inputs as the run before (most mutants leave most printed text alone).
 * protoc is deterministic: the same protoc, schema, arguments and input give
 * the same output, so the key holds all four and the answer stays protoc's.
 * `npm test` leaves the variable unset and asks protoc every time.
 */

export interface ProcessAnswer {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

const SCHEMA = fileURLToPath(new URL("../../schemas/model_config.proto", import.meta.url));

let identity: string | undefined;
/** The protoc binary's version and the schema's text: a change to either is a new oracle. */
function oracleIdentity(): string {
  if (identity === undefined) {
    const version = spawnSync("protoc", ["--version"], { encoding: "utf8" }).stdout ?? "";
    identity = `${version.trim()}\0${readFileSync(SCHEMA, "utf8")}`;
  }
  return identity;
}

function keyOf(args: readonly string[], input: Uint8Array | string): string {
  const hash = createHash("sha256").update(oracleIdentity()).update("\0");
  for (const arg of args) hash.update(arg).update("\0");
  return hash.update(input).digest("hex");
}

/** The remembered answer of `protoc ARGS < input`, or undefined (no memo, or not asked yet). */
export function recalled(args: readonly string[], input: Uint8Array | string): ProcessAnswer | undefined {
  const dir = process.env.TRITON_REPO_ORACLE_MEMO;
  if (!dir) return undefined;
  try {
    const saved = JSON.parse(readFileSync(join(dir, `${keyOf(args, input)}.json`), "utf8")) as {
      status: number | null;
      stdout: string;
      stderr: string;
    };
    return {
      status: saved.status,
      stdout: Buffer.from(saved.stdout, "base64"),
      stderr: Buffer.from(saved.stderr, "base64"),
    };
  } catch {
    return undefined;
  }
}

/** Remembers an answer (whole or not at all). Only answers protoc finished with (an exit status) are kept. */
export function remember(args: readonly string[], input: Uint8Array | string, answer: ProcessAnswer): void {
  const dir = process.env.TRITON_REPO_ORACLE_MEMO;
  if (!dir || answer.status === null) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${keyOf(args, input)}.json`);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const text = JSON.stringify({
    status: answer.status,
    stdout: answer.stdout.toString("base64"),
    stderr: answer.stderr.toString("base64"),
  });
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** protoc ARGS < input, through the memo when there is one. */
export function protocSync(args: readonly string[], input: Uint8Array | string): ProcessAnswer {
  const known = recalled(args, input);
  if (known !== undefined) return known;
  const r = spawnSync("protoc", args, { input, maxBuffer: 1 << 28 });
  const answer = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  remember(args, input, answer);
  return answer;
}
