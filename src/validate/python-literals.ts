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
}

const SETTERS = new Set(["set_max_batch_size", "set_dynamic_batching", "add_input", "add_output", "set_model_transaction_policy"]);

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
      if (c === " " || c === "\t" || c === "\r" || (multiline && c === "\n") || (c === "\\" && this.text[this.pos + 1] === "\n")) this.pos += c === "\\" ? 2 : 1;
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

/**
 * The setter calls of an auto_complete_config body, in execution order.
 * `code` is the source with comments and strings blanked (to find
 * statements), `text` the original (to read literals); both share offsets.
 */
export function autoCompleteCalls(text: string, code: string, start: number, end: number, receiver: string): AutoCompleteCall[] {
  const calls: AutoCompleteCall[] = [];
  const scope = new Map<string, PyValue>();
  const lines: Array<{ offset: number; indent: number; code: string }> = [];
  for (let i = start; i < end; ) {
    let nl = code.indexOf("\n", i);
    if (nl === -1 || nl > end) nl = end;
    const line = code.slice(i, nl);
    if (line.trim() !== "") lines.push({ offset: i, indent: line.length - line.trimStart().length, code: line });
    i = nl + 1;
  }
  const callRe = new RegExp(`^\\s*${receiver}\\.(\\w+)\\s*\\(`);
  const run = (from: number, to: number, loopVar?: string, items?: PyValue[]): void => {
    for (const item of items ?? [undefined]) {
      if (loopVar !== undefined && item !== undefined) scope.set(loopVar, item);
      for (let k = from; k < to; k++) {
        const line = lines[k] as { offset: number; indent: number; code: string };
        const loop = /^\s*for\s+(\w+)\s+in\s+/.exec(line.code);
        if (loop) {
          let stop = k + 1;
          while (stop < lines.length && (lines[stop] as { indent: number }).indent > line.indent) stop++;
          const reader = new Reader(text, line.offset + loop[0].length, end);
          const iterable = reader.value(scope);
          if (Array.isArray(iterable)) run(k + 1, stop, loop[1], iterable);
          k = stop - 1;
          continue;
        }
        const assign = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(line.code);
        if (assign) {
          scope.set(assign[1] as string, new Reader(text, line.offset + assign[0].length, end).value(scope));
          continue;
        }
        const call = callRe.exec(line.code);
        if (call && SETTERS.has(call[1] as string)) {
          const reader = new Reader(text, line.offset + call[0].length, end);
          reader.skip(true);
          const arg = reader.peek(")") ? undefined : reader.value(scope, 1);
          calls.push({ method: call[1] as string, arg, offset: line.offset });
        }
      }
    }
  };
  run(0, lines.length);
  return calls;
}
