import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { DEFAULT_MAX_TEXT_BYTES, type ReadRefusal, describeRefusal, readBounded } from "../../fsio/bounded-read.js";
import { decodeUtf8Bytes } from "../../pbtxt/utf8.js";

/**
 * Reads a text file for a command through the shared bounded reader: a
 * missing file, a folder, a FIFO, a device, a file over the size cap, no
 * permission become a diagnostic at once, never an exception, a hang or
 * unbounded memory. `path` may be bytes (a name that is not UTF-8). Every
 * command that reads a text file reads it here; a command that reports the
 * refusal in its own words (an option's file, a rule id) has `refused` and
 * `reason` (describeRefusal's words) beside the diagnostic.
 */
export function readTextFile(
  path: string | Buffer,
  display = String(path),
  maxBytes = DEFAULT_MAX_TEXT_BYTES,
): { text: string; bytes: Buffer } | { diagnostic: Diagnostic; refused: ReadRefusal; reason: string } {
  // Bytes that are not text (a binary ModelConfig, garbage) are left to the
  // tokenizer, which refuses them at their line and column as protoc does.
  const read = readBounded(path, maxBytes);
  // Bytes that are not UTF-8 are kept in the text (utf8.ts), as protoc keeps them in strings.
  if ("bytes" in read) return { text: decodeUtf8Bytes(read.bytes), bytes: read.bytes };
  const reason = describeRefusal(read.refused);
  const message =
    read.refused.kind === "not-a-file" && read.refused.what === "folder"
      ? `${display} is a folder, not a file`
      : `cannot read ${display}: ${reason}`;
  return { diagnostic: { code: "PB-INPUT", severity: "error", message, file: display }, refused: read.refused, reason };
}
