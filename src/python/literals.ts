/**
 * Just enough of Python to read the literal arguments an
 * `auto_complete_config` passes to `pb_utils.ModelConfig` (PY-3): dicts,
 * lists, tuples, strings, numbers, True/False/None, names bound earlier in
 * the function, and `for x in <list>:` loops over such values. Anything
 * else reads as `UNKNOWN`, and checks that depend on it are skipped.
 */

export const UNKNOWN = Symbol("unknown");
/** A Python literal value; dicts as Maps (keys in written order). */
export type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue> | typeof UNKNOWN;

/** One call on the auto-complete config object, with its argument evaluated. */
export interface AutoCompleteCall {
  method: string;
  arg: PyValue | undefined;
  /** Offset of the call in the source. */
  offset: number;
  /** The conditional block the call sits in; undefined when it runs whenever the method does. */
  branch?: Branch;
}

const SETTERS = new Set([
  "set_max_batch_size",
  "set_dynamic_batching",
  "add_input",
  "add_output",
  "set_model_transaction_policy",
]);

class Reader {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** Skips blanks, and inside brackets also newlines and comments. */
  skip(multiline: boolean): void {
    for (;;) {
      const c = this.text[this.pos];
      if (
        c === " " ||
        c === "\t" ||
        c === "\r" ||
        (multiline && c === "\n") ||
        (c === "\\" && this.text[this.pos + 1] === "\n")
      )
        this.pos += c === "\\" ? 2 : 1;
      else if (multiline && c === "#") {
        const nl = this.text.indexOf("\n", this.pos);
        this.pos = nl === -1 ? this.end : nl;
      } else return;
    }
  }

  peek(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  identifier(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, Math.min(this.end, this.pos + 200)));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** One literal value; `scope` resolves bare names. Leaves pos after it. */
  value(scope: ReadonlyMap<string, PyValue>, depth = 0): PyValue {
    this.skip(depth > 0);
    const c = this.text[this.pos];
    if (c === undefined || this.pos >= this.end) return UNKNOWN;
    if (c === "{") return this.dict(scope, depth);
    if (c === "[" || c === "(") return this.list(scope, depth, c === "[" ? "]" : ")");
    if (c === '"' || c === "'") return this.string();
    const num = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.pos, this.pos + 40));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const name = this.identifier();
    if (name === undefined) return UNKNOWN;
    if (name === "True") return true;
    if (name === "False") return false;
    if (name === "None") return null;
    this.skip(depth > 0);
    if (name === "dict" && this.peek("(")) return this.kwargs(scope, depth);
    // Any other call, attribute access or subscript is not a literal.
    if (this.peek("(") || this.peek(".") || this.peek("[")) return UNKNOWN;
    return scope.has(name) ? (scope.get(name) as PyValue) : UNKNOWN;
  }

  string(): PyValue {
    const quote = this.text[this.pos] as string;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delim = triple ? quote.repeat(3) : quote;
    let i = this.pos + delim.length;
    let out = "";
    while (i < this.end && !this.text.startsWith(delim, i)) {
      if (this.text[i] === "\\") {
        const e = this.text[i + 1] ?? "";
        out += e === "n" ? "\n" : e === "t" ? "\t" : e;
        i += 2;
      } else out += this.text[i++];
    }
    this.pos = i + delim.length;
    return out;
  }

  dict(scope: ReadonlyMap<string, PyValue>, depth: number): PyValue {
    this.pos++;
    const out = new Map<string, PyValue>();
    let known = true;
    for (;;) {
      this.skip(true);
      if (this.peek("}")) {
        this.pos++;
        return known ? out : UNKNOWN;
      }
      const key = this.value(scope, depth + 1);
      this.skip(true);
      if (!this.peek(":")) return UNKNOWN;
      this.pos++;
      const value = this.value(scope, depth + 1);
      if (typeof key === "string") out.set(key, value);
      else known = false;
      this.skip(true);
      if (this.peek(",")) this.pos++;
      else if (!this.peek("}")) return UNKNOWN;
    }
  }

  /** `dict(key=value, ...)`. */
  kwargs(scope: ReadonlyMap<string, PyValue>, depth: number): PyValue {
    this.pos++;
    const out = new Map<string, PyValue>();
    for (;;) {
      this.skip(true);
      if (this.peek(")")) {
        this.pos++;
        return out;
      }
      const key = this.identifier();
      this.skip(true);
      if (key === undefined || !this.peek("=")) return UNKNOWN;
      this.pos++;
      out.set(key, this.value(scope, depth + 1));
      this.skip(true);
      if (this.peek(",")) this.pos++;
      else if (!this.peek(")")) return UNKNOWN;
    }
  }

  list(scope: ReadonlyMap<string, PyValue>, depth: number, close: string): PyValue {
    this.pos++;
    const out: PyValue[] = [];
    for (;;) {
      this.skip(true);
      if (this.peek(close)) {
        this.pos++;
        return out;
      }
      out.push(this.value(scope, depth + 1));
      this.skip(true);
      if (this.peek(",")) this.pos++;
      else if (!this.peek(close)) return UNKNOWN;
    }
  }
}

