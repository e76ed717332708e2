import { Lexer, TokenType } from "../pbtxt/lexer.js";
import { CH_LF } from "../pbtxt/chars.js";

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/**
 * Edits of a text as a list of splices (replace `start..end` with `text`),
 * applied together at the end, so that every offset taken from the syntax
 * tree stays valid however many edits are made. Also the line-aware helpers
 * `editPbtxt` needs to insert and remove whole lines where it can.
 */
export class TextEditor {
  readonly splices: Splice[] = [];

  constructor(private readonly text: string) {}

  private add(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text, order: this.splices.length });
  }

  lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text.charCodeAt(i - 1) !== CH_LF) i--;
    return i;
  }

  /** Offset just after the newline ending the line of `offset` (the text length on the last line). */
  nextLine(offset: number): number {
    const eol = this.text.indexOf("\n", offset);
    return eol === -1 ? this.text.length : eol + 1;
  }

  /** The whitespace that starts the line of `offset`. */
  indentOf(offset: number): string {
    const start = this.lineStart(offset);
    let end = start;
    while (end < offset && isBlank(this.text.charCodeAt(end))) end++;
    return this.text.slice(start, end);
  }

  /** True when only blanks precede `offset` on its line. */
  startsLine(offset: number): boolean {
    const start = this.lineStart(offset);
    for (let i = start; i < offset; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }

  /** True when only blanks or a comment follow `offset` on its line. */
  endsLine(offset: number): boolean {
    for (let i = offset; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === CH_LF || c === 35) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  /** Offset of the first `,` after `offset`, past blanks, line breaks and comments; -1 when something else comes first. */
  commaAfter(offset: number): number {
    const text = this.text;
    let i = offset;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 44) return i;
      if (c === 35) {
        const eol = text.indexOf("\n", i);
        i = eol === -1 ? text.length : eol;
      } else if (isBlank(c) || c === CH_LF) {
        i++;
      } else {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Removes one list element and its comma (`comma` is -1 when there is none),
   * as two separate splices so that neighbouring removals never overlap.
   * `commaFollows` says the comma comes after the element.
   */
  removeElement(start: number, end: number, comma: number, commaFollows: boolean): void {
    const ownsLine = this.startsLine(start);
    let from = ownsLine ? this.lineStart(start) : start;
    if (!ownsLine) while (from > 0 && isBlank(this.text.charCodeAt(from - 1))) from--;
    if (commaFollows && comma >= 0) {
      // The element, its comma and what follows on its line, when it has the line to itself.
      const after = comma + 1;
      this.add(from, ownsLine && this.endsLine(after) ? this.nextLine(after) : after, "");
      return;
    }
    if (comma >= 0) this.add(comma, comma + 1, "");
    this.add(from, ownsLine && this.endsLine(end) ? this.nextLine(end) : end, "");
  }

  replace(start: number, end: number, text: string): void {
    this.add(start, end, text);
  }

  /**
   * Replaces a value; comments written inside it (between the parts of a
   * split string) are kept, each on its own line just before the new value.
   */
  replaceValue(start: number, end: number, text: string): void {
    const lexer = new Lexer(this.text.slice(start, end), () => undefined, { keepComments: true });
    do lexer.next();
    while (lexer.type !== TokenType.End);
    let kept = "";
    for (const c of lexer.comments ?? []) kept += `${lexer.text.slice(c.start, c.end).trimEnd()}\n`;
    this.add(start, end, kept + text);
  }

  /** Removes the text from `start` to `end`: whole lines when it fills them, else just the span and the blanks before it. */
  remove(start: number, end: number): void {
    if (this.startsLine(start) && this.endsLine(end)) {
      this.add(this.lineStart(start), this.nextLine(end), "");
      return;
    }
    let from = start;
    while (from > 0 && isBlank(this.text.charCodeAt(from - 1))) from--;
    this.add(from, end, "");
  }

  /**
   * Inserts printed lines after the code that ends at `offset`: on the next
   * line when the rest of this line is blank or a comment and the body goes
   * on past it, else on this line (one printed line after a space, more after
   * a line break), so a one-line block or a field that shares its line stays whole.
   */
  insertAfter(offset: number, lines: string, closeOfBody: number): void {
    const next = this.nextLine(offset);
    if (this.endsLine(offset) && (next <= closeOfBody || closeOfBody >= this.text.length)) {
      const needsNewline =
        next === this.text.length && this.text.length > 0 && this.text.charCodeAt(next - 1) !== CH_LF;
      this.add(next, next, needsNewline ? `\n${lines}` : lines);
    } else if (lines.indexOf("\n") === lines.length - 1) {
      this.add(offset, offset, ` ${lines.trim()}`);
    } else {
      this.add(offset, offset, `\n${lines.replace(/\n$/, "")}`);
    }
  }

  /** Inserts printed lines before the code at `offset`: above its line when it starts the line, else on the line before it. */
  insertBefore(offset: number, lines: string): void {
    if (this.startsLine(offset)) this.add(this.lineStart(offset), this.lineStart(offset), lines);
    else if (lines.indexOf("\n") === lines.length - 1) this.add(offset, offset, `${lines.trim()} `);
    else this.add(offset, offset, `\n${lines}`);
  }

  /** The text with every splice applied; undefined when two splices overlap (an edit this module cannot place). */
  apply(): string | undefined {
    // At one offset, insertions go before a removal that starts there.
    const sorted = [...this.splices].sort(
      (a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.order - b.order,
    );
    let out = "";
    let at = 0;
    for (const s of sorted) {
      if (s.start < at) return undefined;
      out += this.text.slice(at, s.start) + s.text;
      at = s.end;
    }
    return out + this.text.slice(at);
  }
}
