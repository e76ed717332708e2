/**
 * Tokenizer for protobuf text format, following the C++ `io::Tokenizer` that
 * protoc and Triton use (text-format settings: `#` comments, `f` allowed after
 * floats, no multi-line strings). It never throws: a malformed token is still
 * produced, and the problem is reported through `onError` with its offset,
 * exactly where the C++ tokenizer reports it. It works on UTF-16 code units of
 * the JS string; every significant character is ASCII, so this is equivalent
 * to the byte-wise C++ scan.
 */

import { isByteEscape } from "./utf8.js";
import {
  CH_0,
  CH_1,
  CH_7,
  CH_9,
  CH_BACKSLASH,
  CH_CR,
  CH_DOT,
  CH_DQUOTE,
  CH_FF,
  CH_HASH,
  CH_LF,
  CH_MINUS,
  CH_PLUS,
  CH_SPACE,
  CH_SQUOTE,
  CH_TAB,
  CH_VT,
} from "./chars.js";

export const enum TokenType {
  Start = 0,
  End = 1,
  Identifier = 2,
  Integer = 3,
  Float = 4,
  String = 5,
  Symbol = 6,
}

export interface LexError {
  /** The reader's code for the kind of problem: a malformed string, a malformed number, or anything else. */
  code: "PB-STRING" | "PB-NUMBER" | "PB-SYNTAX";
  offset: number;
  message: string;
}

/** A comment as written, with the offsets of its `#` and of its line end. */
export interface Comment {
  start: number;
  end: number;
}

// Character classes of the C++ tokenizer, as lookup tables over ASCII.
const LETTER = new Uint8Array(128);
const DIGIT = new Uint8Array(128);
const HEX = new Uint8Array(128);
const ALPHANUMERIC = new Uint8Array(128);
const SIMPLE_ESCAPE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  LETTER[c] = /[A-Za-z_]/.test(ch) ? 1 : 0;
  DIGIT[c] = /[0-9]/.test(ch) ? 1 : 0;
  ALPHANUMERIC[c] = (LETTER[c] as number) | (DIGIT[c] as number);
  HEX[c] = /[0-9A-Fa-f]/.test(ch) ? 1 : 0;
  SIMPLE_ESCAPE[c] = "abfnrtv\\?'\"".includes(ch) ? 1 : 0;
}

// Why the `Stryker disable` comments below are equivalent mutants, not gaps:
// - Past the end, `text.charCodeAt(len)` is NaN and the `pos < len ? ... : -1`
//   sentinel is -1 (+1 when mutated); no character test passes for them (the
//   class tables are undefined there, comparisons with ASCII codes fail), so a
//   bound check in front of such a test only spares the read.
// - After `\x`, stepping back instead of over the hex digit re-reads `x` and the
//   digit as plain string characters: the string ends at the same place.
function isLetter(c: number): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: LETTER[c] is undefined for c >= 128, never 1
  return c < 128 && LETTER[c] === 1;
}
function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}
function isOctal(c: number): boolean {
  return c >= CH_0 && c <= CH_7;
}
function isHex(c: number): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: HEX[c] is undefined for c >= 128, never 1
  return c < 128 && HEX[c] === 1;
}

