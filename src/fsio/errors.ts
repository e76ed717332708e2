import { sequenceLength } from "../pbtxt/utf8.js";

/** The errno code of a Node file-system error (`ENOSPC`), or its message when it has none. */
export function errnoCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string")
    return error.code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one home of OS error texts. Two wordings, for two readers: what the
 * common errno codes mean said for a user (the CLI's own messages), and
 * glibc's strerror (the validator's, where it repeats Triton's message).
 */

/** What the common errno codes mean, said for a user rather than a programmer. */
const PLAIN: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a path component is not a folder",
  EISDIR: "it is a folder",
  ELOOP: "too many symbolic links",
  EXDEV: "the paths are on different file systems",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the file name is too long",
};

/**
 * glibc's strerror texts, which Triton prints after a failed open or stat:
 * the validator's messages repeat Triton's, so they use these words.
 */
const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  ELOOP: "Too many levels of symbolic links",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EIO: "Input/output error",
  ENAMETOOLONG: "File name too long",
  "not-a-file": "Not a regular file",
  // Reported by its bytes (\xNN); Node cannot open a path it cannot spell as a string.
  "not-utf8": "Name is not valid UTF-8 (each byte that is not is shown as \\xNN); triton-repo cannot read it",
};

/** strerror-style text for an error code, as Triton prints it (`Permission denied`); an unknown code as itself. */
export function strerror(code: string): string {
  return Object.hasOwn(STRERROR, code) ? (STRERROR[code] as string) : code;
}

/**
 * `ENOSPC (no space left on the device)`: the code to search for, and what it
 * means. The one description of an OS error in the CLI's own messages (the
 * validator keeps Triton's strerror wording where it mirrors Triton's text).
 */
export function describeFsError(error: unknown): string {
  const code = errnoCode(error);
  const plain = Object.hasOwn(PLAIN, code) ? PLAIN[code] : undefined;
  if (plain !== undefined) return `${code} (${plain})`;
  return code;
}

/**
 * A file name for a message, byte-exact: valid UTF-8 shows as text, every byte
 * that is not part of valid UTF-8 as `\xNN`, so a name that is not UTF-8 is
 * still told apart from its neighbours (Node's string decoding would turn
 * each such byte into the same U+FFFD).
 */
export function displayName(name: string | Buffer): string {
  if (typeof name === "string") return name;
  let out = "";
  let i = 0;
  while (i < name.length) {
    const length = sequenceLength(name, i);
    if (length === 0) {
      out += `\\x${(name[i] as number).toString(16).padStart(2, "0")}`;
      i += 1;
    } else {
      out += name.subarray(i, i + length).toString("utf8");
      i += length;
    }
  }
  return out;
}

/** Whether a name read as bytes survives a round trip through a JS string. */
export function isUtf8Name(name: Buffer): boolean {
  return Buffer.from(name.toString("utf8"), "utf8").equals(name);
}
