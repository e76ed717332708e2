/**
 * A light reading of a Python backend model.py (PY-14): no Python is run and
 * no parser is built, only comments and string literals are blanked out so
 * that a `def execute` in a docstring does not count. Every finding drawn
 * from it is a warning, because Python can always surprise a text scan (a
 * class imported from another module, methods added at run time).
 */
export interface PythonSource {
  /** Path relative to the repository root. */
  relPath: string;
  /** The text as Python reads it: every line ending made `\n`, no byte order mark (see readPythonSource). */
  text: string;
  /** Zero bytes: a stand-in, not a model (the corpus ships such placeholders). */
  empty: boolean;
  /** The text with comments and strings blanked, same length and line breaks. */
  code: string;
}

/**
 * Comments, then string literals (triple-quoted first), in one left-to-right
 * scan: whichever starts first wins, so a `#` inside a string stays string.
 * A backslash escapes the next character, a line break included (a string
 * continued on the next line) and a quote (which then ends nothing, also in
 * a triple-quoted string). Each loop is unrolled (runs of plain characters,
 * then one escape or lone quote) so that a long docstring is one step.
 */
const TOKENS =
  /#[^\n]*|"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|$)|'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|$)|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"?|'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*'?/g;

/** Blanks comments and string literals (keeping newlines and length) so regexes only see code. */
function blankCommentsAndStrings(text: string): string {
  return text.replace(TOKENS, (token) => {
    if (token.startsWith("#")) return " ".repeat(token.length);
    const quote = token.startsWith('"""') || token.startsWith("'''") ? 3 : 1;
    const inner = token.slice(quote, Math.max(quote, token.length - quote));
    // Most strings are one line: blanks by length, no regex pass.
    const blanked = inner.includes("\n") ? inner.replace(/[^\n]/g, " ") : " ".repeat(inner.length);
    return token.slice(0, quote) + blanked + token.slice(quote + inner.length);
  });
}

/**
 * Prepares model.py text for the static checks. Python reads source with
 * universal newlines: `\r\n` and a lone `\r` end a line as `\n` does, and
 * Triton's backend loads such a file as any other. It also skips a UTF-8 byte
 * order mark. The checks read the file as Python does, every line ending made
 * `\n` and no mark, so that a `return x` written on Windows is the same
 * statement, an `import` on the first line after a mark is an import, and the
 * lines and columns they report are Python's (and editors').
 */
export function readPythonSource(relPath: string, original: string): PythonSource {
  const text = original.charCodeAt(0) === 0xfeff ? original.slice(1) : original;
  const lines = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  return { relPath, text: lines, empty: lines.trim().length === 0, code: blankCommentsAndStrings(lines) };
}

/** 1-based line of an offset. */
export function lineOf(source: PythonSource, offset: number): number {
  let line = 1;
  for (let i = source.code.indexOf("\n"); i !== -1 && i < offset; i = source.code.indexOf("\n", i + 1)) line++;
  return line;
}

/** 1-based line and column of an offset (the column counts characters, as editors do). */
export function positionOf(source: PythonSource, offset: number): { line: number; column: number } {
  const line = lineOf(source, offset);
  const lineStart = source.code.lastIndexOf("\n", offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}

/**
 * The body of `class TritonPythonModel` (up to the next statement at the
 * class's own indentation or less), or undefined. The header may span lines
 * (`class TritonPythonModel(\n    Base,\n):` or a backslash continuation) and
 * the class may sit inside a block (`if …:`). `bases` is what the parentheses
 * hold: methods may then come from a base class we cannot see.
 */
export function modelClass(source: PythonSource): ModelClass | undefined {
  // Every model.py rule and the load-time completion ask for the class: find it once per source.
  if (classes.has(source)) return classes.get(source);
  const found = findModelClass(source);
  classes.set(source, found);
  return found;
}

/** Where `class TritonPythonModel` is in a source, and its body. */
export interface ModelClass {
  readonly start: number;
  readonly bodyStart: number;
  readonly body: string;
  readonly bases: string;
}

/**
 * Per-source memos. A PythonSource is never changed after readPythonSource
 * (the rules only read it), so what is worked out from it holds for its life;
 * keyed weakly, a source and its memos go together.
 */
const classes = new WeakMap<PythonSource, ModelClass | undefined>();
const ranges = new WeakMap<PythonSource, Map<string, MethodRange | undefined>>();

function findModelClass(source: PythonSource): ModelClass | undefined {
  const m = /^([ \t]*)class[ \t]+TritonPythonModel\b[ \t]*(?:\\\n[ \t]*)?(?:\(([^)]*)\))?[ \t]*(?:\\\n[ \t]*)?:/m.exec(
    source.code,
  );
  if (!m) return undefined;
  const indent = m[1] ?? "";
  const start = m.index + indent.length;
  const bodyStart = m.index + m[0].length;
  const rest = source.code.slice(bodyStart);
  // The body ends at the first non-blank line indented no deeper than the class line
  // (comments are blanked in `code`, so they never end it).
  const endAt = firstLineAtMostIndented(rest, indent.length);
  const bases = (m[2] ?? "").replace(/\\\n/g, " ").replace(/\s+/g, " ").replace(/,\s*$/, "").trim();
  return { start, bodyStart, body: endAt ? rest.slice(0, endAt.index) : rest, bases };
}

