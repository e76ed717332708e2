/**
 * Text that may hold bytes which are not UTF-8. protoc keeps the bytes of a
 * string field as they are, valid UTF-8 or not (it only warns when it
 * serialises them), so triton-repo must keep them too. In memory such a
 * string is still a JS string: each byte that is not part of a well-formed
 * UTF-8 sequence is held as the lone low surrogate U+DC00 + byte
 * (U+DC80–U+DCFF), the convention of Python's `surrogateescape`. No UTF-8
 * text can produce a lone surrogate, so the mapping is exact both ways, and
 * code that only reads strings (validators, generators) needs no change.
 * The JSON mapping carries such a character as `"\udcff"`, which
 * `JSON.parse` and Python's `json` read back to the same string.
 */

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const BYTE_ESCAPE_BASE = 0xdc00;

/** True for a code unit that stands for one raw byte (U+DC80–U+DCFF). */
export function isByteEscape(unit: number): boolean {
  return unit >= 0xdc80 && unit <= 0xdcff;
}

/** A lone U+DC80–U+DCFF anywhere in the string (the second half of a pair does not count). */
const LONE_BYTE_ESCAPE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** Whether the string holds raw bytes that are not UTF-8. */
export function holdsRawBytes(text: string): boolean {
  return LONE_BYTE_ESCAPE.test(text);
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 (the WHATWG / Unicode table). */
export function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  const n = bytes.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean =>
    // Stryker disable next-line ArithmeticOperator: past the end bytes[…] is undefined, failing both comparisons
    i + k < n && (bytes[i + k] as number) >= lo && (bytes[i + k] as number) <= hi;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes → text, keeping every byte: well-formed UTF-8 is decoded, any other
 * byte becomes its escape U+DC00 + byte. A byte-order mark is kept as U+FEFF
 * (protoc reads it as bytes, too).
 */
export function decodeUtf8Bytes(bytes: Uint8Array): string {
  // Stryker disable next-line BlockStatement: fast path; the loop decodes valid UTF-8 as one run, same result
  try {
    return strict.decode(bytes);
  } catch {
    // Not UTF-8: decode the well-formed runs, escape the rest byte by byte.
  }
  let out = "";
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > runStart) out += strict.decode(bytes.subarray(runStart, i));
    out += String.fromCharCode(BYTE_ESCAPE_BASE + (bytes[i] as number));
    i++;
    runStart = i;
  }
  if (bytes.length > runStart) out += strict.decode(bytes.subarray(runStart));
  return out;
}

/** Appends the UTF-8 form of a code point; a surrogate is encoded like any other value, as C++ does for `\ud800`. */
export function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/**
 * Appends the bytes that the text at `i` stands for and returns how many
 * code units it took: a pair is one code point, a byte escape is its byte,
 * any other lone surrogate (it has no bytes) is U+FFFD, as `TextEncoder` has it.
 */
export function pushTextBytes(out: number[], text: string, i: number): number {
  const cp = text.codePointAt(i) as number;
  if (cp > 0xffff) {
    pushUtf8(out, cp);
    return 2;
  }
  if (cp >= 0xd800 && cp <= 0xdfff) {
    if (isByteEscape(cp)) out.push(cp - BYTE_ESCAPE_BASE);
    else pushUtf8(out, 0xfffd);
    return 1;
  }
  pushUtf8(out, cp);
  return 1;
}

/**
 * Text → the bytes it stands for: the inverse of `decodeUtf8Bytes`. A lone
 * surrogate that is not a byte escape has no bytes of its own; it becomes
 * U+FFFD, as `TextEncoder` writes it.
 */
export function encodeUtf8Text(text: string): Uint8Array {
  if (!/[\ud800-\udfff]/.test(text)) return new TextEncoder().encode(text);
  const out: number[] = [];
  for (let i = 0; i < text.length; ) i += pushTextBytes(out, text, i);
  return Uint8Array.from(out);
}
