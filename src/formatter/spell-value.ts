import type { FieldInfo } from "../schema/descriptors.js";
import { CH_BACKSLASH, CH_DQUOTE, CH_SQUOTE } from "../pbtxt/chars.js";
import { integerTokenValue } from "../pbtxt/numbers.js";

/**
 * How the formatter spells a scalar value. The rule is: keep what a person
 * chose on purpose, canonicalise what is only noise, and never change what
 * protoc reads.
 *
 * Kept as written:
 * - number tokens (`0x7f`, `017`, `1e-3`, `1.50`, `2.0f`, `inf`, `nan`):
 *   a hex mask or a decimal scale says something about the value;
 * - the escapes inside strings (`\u00e9`, `\377`, `\t`): re-escaping from the
 *   decoded value could not reproduce bytes that are not UTF-8, and the
 *   writer may have escaped on purpose;
 * - adjacent string parts (`"a" "b"`), joined on one line with a space.
 *
 * Canonicalised:
 * - single-quoted strings become double-quoted (only `"` and `\'` change);
 * - `- 5` loses the space; booleans become `true`/`false` (`True`, `t`, `1`);
 * - an enum written as a number the enum names becomes that name.
 */

/** A string token in double quotes, with the same bytes as the token. */
export function doubleQuoted(token: string): string {
  if (token.charCodeAt(0) !== CH_SQUOTE) return token;
  let out = '"';
  const end = token.length > 1 && token.charCodeAt(token.length - 1) === CH_SQUOTE ? token.length - 1 : token.length;
  for (let i = 1; i < end; i++) {
    const c = token.charCodeAt(i);
    if (c === CH_BACKSLASH && i + 1 < end) {
      const next = token.charCodeAt(i + 1);
      // `\'` needs no escape between double quotes; any other escape is copied whole.
      out += next === CH_SQUOTE ? "'" : token.slice(i, i + 2);
      i++;
    } else if (c === CH_DQUOTE) {
      out += '\\"';
    } else {
      out += token[i];
    }
  }
  return `${out}"`;
}

/**
 * The printed form of a number or identifier value (`sign` is "-" or "").
 * `isInteger` tells whether the token is an integer literal.
 */
export function spellWord(info: FieldInfo | undefined, sign: string, token: string, isInteger: boolean): string {
  const kind = info?.kind === "map" ? info.value : info;
  if (kind?.kind === "scalar" && kind.scalar === "bool") {
    if (isInteger) return integerTokenValue(token) === 0n ? "false" : "true";
    if (token === "true" || token === "True" || token === "t") return "true";
    if (token === "false" || token === "False" || token === "f") return "false";
  }
  if (kind?.kind === "enum" && isInteger) {
    const value = Number(integerTokenValue(token)) * (sign === "-" ? -1 : 1);
    const name = kind.enumType.nameOf(value);
    if (name !== undefined) return name;
  }
  return sign + token;
}
