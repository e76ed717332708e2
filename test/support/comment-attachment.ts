// Test support: where each comment of a protobuf text file belongs, computed
// without src/pbtxt or src/formatter (a tiny lexer and a schema-free walk over
// its tokens), so the formatter's properties can check that a comment stays
// next to the same field, not only that it still exists somewhere in the file.
//
// Every token is owned by one element, named by a path such as
// `input[1].dims[0]`: the n-th value of a field in its message, counting
// values across blocks and `[ … ]` lists alike, so the path does not change
// when the formatter merges `dims: 1 dims: 2` into `dims: [ 1, 2 ]` or turns
// `input {…} input {…}` into `input [ {…}, {…} ]`. A field's name, colon and
// opening bracket belong to its first value; a comma or `;` and a closing
// `]` to the value before them; braces to their message.
//
// A comment is then one of:
// - `trailing X`: on the line of a token that ends X's value or follows it
//   (its last token, closing brace, `,`, `;`, `]`);
// - `leading X`: on its own line before X, or on the line of a token that
//   opens X (field name, colon, `[`, `{`);
// - `end of X`: on its own line before the `}` of message X (`end of file`
//   after the last token).
// A `]` is skipped when looking for what follows an own-line comment: `fmt`
// drops it when it joins two lists (`dims`, or messages with `--messages
// lists`) or writes blocks, and the comment then precedes the next value;
// either way it stays between the same two values.
//
// Two placements follow what a printer can do rather than geometry:
// - a comment inside one value (`- # a` before a number, between two string
//   parts) cannot stay there: it is `leading` that value;
// - an element has one line for its trailing comment: a second one on a later
//   line of its tail (`} # a` then `, # b`) counts as an own-line comment
//   before what follows.
// A comment moved to any other field changes the list.

interface Token {
  /** For a comment, its text without trailing blanks (the formatter trims them). */
  text: string;
  line: number;
  comment: boolean;
}

/** Splits protobuf text into tokens and comments with their line numbers. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
    } else if (c === "#") {
      let end = text.indexOf("\n", i);
      if (end < 0) end = text.length;
      tokens.push({ text: text.slice(i, end).replace(/[ \t\r]+$/, ""), line, comment: true });
      i = end;
    } else if (c === '"' || c === "'") {
      // A quoted string ends at the same unescaped quote; protobuf strings cannot span lines.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      tokens.push({ text: text.slice(i, j + 1), line, comment: false });
      i = j + 1;
    } else if (/[A-Za-z0-9_.]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_.]/.test(text[j] as string)) j++;
      // An exponent's sign (`1e-5`) is part of the number, unlike a leading minus.
      if (/^[0-9.]/.test(c) && /[eE]$/.test(text.slice(i, j)) && /^[+-][0-9]/.test(text.slice(j, j + 2))) {
        j++;
        while (j < text.length && /[0-9]/.test(text[j] as string)) j++;
      }
      tokens.push({ text: text.slice(i, j), line, comment: false });
      i = j;
    } else {
      tokens.push({ text: c, line, comment: false });
      i++;
    }
  }
  return tokens;
}

const OPEN = new Set(["{", "<"]);
const CLOSE = new Set(["}", ">"]);
const isString = (text: string | undefined): boolean => text !== undefined && /^["']/.test(text);

/** Assigns every code token to the element that owns it (see the file comment). */
class Walker {
  /** Owner path of each code token, by index into the code tokens. */
  readonly owner: string[] = [];
  /** Whether a code token ends its owner's value or comes after it (`}`, last string part, `,`, `]`, `;`). */
  readonly tail: boolean[] = [];
  /** For a `-` or a string part that is not the value's last: the owner a comment after it belongs to. */
  readonly insideValueOf = new Map<number, string>();
  private at = 0;

  constructor(private readonly code: Token[]) {}

  private peek(): string | undefined {
    return this.code[this.at]?.text;
  }

  private take(owner: string, tail = false): number {
    const k = this.at++;
    if (k >= this.code.length) throw new Error(`comment-attachment: unexpected end of text at token ${k}`);
    this.owner[k] = owner;
    this.tail[k] = tail;
    return k;
  }

