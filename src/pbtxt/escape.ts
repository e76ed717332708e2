import { decodeUtf8Bytes, holdsRawBytes, isByteEscape, pushTextBytes, pushUtf8 } from "./utf8.js";

/**
 * String quoting shared by the reader and the printer. Unescaping follows the
 * C++ `Tokenizer::ParseStringAppend`: escapes yield bytes, and the bytes are
 * kept as they are, UTF-8 or not (see utf8.ts for how text holds bytes that
 * are not UTF-8). Printing escapes only what must be escaped, so non-ASCII
 * text stays readable, and uses three-digit octal for other control bytes
 * and for raw bytes, so an escape can never swallow a following digit.
 */

const SIMPLE: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
  "?": 63,
  "'": 39,
  '"': 34,
};

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function isHead(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdbff;
}
function isTrail(cp: number): boolean {
  return cp >= 0xdc00 && cp <= 0xdfff;
}

export interface UnescapeResult {
  value: string;
  /** False when the escapes produced bytes that are not valid UTF-8. */
  validUtf8: boolean;
}

/**
 * The body of the string token text[start, end) (quotes included) when it
 * holds no escape, else undefined: then its value is the body as written,
 * and reading it costs one slice. The caller knows the text holds no raw
 * bytes (see utf8.ts); otherwise {@link unescapeStringToken} decides.
 */
export function plainStringBody(text: string, start: number, end: number): string | undefined {
  const stop = bodyEnd(text, start, end);
  for (let i = start + 1; i < stop; i++) if (text.charCodeAt(i) === 92) return undefined;
  return text.slice(start + 1, stop);
}

/** Where the body of the string token text[start, end) ends: at its closing quote, or at the end when it has none. */
function bodyEnd(text: string, start: number, end: number): number {
  return end - start > 1 && text.charCodeAt(end - 1) === text.charCodeAt(start) ? end - 1 : end;
}

/**
 * The value of one string token, quotes included. The tokenizer has already
 * reported malformed escapes; this decodes whatever is there, never throws.
 */
export function unescapeStringToken(token: string, mayHoldRawBytes = true): UnescapeResult {
  const body = token.slice(1, bodyEnd(token, 0, token.length));
  if (!body.includes("\\")) return { value: body, validUtf8: !(mayHoldRawBytes && holdsRawBytes(body)) };

  const bytes: number[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c !== 92 || i + 1 >= n) {
      // Raw text: the bytes it was read from.
      i += pushTextBytes(bytes, body, i);
      continue;
    }
    i++;
    const e = body.charCodeAt(i);
    if (e >= 48 && e <= 55) {
      let code = e - 48;
      for (let k = 0; k < 2 && i + 1 < n; k++) {
        const d = body.charCodeAt(i + 1);
        if (d < 48 || d > 55) break;
        code = code * 8 + (d - 48);
        i++;
      }
      bytes.push(code & 0xff);
      i++;
    } else if (e === 120) {
      let code = 0;
      // Stryker disable next-line ArithmeticOperator: charCodeAt past the body is NaN: hexValue -1 stops the loop
      for (let k = 0; k < 2 && i + 1 < n; k++) {
        const h = hexValue(body.charCodeAt(i + 1));
        if (h < 0) break;
        code = code * 16 + h;
        i++;
      }
      bytes.push(code);
      i++;
    } else if (e === 117 || e === 85) {
      const digits = e === 117 ? 4 : 8;
      const cp = readHex(body, i + 1, digits);
      // protoc keeps an escape it cannot read (too few digits, or beyond
      // U+10FFFF) as written: the backslash and the letter, then the rest.
      if (cp < 0 || cp > 0x10ffff) {
        bytes.push(92, e);
        i++;
        continue;
      }
      let next = i + 1 + digits;
      let point = cp;
      // A \u head surrogate followed by a \u trail surrogate is one code point.
      if (isHead(cp) && body.charCodeAt(next) === 92 && body.charCodeAt(next + 1) === 117) {
        const trail = readHex(body, next + 2, 4);
        if (trail >= 0 && isTrail(trail)) {
          point = 0x10000 + ((cp - 0xd800) << 10) + (trail - 0xdc00);
          next += 6;
        }
      }
      pushUtf8(bytes, point);
      i = next;
    } else {
      bytes.push(SIMPLE[body[i] as string] ?? e);
      i++;
    }
  }
  // Escapes in configs are mostly \n, \t, \" and \\ in ASCII text: bytes below 0x80 are their own
  // characters, and a short run of them makes the string directly.
  if (bytes.length <= SHORT_ASCII && isAscii(bytes)) return { value: String.fromCharCode(...bytes), validUtf8: true };
  const value = decodeUtf8Bytes(Uint8Array.from(bytes));
  return { value, validUtf8: !holdsRawBytes(value) };
}

/** Longest byte run made into a string by one call (well below the engines' argument limits). */
const SHORT_ASCII = 1024;

function isAscii(bytes: readonly number[]): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

function readHex(text: string, at: number, digits: number): number {
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const h = hexValue(text.charCodeAt(at + k));
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}

// Which characters need escaping when printed inside double quotes.
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f\ud800-\udfff]/;

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, "0")}`;
}

/**
 * Quotes a string for text format so that protoc reads back the same bytes:
 * a raw byte (U+DC80–U+DCFF, see utf8.ts) is written as its octal escape, a
 * surrogate pair as the character, any other lone surrogate as U+FFFD.
 */
export function quoteString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c < 32 || c === 127) out += octal(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const cp = value.codePointAt(i) as number;
      if (cp > 0xffff) {
        out += String.fromCodePoint(cp);
        i++;
      } else if (isByteEscape(c)) {
        out += octal(c - 0xdc00);
      } else {
        out += "\ufffd";
      }
    } else out += value[i];
  }
  return `${out}"`;
}
