import { fileURLToPath } from "node:url";
import { protocSync } from "./oracle-memo.js";

/**
 * protoc as an oracle: `--encode` reads text exactly as Triton's C++ library
 * does, `--decode` prints what it read. Each call is one protoc process
 * (or its remembered answer under mutation testing, test/support/oracle-memo.ts).
 */
const SCHEMAS = fileURLToPath(new URL("../../schemas", import.meta.url));

export interface ProtocResult {
  ok: boolean;
  bytes: Buffer;
  /** First error as protoc reports it: 1-based line and column (bytes, tabs to 8) and message. */
  error?: { line: number; column: number; message: string };
  stderr: string;
}

/** protoc's arguments for `--encode` of a message of model_config.proto. */
export function protocEncodeArgs(messageType = "inference.ModelConfig"): string[] {
  return [`-I${SCHEMAS}`, `--encode=${messageType}`, "model_config.proto"];
}

/** protoc's answer to `--encode` as a verdict: its bytes, or its first error's place and message. */
export function protocAnswer(status: number | null, bytes: Buffer, stderr: string): ProtocResult {
  const result: ProtocResult = { ok: status === 0, bytes, stderr };
  // To the line's end: a message quoting a string may hold U+2028, where `.` and `$` stop.
  const m = /(?:input:|^)(\d+):(\d+): ([^\n]*)/m.exec(stderr);
  if (m) result.error = { line: Number(m[1]), column: Number(m[2]), message: m[3] as string };
  return result;
}

export function protocEncode(text: string | Uint8Array, messageType = "inference.ModelConfig"): ProtocResult {
  const r = protocSync(protocEncodeArgs(messageType), text);
  return protocAnswer(r.status, r.stdout, r.stderr.toString());
}

/** protoc --decode: the text it prints, or its refusal (it refuses a string field that is not UTF-8). */
export function protocDecodeResult(
  bytes: Uint8Array,
  messageType = "inference.ModelConfig",
): { ok: boolean; text: string; stderr: string } {
  const r = protocSync([`-I${SCHEMAS}`, `--decode=${messageType}`, "model_config.proto"], bytes);
  return { ok: r.status === 0, text: r.stdout.toString(), stderr: r.stderr.toString() };
}

export function protocDecode(bytes: Uint8Array, messageType = "inference.ModelConfig"): string {
  const r = protocDecodeResult(bytes, messageType);
  if (!r.ok) throw new Error(`protoc --decode failed: ${r.stderr}`);
  return r.text;
}
