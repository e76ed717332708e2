import { boolLiteral, enumLiteral, floatLiteral, intLiteral, stringLiteral } from "./literals.js";
import type { Random } from "./random.js";

/**
 * How one config file is laid out. Real config.pbtxt files come from many
 * hands: Triton's docs use `[ { ... } ]` lists and 2 spaces, protoc's printer
 * writes repeated messages one by one, hand-edited files mix 4-space indent,
 * `field: { }`, `< >`, separators and trailing comments. Each rate is a
 * probability per occurrence.
 */
export interface TextStyle {
  indent: string;
  /** Repeated message field as one `name [ {...}, {...} ]` list rather than one entry at a time. */
  messageListRate: number;
  /** Repeated scalar field as `name: [ a, b ]` rather than one `name: a` line per value. */
  scalarListRate: number;
  /** `name: { ... }` rather than `name { ... }`. */
  colonBeforeMessageRate: number;
  /** `name < ... >` rather than braces. */
  angleRate: number;
  /** A `,` or `;` after a field. */
  separatorRate: number;
  /** An own-line or trailing comment near a field. */
  commentRate: number;
  /** Unusual literal spellings (hex, octal, escapes, `t`, enum numbers...). */
  spellingRate: number;
}

const STYLES: ReadonlyArray<readonly [number, TextStyle]> = [
  // As in Triton's documentation and examples.
  [
    0.45,
    {
      indent: "  ",
      messageListRate: 0.9,
      scalarListRate: 1,
      colonBeforeMessageRate: 0.05,
      angleRate: 0,
      separatorRate: 0,
      commentRate: 0.08,
      spellingRate: 0.3,
    },
  ],
  // As printed by protoc or Python's text_format.
  [
    0.25,
    {
      indent: "  ",
      messageListRate: 0,
      scalarListRate: 0,
      colonBeforeMessageRate: 0,
      angleRate: 0,
      separatorRate: 0,
      commentRate: 0,
      spellingRate: 0,
    },
  ],
  // Hand-edited over years.
  [
    0.3,
    {
      indent: "    ",
      messageListRate: 0.5,
      scalarListRate: 0.7,
      colonBeforeMessageRate: 0.3,
      angleRate: 0.05,
      separatorRate: 0.1,
      commentRate: 0.15,
      spellingRate: 1,
    },
  ],
];

export function randomStyle(rnd: Random): TextStyle {
  return rnd.weighted(STYLES);
}

const REMARKS = [
  "tuned on A100, see perf report",
  "keep in sync with the client",
  "TODO: raise once the preprocessing is batched",
  "ms budget from the SLO",
  "do not change without re-running perf_analyzer",
  "measured: p99 < 20ms",
  "per GPU",
  "matches tokenizer output",
];

/** Writes protobuf text format line by line with a given {@link TextStyle}. */
export class PbtxtWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  constructor(
    readonly rnd: Random,
    readonly style: TextStyle,
  ) {}

  private pad(): string {
    return this.style.indent.repeat(this.depth);
  }

  private separator(): string {
    if (!this.rnd.chance(this.style.separatorRate)) return "";
    return this.rnd.chance(0.6) ? "," : ";";
  }

  private trailingComment(): string {
    return this.rnd.chance(this.style.commentRate * 0.5) ? `  # ${this.rnd.pick(REMARKS)}` : "";
  }

  private maybeOwnLineComment(): void {
    if (this.rnd.chance(this.style.commentRate * 0.5)) this.comment(this.rnd.pick(REMARKS));
  }

  comment(text: string): void {
    this.lines.push(text === "" ? `${this.pad()}#` : `${this.pad()}# ${text}`);
  }

  blank(): void {
    this.lines.push("");
  }

  /** `name: literal`, the literal already spelled (see literals.ts). */
  field(name: string, literal: string): void {
    this.maybeOwnLineComment();
    this.lines.push(`${this.pad()}${name}: ${literal}${this.separator()}${this.trailingComment()}`);
  }

  /** A repeated scalar field: `name: [ a, b ]` or one line per value. Nothing for an empty list. */
  list(name: string, literals: readonly string[]): void {
    if (literals.length === 0) return;
    if (this.rnd.chance(this.style.scalarListRate)) {
      this.field(name, `[ ${literals.join(", ")} ]`);
    } else {
      for (const literal of literals) this.field(name, literal);
    }
  }

  private open(name: string, inList: boolean): string {
    const angle = this.rnd.chance(this.style.angleRate);
    const [left, right] = angle ? ["<", ">"] : ["{", "}"];
    if (inList) this.lines.push(`${this.pad()}${left}`);
    else {
      const colon = this.rnd.chance(this.style.colonBeforeMessageRate) ? ":" : "";
      this.lines.push(`${this.pad()}${name}${colon} ${left}`);
    }
    return right;
  }

  /** A singular message field. */
  message(name: string, body: () => void): void {
    this.maybeOwnLineComment();
    const close = this.open(name, false);
    this.depth++;
    body();
    this.depth--;
    this.lines.push(`${this.pad()}${close}${this.separator()}`);
  }

  /** A repeated message field (or a map): one `[ ]` list or entry by entry, as the style says. */
  messages(name: string, bodies: ReadonlyArray<() => void>): void {
    if (bodies.length === 0) return;
    if (!this.rnd.chance(this.style.messageListRate)) {
      for (const body of bodies) this.message(name, body);
      return;
    }
    this.maybeOwnLineComment();
    const colon = this.rnd.chance(this.style.colonBeforeMessageRate) ? ":" : "";
    this.lines.push(`${this.pad()}${name}${colon} [`);
    this.depth++;
    bodies.forEach((body, index) => {
      const close = this.open(name, true);
      this.depth++;
      body();
      this.depth--;
      this.lines.push(`${this.pad()}${close}${index < bodies.length - 1 ? "," : ""}`);
    });
    this.depth--;
    this.lines.push(`${this.pad()}]`);
  }

  // Literal spellings at this file's rate of unusual spellings.
  str(value: string): string {
    return stringLiteral(value, this.rnd, this.style.spellingRate);
  }

  int(value: number | bigint): string {
    return intLiteral(value, this.rnd, this.style.spellingRate);
  }

  float(value: number): string {
    return floatLiteral(value, this.rnd, this.style.spellingRate);
  }

  bool(value: boolean): string {
    return boolLiteral(value, this.rnd, this.style.spellingRate);
  }

  enumValue(name: string, number: number): string {
    return enumLiteral(name, number, this.rnd, this.style.spellingRate);
  }

  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}
