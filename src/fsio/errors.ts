import { sequenceLength } from "../pbtxt/utf8.js";

/** The errno code of a Node file-system error (`ENOSPC`), or its message when it has none. */
export function errnoCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string")
    return error.code;
  return error instanceof Error ? error.message : String(error);
}

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
