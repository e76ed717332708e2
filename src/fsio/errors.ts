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
    const length = utf8SequenceLength(name, i);
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

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  // Ranges from the Unicode Standard, Table 3-7 (Well-Formed UTF-8 Byte Sequences).
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Whether a name read as bytes survives a round trip through a JS string. */
export function isUtf8Name(name: Buffer): boolean {
  return Buffer.from(name.toString("utf8"), "utf8").equals(name);
}