/** The block a call sits in when it does not always run: the header line of that block. */
export interface Branch {
  /** 1-based line of the `if`, `for`, `while`, … header (or of the earlier conditional `return`). */
  line: number;
  /** The header as written (`if "parameters" in config:`). */
  text: string;
}

/** What autoCompleteCalls read from one auto_complete_config body. */
export interface AutoCompleteReading {
  calls: AutoCompleteCall[];
  /**
   * Why the calls found may not be all the method does to the config (a
   * setter in a loop over computed values, the config object handed to
   * other code), or undefined when every effect on it is in `calls`.
   */
  incomplete: string | undefined;
}

/** Block headers whose body may run zero times or only sometimes. */
const CONDITIONAL_HEADER = /^\s*(?:if|elif|else|while|for|async\s+for|except|case|def|async\s+def|class)\b[^\n]*:\s*$/;
/** Block headers whose body always runs when the header is reached. */
const PLAIN_HEADER = /^\s*(?:try|finally|with|async\s+with|match)\b[^\n]*:\s*$/;

interface Line {
  offset: number;
  indent: number;
  code: string;
  /** The innermost conditional block holding the line, when there is one. */
  branch: Branch | undefined;
}

/** 1-based line number of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * The logical lines of a method body with, for each, the conditional block
 * it sits in. A `return` inside a conditional block makes every later line
 * conditional too (the method may have left before).
 */
function logicalLines(text: string, code: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  const blocks: Array<{ indent: number; branch: Branch | undefined }> = [];
  let afterReturn: Branch | undefined;
  for (let i = start; i < end; ) {
    let nl = code.indexOf("\n", i);
    if (nl === -1 || nl > end) nl = end;
    const raw = code.slice(i, nl);
    const lineStart = i;
    i = nl + 1;
    if (raw.trim() === "") continue;
    const indent = raw.length - raw.trimStart().length;
    // A line inside brackets opened earlier continues a statement: it belongs to that statement.
    const previous = lines[lines.length - 1];
    if (previous && openBrackets(previous.code) > 0) {
      previous.code += `\n${raw}`;
      continue;
    }
    while (blocks.length > 0 && (blocks[blocks.length - 1] as { indent: number }).indent >= indent) blocks.pop();
    const enclosing = [...blocks].reverse().find((b) => b.branch !== undefined)?.branch;
    const line: Line = { offset: lineStart, indent, code: raw, branch: enclosing ?? afterReturn };
    lines.push(line);
    if (CONDITIONAL_HEADER.test(raw)) {
      const header = text.slice(lineStart, lineStart + raw.length).trim();
      blocks.push({ indent, branch: { line: lineAt(text, lineStart), text: header } });
    } else if (PLAIN_HEADER.test(raw)) blocks.push({ indent, branch: undefined });
    else if (enclosing !== undefined && /^\s*return\b/.test(raw) && afterReturn === undefined) {
      afterReturn = { line: lineAt(text, lineStart), text: text.slice(lineStart, lineStart + raw.length).trim() };
    }
  }
  return lines;
}