/** The patterns of firstLineAtMostIndented by width (a class is rarely indented more than a few levels). */
const LINE_AT_MOST_INDENTED = new Map<number, RegExp>();

/** The first line break followed by a non-blank line whose indentation is at most `width` columns. */
function firstLineAtMostIndented(text: string, width: number): { index: number } | undefined {
  // One search: more than `width` blanks leave a blank where the lookahead wants a non-blank.
  let line = LINE_AT_MOST_INDENTED.get(width);
  if (line === undefined) {
    line = new RegExp(`\\n[ \\t]{0,${width}}(?=\\S)`);
    LINE_AT_MOST_INDENTED.set(width, line);
  }
  const m = line.exec(text);
  return m ? { index: m.index } : undefined;
}

/** Whether the class inherits from something other than `object` (its methods may live there). */
export function hasBaseClass(cls: { bases: string }): boolean {
  return cls.bases !== "" && !/^object$/.test(cls.bases);
}

/**
 * Whether module code other than a `class` statement may bind
 * `TritonPythonModel` (the stub looks it up as an attribute of the module):
 * an import of it (`from pkg import *`, `from m import X as TritonPythonModel`),
 * an assignment or a `def` of that name, or a dynamic binding (`globals()`,
 * `setattr`, `exec`, a module `__getattr__`).
 */
