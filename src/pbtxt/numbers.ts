/**
 * Number spellings shared by the printer and the JSON mapping: the shortest
 * text that reads back to the same value at the field's own precision.
 */

/** Shortest decimal for a double; `-0`, `inf`, `-inf` and `nan` as text format spells them. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

/** Shortest decimal that rounds to the same float32 (protoc's SimpleFtoa gives the same value). */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatDouble(value);
  const f = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return String(candidate);
  }
  return String(f);
}

const FLT_MAX = 3.4028234663852886e38;
/** Halfway between FLT_MAX and 2^128, protobuf's `MAX_FLOAT_AS_DOUBLE_ROUNDED`. */
const FLT_MAX_ROUNDED = 3.4028235677973366e38;

/**
 * A double narrowed to a float field's value as protoc does it
 * (`io::SafeDoubleToFloat`): round to nearest, except that a value above
 * FLT_MAX up to and including the halfway point to 2^128 stays FLT_MAX, where
 * IEEE rounding (ties to even) would give infinity.
 */
export function floatFromDouble(value: number): number {
  if (value > FLT_MAX) return value <= FLT_MAX_ROUNDED ? FLT_MAX : Number.POSITIVE_INFINITY;
  if (value < -FLT_MAX) return value >= -FLT_MAX_ROUNDED ? -FLT_MAX : Number.NEGATIVE_INFINITY;
  return Math.fround(value);
}

/** A 64-bit integer given as number, bigint or exact decimal string, as a decimal string. */
export function formatInt64(value: number | bigint | string): string {
  // typeof is never ""; a bigint then reaches String(value) below, which prints the same digits
  // Stryker disable next-line StringLiteral: equivalent, see above
  if (typeof value === "bigint") return value.toString();
  // BigInt() itself skips leading and trailing white space, so trim() changes nothing
  // Stryker disable next-line MethodExpression: equivalent, see above
  if (typeof value === "string") return BigInt(value.trim()).toString();
  // for an integer below 1e21 (all of int64) String() and BigInt().toString() print the same digits, and a non-integer
  // reaches String() either way
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (Number.isSafeInteger(value)) return String(value);
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

/** Map keys in protoc's order: integers numerically, strings by code unit. */
export function compareMapKeys(keyType: string, a: string, b: string): number {
  if (keyType === "string" || keyType === "bool") return a < b ? -1 : a > b ? 1 : 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A 64-bit integer as values hold it: a number while exact, a bigint beyond. */
export function int64InMemory(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** Integer token text → bigint, as `Tokenizer::ParseInteger` reads it (hex, octal, decimal). */
export function integerTokenValue(text: string): bigint {
  if (text.length > 1 && text.charCodeAt(0) === 48) {
    const second = text.charCodeAt(1);
    if (second === 120 || second === 88) return BigInt(`0x${text.slice(2) || "0"}`);
    // The tokenizer already reported 8 and 9 in an octal literal; C++ then
    // fails the range check, so make the value unrepresentable.
    if (/[89]/.test(text)) return 2n ** 64n;
    // without slice(1) the octal literal gains one leading 0 (0o017), which is the same value
    // Stryker disable next-line MethodExpression: equivalent, see above
    return BigInt(`0o${text.slice(1)}`);
  }
  return BigInt(text);
}

/** The protobuf JSON spelling of a non-finite number ("NaN", "Infinity", "-Infinity"), or the number itself. */
export function jsonNumber(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

/** The number a protobuf JSON non-finite spelling stands for, or undefined for any other text. */
export function nonFiniteFromJson(text: string): number | undefined {
  return text === "NaN"
    ? Number.NaN
    : text === "Infinity"
      ? Number.POSITIVE_INFINITY
      : text === "-Infinity"
        ? Number.NEGATIVE_INFINITY
        : undefined;
}