/** Brackets a (blanked) code line leaves open. */
function openBrackets(code: string): number {
  let depth = 0;
  for (const c of code) {
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  return depth;
}

/**
 * The setter calls of an auto_complete_config body, in execution order,
 * each with the conditional block it sits in. `code` is the source with
 * comments and strings blanked (to find statements), `text` the original
 * (to read literals); both share offsets. A `for` loop over a literal,
 * non-empty list is unrolled and its body always runs.
 */
export function autoCompleteCalls(
  text: string,
  code: string,
  start: number,
  end: number,
  receiver: string,
): AutoCompleteReading {
  const calls: AutoCompleteCall[] = [];
  const scope = new Map<string, PyValue>();
  const lines = logicalLines(text, code, start, end);
  let incomplete: string | undefined;
  const callRe = new RegExp(`^\\s*${receiver}\\.(\\w+)\\s*\\(`);
  const receiverRe = new RegExp(`\\b${receiver}\\b`);
  const run = (from: number, to: number, unrolled: Branch | undefined, loopVar?: string, items?: PyValue[]): void => {
    for (const item of items ?? [undefined]) {
      if (loopVar !== undefined && item !== undefined) scope.set(loopVar, item);
      for (let k = from; k < to; k++) {
        const line = lines[k] as Line;
        // The branch of a line inside an unrolled loop is the loop's own enclosing branch.
        const branch = unrolled !== undefined && line.branch?.line === unrolled.line ? undefined : line.branch;
        const loop = /^\s*for\s+(\w+)\s+in\s+/.exec(line.code);
        if (loop) {
          let stop = k + 1;
          while (stop < lines.length && (lines[stop] as Line).indent > line.indent) stop++;
          const reader = new Reader(text, line.offset + loop[0].length, end);
          const iterable = reader.value(scope);
          if (Array.isArray(iterable) && iterable.length > 0) {
            run(k + 1, stop, { line: lineAt(text, line.offset), text: "" }, loop[1], iterable);
          } else if (lines.slice(k + 1, stop).some((l) => receiverRe.test(l.code))) {
            incomplete ??= `a loop over values computed at run time calls it (line ${lineAt(text, line.offset)})`;
          }
          k = stop - 1;
          continue;
        }
        const assign = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(line.code);
        if (assign && !receiverRe.test(line.code)) {
          scope.set(assign[1] as string, new Reader(text, line.offset + assign[0].length, end).value(scope));
          continue;
        }
        const call = callRe.exec(line.code);
        if (call && SETTERS.has(call[1] as string)) {
          const reader = new Reader(text, line.offset + call[0].length, end);
          reader.skip(true);
          const arg = reader.peek(")") ? undefined : reader.value(scope, 1);
          calls.push({ method: call[1] as string, arg, offset: line.offset, ...(branch ? { branch } : {}) });
          if (arg === UNKNOWN)
            incomplete ??= `${call[1]}() is called with a value computed at run time (line ${lineAt(text, line.offset)})`;
          continue;
        }
        if (receiverRe.test(line.code) && !onlyReads(line.code, receiver)) {
          incomplete ??= `the config object is handed to code that is not replayed (line ${lineAt(text, line.offset)})`;
        }
      }
    }
  };
  run(0, lines.length, undefined);
  return { calls, incomplete };
}

/** Whether every use of the receiver on a line only reads it (`as_dict()`, a getter, `return config`). */
function onlyReads(code: string, receiver: string): boolean {
  if (new RegExp(`^\\s*return\\s+${receiver}\\s*$`).test(code)) return true;
  const uses = code.match(new RegExp(`\\b${receiver}\\b(\\s*\\.\\s*\\w+)?`, "g")) ?? [];
  return uses.every((u) => /\.\s*(?:as_dict|max_batch_size)$/.test(u));
}
