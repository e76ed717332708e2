import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

/**
 * Reads a text file for a command, turning every file-system problem into a
 * diagnostic instead of an exception: a missing file, a folder, no
 * permission, a symbolic-link loop.
 */
export function readTextFile(path: string, display = path): { text: string } | { diagnostic: Diagnostic } {
  try {
    if (statSync(path).isDirectory()) {
      return { diagnostic: { code: "PB-INPUT", severity: "error", message: `${display} is a folder, not a file`, file: display } };
    }
    // Bytes that are not text (a binary ModelConfig, garbage) are left to the
    // tokenizer, which refuses them at their line and column as protoc does.
    return { text: readFileSync(path).toString("utf8") };
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ELOOP" ? "too many symbolic links" : String((error as Error).message);
    return { diagnostic: { code: "PB-INPUT", severity: "error", message: `cannot read ${display}: ${reason}`, file: display } };
  }
}
