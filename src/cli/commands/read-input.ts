import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

/**
 * Reads a text file for a command, turning every file-system problem into a
 * diagnostic instead of an exception: a missing file, a folder, no
 * permission, or bytes that are not text.
 */
export function readTextFile(path: string, display = path): { text: string } | { diagnostic: Diagnostic } {
  try {
    if (statSync(path).isDirectory()) {
      return { diagnostic: { code: "PB-INPUT", severity: "error", message: `${display} is a folder, not a file`, file: display } };
    }
    const bytes = readFileSync(path);
    if (bytes.includes(0)) {
      return {
        diagnostic: {
          code: "PB-INPUT",
          severity: "error",
          message: `${display} holds binary data (a NUL byte), not protobuf text`,
          file: display,
          hint: "config.pbtxt must be protobuf text format; a binary ModelConfig is not read by Triton",
        },
      };
    }
    return { text: bytes.toString("utf8") };
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ELOOP" ? "too many symbolic links" : String((error as Error).message);
    return { diagnostic: { code: "PB-INPUT", severity: "error", message: `cannot read ${display}: ${reason}`, file: display } };
  }
}
