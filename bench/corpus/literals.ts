import type { Random } from "./random.js";

/**
 * Spellings of scalar values in protobuf text format. Each function returns a
 * literal that protoc reads as exactly `value`, choosing among the spellings
 * people really write (and protoc accepts) so the readers under test meet
 * them all: quotes of both kinds, escapes, adjacent strings, hex and octal
 * integers, float suffixes, the several boolean words, enums by number.
 *
 * `rate` is the chance of an unusual spelling; 0 gives the plain one.
 */

const SIMPLE_ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\" };

function escapeChar(char: string, quote: string, rnd: Random, rate: number): string {
  const simple = SIMPLE_ESCAPES[char];
  if (simple !== undefined) return simple;
  if (char === quote) return `\\${quote}`;
  const code = char.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) {
    // Control characters have no short escape in every reader: hex or octal.
    return rnd.chance(0.5) ? `\\x${code.toString(16).padStart(2, "0")}` : `\\${code.toString(8).padStart(3, "0")}`;
  }
  if (code < 0x7f && /[A-Za-z]/.test(char) && rnd.chance(rate * 0.004)) {
    // A letter spelled as a hex or octal escape: legal, rare, and a test of the escape decoder.
    return rnd.chance(0.5) ? `\\x${code.toString(16)}` : `\\${code.toString(8)}`;
  }
  return char;
}

/** A quoted string literal; sometimes single-quoted, sometimes split into adjacent parts. */
export function stringLiteral(value: string, rnd: Random, rate: number): string {
  const quote = rnd.chance(rate * 0.3) ? "'" : '"';
  const chars = Array.from(value);
  const body = chars.map((char) => escapeChar(char, quote, rnd, rate));
  if (body.length >= 8 && rnd.chance(rate * 0.04)) {
    // Adjacent literals are concatenated by the reader, as in C.
    const cut = rnd.int(1, body.length - 1);
    return `${quote}${body.slice(0, cut).join("")}${quote} ${quote}${body.slice(cut).join("")}${quote}`;
  }
  return `${quote}${body.join("")}${quote}`;
}

/** An integer literal for any integer field: decimal, sometimes hex or octal for non-negative values. */
export function intLiteral(value: number | bigint, rnd: Random, rate: number): string {
  const big = BigInt(value);
  if (big > 7n && rnd.chance(rate * 0.15)) return `0x${big.toString(16)}`;
  if (big > 7n && rnd.chance(rate * 0.03)) return `0${big.toString(8)}`;
  return big.toString();
}

/**
 * A float literal that reads back as `value` (which must be exact in float32
 * when it is meant for a `float` field): plain, exponent, leading dot or `f` suffix.
 */
export function floatLiteral(value: number, rnd: Random, rate: number): string {
  if (Number.isNaN(value)) return rnd.chance(0.5) ? "nan" : "NaN";
  if (value === Infinity) return rnd.chance(0.5) ? "inf" : "Infinity";
  if (value === -Infinity) return "-inf";
  const plain = Number.isInteger(value) ? value.toFixed(1) : String(value);
  if (!rnd.chance(rate * 0.3)) return plain;
  const spelling = rnd.int(0, 2);
  if (spelling === 0) return value.toExponential().replace("e+", "e");
  if (spelling === 1 && value > 0 && value < 1) return plain.replace(/^0\./, ".");
  return `${plain}f`;
}

const TRUE_WORDS = ["true", "True", "t", "1"];
const FALSE_WORDS = ["false", "False", "f", "0"];

export function boolLiteral(value: boolean, rnd: Random, rate: number): string {
  if (!rnd.chance(rate * 0.2)) return value ? "true" : "false";
  return rnd.pick(value ? TRUE_WORDS : FALSE_WORDS);
}

/** An enum value by name, or now and then by number (protoc accepts both). */
export function enumLiteral(name: string, number: number, rnd: Random, rate: number): string {
  return rnd.chance(rate * 0.05) ? String(number) : name;
}