/** The first byte of the UTF-8 encoding of the character at `pos` (a raw byte is itself, see utf8.ts). */
function firstUtf8Byte(text: string, pos: number): number {
  const cp = text.codePointAt(pos) as number;
  // Stryker disable next-line ConditionalExpression: only called for a code unit >= 128, so cp >= 0x80
  if (cp < 0x80) return cp;
  if (isByteEscape(cp)) return cp - 0xdc00;
  // Stryker disable next-line EqualityOperator: at cp 0x800 both branches give 0xe0
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  // Stryker disable next-line EqualityOperator: at cp 0x10000 both branches give 0xf0
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

/** One step of the identifier hash: the Java string hash, kept to 32 bits. */
function nextHash(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}

/** The hash {@link Lexer} gives an identifier token with the text `name`; name tables key their names by it. */
export function identifierHash(name: string): number {
  let hash = name.charCodeAt(0);
  for (let i = 1; i < name.length; i++) hash = nextHash(hash, name.charCodeAt(i));
  return hash;
}

export class Lexer {
  readonly text: string;
  private readonly length: number;
  private pos = 0;
  /** Current token. */
  type: TokenType = TokenType.Start;
  start = 0;
  end = 0;
  /**
   * For an identifier, a hash of its characters ({@link identifierHash}), so a
   * name table finds the name without cutting it out of the text.
   */
  hash = 0;
  /** For a symbol of one code unit, that code unit; -1 for any other token. */
  private symbol = -1;
  /** Whether a line break lies between the previous token and this one. */
  newlineBefore = false;
  /** Comments seen so far, recorded only when asked for (the formatter needs them). */
  readonly comments: Comment[] | undefined;
  private readonly onError: (error: LexError) => void;
  /** Offset of the first NUL at or after the last comment, or -1: a NUL ends a comment, as in C++. */
  private nextNul: number;

  constructor(text: string, onError: (error: LexError) => void, options: { keepComments?: boolean } = {}) {
    this.text = text;
    this.length = text.length;
    this.onError = onError;
    this.comments = options.keepComments ? [] : undefined;
    this.nextNul = text.indexOf("\0");
  }

  /** The current token's text. */
  tokenText(): string {
    return this.text.slice(this.start, this.end);
  }

  /** True when the current token is the one-character symbol `ch`. */
  isSymbol(ch: number): boolean {
    return this.symbol === ch;
  }

  private error(offset: number, message: string, code: LexError["code"] = "PB-SYNTAX"): void {
    this.onError({ code, offset, message });
  }

  /** Advances to the next token. */
  next(): void {
    const text = this.text;
    let pos = this.pos;
    this.newlineBefore = false;
    for (;;) {
      // Skip whitespace and comments.
      // Stryker disable next-line EqualityOperator: NaN past the end (see top)
      while (pos < this.length) {
        const c = text.charCodeAt(pos);
        if (c === CH_SPACE || c === CH_TAB || c === CH_CR || c === CH_VT || c === CH_FF) {
          pos++;
        } else if (c === CH_LF) {
          this.newlineBefore = true;
          pos++;
        } else if (c === CH_HASH) {
          let eol = text.indexOf("\n", pos);
          if (eol === -1) eol = this.length;
          // C++ reads the buffer as a C string here: the comment stops at a
          // NUL, which is then an invalid control character.
          // Stryker disable next-line ConditionalExpression: indexOf finds no NUL again; 153 re-checks
          if (this.nextNul !== -1) {
            if (this.nextNul < pos) this.nextNul = text.indexOf("\0", pos);
            // Stryker disable next-line EqualityOperator: eol is a line feed or the end, never a NUL
            if (this.nextNul !== -1 && this.nextNul < eol) eol = this.nextNul;
          }
          this.comments?.push({ start: pos, end: eol });
          pos = eol;
        } else {
          break;
        }
      }
      if (pos >= this.length) {
        this.symbol = -1;
        this.type = TokenType.End;
        this.start = this.end = this.pos = this.length;
        return;
      }
      const c = text.charCodeAt(pos);
      this.start = pos;
      this.symbol = -1;
      // The tests of the loop below are written out, not called: a command reads a few configs at start-up, before
      // V8 optimises (and inlines) anything, and a call per character is then most of the reading.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: LETTER[c] is undefined for c >= 128
      if (c < 128 && LETTER[c] === 1) {
        let hash = c;
        pos++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        while (pos < this.length) {
          const d = text.charCodeAt(pos);
          // Stryker disable next-line ConditionalExpression,EqualityOperator: the table is undefined for d >= 128
          if (d >= 128 || ALPHANUMERIC[d] !== 1) break;
          // identifierHash's step, written out (see nextHash): exact, as |hash * 31| < 2^36.
          hash = (hash * 31 + d) | 0;
          pos++;
        }
        this.hash = hash;
        this.type = TokenType.Identifier;
      } else if (c >= CH_0 && c <= CH_9) {
        pos = this.number(pos, c === CH_0, false);
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: NaN past the end (see top)
      } else if (c === CH_DOT && pos + 1 < this.length && isDigit(text.charCodeAt(pos + 1))) {
        // `foo.5`: type and end still describe the previous token.
        if (this.type === TokenType.Identifier && this.end === pos)
          this.error(pos, "Need space between identifier and decimal point.", "PB-NUMBER");
        pos = this.number(pos + 1, false, true);
      } else if (c === CH_DQUOTE || c === CH_SQUOTE) {
        pos = this.string(pos + 1, c);
        this.type = TokenType.String;
        // Stryker disable next-line EqualityOperator: a space never gets here: the loop above skipped it
      } else if (c < CH_SPACE) {
        // Control characters are reported once per run and skipped, as the
        // C++ tokenizer does; the run takes in whitespace and NULs too.
        this.error(pos, "Invalid control characters encountered in text.");
        pos++;
        while (pos < this.length) {
          const d = text.charCodeAt(pos);
          if (d >= CH_SPACE) break;
          if (d === CH_LF) this.newlineBefore = true;
          pos++;
        }
        continue;
      } else {
        // protoc reads bytes and names the first byte of the character's UTF-8 form.
        if (c >= 128) this.error(pos, `Interpreting non ascii codepoint ${firstUtf8Byte(text, pos)}.`);
        // A surrogate pair is one character to a reader; keep it one symbol.
        if (c >= 0xd800 && c <= 0xdbff && pos + 1 < this.length) pos += 2;
        else {
          this.symbol = c;
          pos++;
        }
        this.type = TokenType.Symbol;
      }
      this.end = this.pos = pos;
      return;
    }
  }

  /** Scans a number whose first character is at `pos` (after the dot for `.5`). Returns the end. */
  private number(pos: number, startedWithZero: boolean, startedWithDot: boolean): number {
    const text = this.text;
    const len = this.length;
    let isFloat = false;
    // Stryker disable next-line ConditionalExpression: the digit loops take it anyway
    if (startedWithZero) pos++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
    const c1 = pos < len ? text.charCodeAt(pos) : -1;
    if (startedWithZero && (c1 === 120 || c1 === 88)) {
      pos++;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
      if (pos < len && isHex(text.charCodeAt(pos))) {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        while (pos < len && isHex(text.charCodeAt(pos))) pos++;
      } else {
        this.error(pos, '"0x" must be followed by hex digits.', "PB-NUMBER");
      }
    } else if (startedWithZero && isDigit(c1)) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
      while (pos < len && isOctal(text.charCodeAt(pos))) pos++;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
      if (pos < len && isDigit(text.charCodeAt(pos))) {
        this.error(pos, "Numbers starting with leading zero must be in octal.", "PB-NUMBER");
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      }
    } else {
      if (startedWithDot) {
        isFloat = true;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      } else {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        if (pos < len && text.charCodeAt(pos) === CH_DOT) {
          isFloat = true;
          pos++;
          // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
          while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        }
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
      const e = pos < len ? text.charCodeAt(pos) : -1;
      if (e === 101 || e === 69) {
        isFloat = true;
        pos++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
        const sign = pos < len ? text.charCodeAt(pos) : -1;
        if (sign === CH_MINUS || sign === CH_PLUS) pos++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
        if (pos < len && isDigit(text.charCodeAt(pos))) {
          // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
          while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        } else {
          this.error(pos, '"e" must be followed by exponent.', "PB-NUMBER");
        }
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
      const f = pos < len ? text.charCodeAt(pos) : -1;
      if (f === 102 || f === 70) {
        isFloat = true;
        pos++;
      }
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
    const after = pos < len ? text.charCodeAt(pos) : -1;
    if (isLetter(after)) {
      this.error(pos, "Need space between number and identifier.", "PB-NUMBER");
    } else if (after === CH_DOT) {
      this.error(
        pos,
        isFloat
          ? "Already saw decimal point or exponent; can't have another one."
          : "Hex and octal numbers must be integers.",
        "PB-NUMBER",
      );
    }
    this.type = isFloat ? TokenType.Float : TokenType.Integer;
    return pos;
  }

  /** Scans a string body after its opening quote. Returns the offset after the closing quote. */
  private string(pos: number, quote: number): number {
    const text = this.text;
    const len = this.length;
    for (;;) {
      if (pos >= len) {
        this.error(pos, "Unexpected end of string.", "PB-STRING");
        return pos;
      }
      const c = text.charCodeAt(pos);
      // Stryker disable next-line ConditionalExpression: a shortcut: the tests inside match LF and NUL exactly
      if (c <= CH_LF) {
        if (c === CH_LF) {
          this.error(pos, "String literals cannot cross line boundaries.", "PB-STRING");
          return pos;
        }
        // C++ takes a NUL for the end of its buffer.
        if (c === 0) {
          this.error(pos, "Unexpected end of string.", "PB-STRING");
          return pos;
        }
      }
      if (c === CH_BACKSLASH) {
        pos++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: past the end (see top)
        const e = pos < len ? text.charCodeAt(pos) : -1;
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: table undefined there
        if (e >= 0 && e < 128 && SIMPLE_ESCAPE[e] === 1) {
          pos++;
          // Stryker disable next-line BlockStatement: the digit is then read as a plain character
        } else if (isOctal(e)) {
          pos++;
        } else if (e === 120) {
          pos++;
          // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: see top
          if (pos < len && isHex(text.charCodeAt(pos))) pos++;
          else this.error(pos, "Expected hex digits for escape sequence.", "PB-STRING");
        } else if (e === 117) {
          pos++;
          let ok = true;
          for (let i = 0; i < 4 && ok; i++) {
            // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
            if (pos < len && isHex(text.charCodeAt(pos))) pos++;
            else ok = false;
          }
          if (!ok) this.error(pos, "Expected four hex digits for \\u escape sequence.", "PB-STRING");
        } else if (e === 85) {
          pos++;
          // Eight hex digits, at most 0010ffff.
          let ok = true;
          const want = (test: (c: number) => boolean): void => {
            if (!ok) return;
            // Stryker disable next-line ConditionalExpression,EqualityOperator: NaN past the end (see top)
            if (pos < len && test(text.charCodeAt(pos))) pos++;
            else ok = false;
          };
          want((c) => c === CH_0);
          want((c) => c === CH_0);
          want((c) => c === CH_0 || c === CH_1);
          for (let i = 0; i < 5; i++) want(isHex);
          if (!ok) this.error(pos, "Expected eight hex digits up to 10ffff for \\U escape sequence", "PB-STRING");
        } else {
          this.error(pos, "Invalid escape sequence in string literal.", "PB-STRING");
        }
        continue;
      }
      pos++;
      if (c === quote) return pos;
    }
  }
}