  /** The fields of a message up to its closing brace (or the end of the text). */
  message(prefix: string): void {
    const counts = new Map<string, number>();
    const next = (name: string): string => {
      const n = counts.get(name) ?? 0;
      counts.set(name, n + 1);
      return `${prefix}${name}[${n}]`;
    };
    for (;;) {
      const t = this.peek();
      if (t === undefined || CLOSE.has(t)) return;
      if (t === ";" || t === "," || t === "[" || t === "]" || t === ":" || OPEN.has(t))
        throw new Error(`comment-attachment: expected a field name at token ${this.at}, got ${t}`);
      const headStart = this.at++;
      if (this.peek() === ":") this.at++;
      let owner: string;
      if (this.peek() === "[") {
        this.at++;
        const headEnd = this.at;
        // An empty list owns its tokens under the index its first value would have had.
        const first = `${prefix}${t}[${counts.get(t) ?? 0}]`;
        this.at = headStart;
        while (this.at < headEnd) this.take(first);
        owner = first;
        while (this.peek() !== "]") {
          if (this.peek() === undefined) throw new Error("comment-attachment: unclosed [");
          owner = next(t);
          this.value(owner);
          if (this.peek() === ",") this.take(owner, true);
        }
        this.take(owner, true);
      } else {
        owner = next(t);
        const headEnd = this.at;
        this.at = headStart;
        while (this.at < headEnd) this.take(owner);
        this.value(owner);
      }
      while (this.peek() === ";" || this.peek() === ",") this.take(owner, true);
    }
  }

  /** One value: a message in braces, or a scalar with its `-` and string parts. */
  private value(path: string): void {
    const t = this.peek();
    if (t !== undefined && OPEN.has(t)) {
      this.take(path);
      this.message(`${path}.`);
      if (!CLOSE.has(this.peek() ?? "")) throw new Error(`comment-attachment: unclosed { of ${path}`);
      this.take(path, true);
      return;
    }
    if (t === "-") this.insideValueOf.set(this.take(path), path);
    let k = this.take(path);
    // Adjacent string literals are one value.
    while (isString(this.code[k]?.text) && isString(this.peek())) {
      this.insideValueOf.set(k, path);
      k = this.take(path);
    }
    this.tail[k] = true;
  }

  /** The whole text: top-level fields, then nothing. */
  file(): void {
    this.message("");
    if (this.at !== this.code.length) throw new Error(`comment-attachment: unmatched ${this.peek()} at ${this.at}`);
  }
}

/**
 * One line per comment, sorted: `<where>: <comment>`, for example
 * `trailing input[1].dims[0]: # channels` or `end of dynamic_batching[0]: # more later`.
 * Sorted because two comments of one element may swap: `dims: [ # a` then
 * `- # b` before the first number prints `# b` above the field, above `# a`.
 */
export function commentAttachments(text: string): string[] {
  const tokens = lex(text);
  const code = tokens.filter((t) => !t.comment);
  const walker = new Walker(code);
  walker.file();
  const out: string[] = [];
  const trailed = new Set<string>();
  let codeIndex = 0; // code tokens before the current token
  for (const token of tokens) {
    if (!token.comment) {
      codeIndex++;
      continue;
    }
    const prev = codeIndex - 1;
    const owner = walker.owner[prev] as string;
    const sameLine = prev >= 0 && code[prev]?.line === token.line;
    const inside = walker.insideValueOf.get(prev);
    let where: string;
    if (inside !== undefined) where = `leading ${inside}`;
    else if (sameLine && !walker.tail[prev]) where = `leading ${owner}`;
    else if (sameLine && !trailed.has(owner)) {
      where = `trailing ${owner}`;
      trailed.add(owner);
    } else {
      let k = codeIndex;
      while (code[k]?.text === "," || code[k]?.text === ";" || code[k]?.text === "]") k++;
      const next = code[k];
      if (next === undefined) where = "end of file";
      else if (CLOSE.has(next.text)) where = `end of ${walker.owner[k]}`;
      else where = `leading ${walker.owner[k]}`;
    }
    out.push(`${where}: ${token.text}`);
  }
  return out.sort();
}
