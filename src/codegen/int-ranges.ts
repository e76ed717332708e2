/**
 * Exact regular expressions for the decimal strings the protobuf JSON mapping allows for 64-bit values.
 * A pattern that only said "digits" would let `99999999999999999999` through
 * to the text reader, which refuses it; these patterns refuse it too, so the
 * JSON Schema and the reader agree on the boundaries.
 */

import type { IntegerRange } from "../schema/integer-ranges.js";

export { type IntegerRange, integerRange } from "../schema/integer-ranges.js";

function digitClass(low: number, high: number): string {
  return low === high ? String(low) : `[${low}-${high}]`;
}

/**
 * A regular expression (no anchors) matching exactly the decimal numerals,
 * without sign or leading zeros, whose value lies in [0, max]; `max` ≥ 1.
 * Built the usual way: every shorter numeral, then for each digit position
 * the numerals sharing max's prefix and a smaller digit there, then max.
 */
export function decimalAtMost(max: bigint): string {
  const digits = max.toString();
  const width = digits.length;
  const alternatives = ["0"];
  if (width >= 2) alternatives.push(width === 2 ? "[1-9]" : `[1-9][0-9]{0,${width - 2}}`);
  for (let i = 0; i < width; i++) {
    const digit = Number(digits[i]);
    const low = i === 0 ? 1 : 0;
    if (digit > low) {
      const rest = width - i - 1;
      alternatives.push(digits.slice(0, i) + digitClass(low, digit - 1) + (rest > 0 ? `[0-9]{${rest}}` : ""));
    }
  }
  alternatives.push(digits);
  return `(?:${alternatives.join("|")})`;
}

/** Anchored pattern for the decimal-string form of a value in `range`. */
export function decimalStringPattern(range: IntegerRange): string {
  const positive = decimalAtMost(range.max);
  if (range.min >= 0n) return `^${positive}$`;
  // Negative numerals: "-" then a non-zero magnitude up to |min|.
  const magnitude = decimalAtMost(-range.min);
  return `^(?:${positive}|-(?!0)${magnitude})$`;
}