export function importsModelClass(source: PythonSource): boolean {
  const code = source.code;
  return (
    /^[ \t]*from[ \t]+\S+[ \t]+import[ \t]+\*/m.test(code) ||
    /^[ \t]*(?:from[ \t]+\S+[ \t]+)?import\b[^\n]*\bTritonPythonModel\b/m.test(code) ||
    /^[ \t]*from[ \t]+\S+[ \t]+import[ \t]*\([^)]*\bTritonPythonModel\b/m.test(code) ||
    /^[ \t]*TritonPythonModel[ \t]*(?::[^=\n]*)?=(?!=)/m.test(code) ||
    /^[ \t]*(?:async[ \t]+)?def[ \t]+(?:TritonPythonModel|__getattr__)\b/m.test(code) ||
    /\bfor[ \t]+TritonPythonModel\b|\bas[ \t]+TritonPythonModel\b/.test(code) ||
    /\b(?:globals|vars|locals)[ \t]*\(|\bsetattr[ \t]*\(|\bexec[ \t]*\(|\bsys\.modules\b|\b__dict__\b/.test(code)
  );
}

/** Where a method of the class body is defined, with its decorator lines, or undefined. */
export function definesMethod(body: string, name: string): MethodDefinition | undefined {
  // The rules ask about the same class body several times in a row (execute,
  // auto_complete_config, each from several checks): remember the last body's answers.
  if (body !== lastBody) {
    lastBody = body;
    lastMethods.clear();
  }
  if (lastMethods.has(name)) return lastMethods.get(name);
  const found = findMethod(body, name);
  lastMethods.set(name, found);
  return found;
}

/** Where a method's definition starts (its first decorator line) and that text up to the end of its `def` line. */
export interface MethodDefinition {
  readonly index: number;
  readonly decorators: string;
}

let lastBody: string | undefined;
const lastMethods = new Map<string, MethodDefinition | undefined>();

function findMethod(body: string, name: string): MethodDefinition | undefined {
  // Methods sit at the indentation of the class body's first statement; a
  // `def` indented deeper is a local function of some method, not a method.
  const indent = /^\s*?\n?([ \t]+)\S/.exec(body)?.[1] ?? "[ \\t]+";
  const at = indent.replace(/\t/g, "\\t");
  // Find the `def` line first (cheap), then walk back over its decorator lines.
  const def = new RegExp(`^${at}(?:async[ \\t]+)?def[ \\t]+${name}\\b`, "m").exec(body);
  if (!def) {
    // `execute = _execute` in the class body binds a method too.
    const assigned = new RegExp(`^${at}${name}[ \\t]*=(?!=)`, "m").exec(body);
    if (!assigned) return undefined;
    const lineEnd = body.indexOf("\n", assigned.index);
    return { index: assigned.index, decorators: body.slice(assigned.index, lineEnd === -1 ? body.length : lineEnd) };
  }
  let start = def.index;
  for (;;) {
    const prevEnd = start - 1;
    if (prevEnd <= 0) break;
    const prevStart = body.lastIndexOf("\n", prevEnd - 1) + 1;
    if (!/^[ \t]+@/.test(body.slice(prevStart, prevEnd))) break;
    start = prevStart;
  }
  const lineEnd = body.indexOf("\n", def.index);
  return { index: start, decorators: body.slice(start, lineEnd === -1 ? body.length : lineEnd) };
}

/** The text of one method of the model class, or undefined. */
export function methodBody(body: string, name: string): string | undefined {
  const found = definesMethod(body, name);
  if (!found) return undefined;
  const rest = body.slice(found.index + found.decorators.length);
  const indent = /^([ \t]+)/.exec(found.decorators.split("\n").find((l) => /def/.test(l)) ?? "")?.[1] ?? "    ";
  const end = new RegExp(`\\n(?=${indent}(?:@|(?:async\\s+)?def\\s)|\\S)`).exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

/** Where a method of the model class is and what it takes. */
export interface MethodRange {
  /** Offset just after the `def` line. */
  readonly start: number;
  readonly end: number;
  /** Offset of the `def` keyword (or of the binding). */
  readonly defOffset: number;
  readonly firstParam: string | undefined;
  /**
   * The parameter that receives the caller's first argument: the first of a
   * @staticmethod, the one after `cls` or `self` otherwise.
   */
  readonly argumentParam: string | undefined;
  readonly decorators: string;
}

/** Absolute offsets of a method of the model class (after its `def` line) and its parameters. */
export function methodRange(source: PythonSource, name: string): MethodRange | undefined {
  let known = ranges.get(source);
  if (known === undefined) {
    known = new Map();
    ranges.set(source, known);
  }
  if (known.has(name)) return known.get(name);
  const range = findMethodRange(source, name);
  known.set(name, range);
  return range;
}

function findMethodRange(source: PythonSource, name: string): MethodRange | undefined {
  const cls = modelClass(source);
  if (!cls) return undefined;
  const found = definesMethod(cls.body, name);
  const body = methodBody(cls.body, name);
  if (!found || body === undefined) return undefined;
  const defLine = found.decorators.split("\n").find((l) => /\bdef\b/.test(l)) ?? "";
  const params = /def\s+\w+\s*\(\s*([A-Za-z_]\w*)(?:\s*(?::[^,)]*)?,\s*([A-Za-z_]\w*))?/.exec(defLine);
  const start = cls.bodyStart + found.index + found.decorators.length;
  const isStatic = /@staticmethod\b/.test(found.decorators);
  const defAt = found.decorators.search(/\b(?:async\s+)?def\b/);
  return {
    start,
    end: start + body.length,
    defOffset: cls.bodyStart + found.index + Math.max(0, defAt),
    firstParam: params?.[1],
    argumentParam: isStatic ? params?.[1] : params?.[2],
    decorators: found.decorators,
  };
}
