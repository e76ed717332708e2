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
  /** The original text. */
  text: string;
  /** Zero bytes: a stand-in, not a model (the corpus ships such placeholders). */
  empty: boolean;
  /** The text with comments and strings blanked, same length and line breaks. */
  code: string;
}

/**
 * Comments, then string literals (triple-quoted first), in one left-to-right
 * scan: whichever starts first wins, so a `#` inside a string stays string.
 */
const TOKENS = /#[^\n]*|"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/g;

/** Blanks comments and string literals (keeping newlines and length) so regexes only see code. */
function blankCommentsAndStrings(text: string): string {
  return text.replace(TOKENS, (token) => {
    if (token.startsWith("#")) return " ".repeat(token.length);
    const quote = token.startsWith('"""') || token.startsWith("'''") ? 3 : 1;
    const inner = token.slice(quote, Math.max(quote, token.length - quote));
    return token.slice(0, quote) + inner.replace(/[^\n]/g, " ") + token.slice(quote + inner.length);
  });
}

/** Prepares model.py text for the static checks. */
export function readPythonSource(relPath: string, text: string): PythonSource {
  return { relPath, text, empty: text.trim().length === 0, code: blankCommentsAndStrings(text) };
}

/** 1-based line of an offset. */
export function lineOf(source: PythonSource, offset: number): number {
  let line = 1;
  for (let i = source.code.indexOf("\n"); i !== -1 && i < offset; i = source.code.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * The body of `class TritonPythonModel` (up to the next statement at the
 * class's own indentation or less), or undefined. The header may span lines
 * (`class TritonPythonModel(\n    Base,\n):` or a backslash continuation) and
 * the class may sit inside a block (`if …:`). `bases` is what the parentheses
 * hold: methods may then come from a base class we cannot see.
 */
export function modelClass(source: PythonSource): { start: number; bodyStart: number; body: string; bases: string } | undefined {
  const m = /^([ \t]*)class[ \t]+TritonPythonModel\b[ \t]*(?:\\\n[ \t]*)?(?:\(([^)]*)\))?[ \t]*(?:\\\n[ \t]*)?:/m.exec(source.code);
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

/** The first line break followed by a non-blank line whose indentation is at most `width` columns. */
function firstLineAtMostIndented(text: string, width: number): { index: number } | undefined {
  const line = /\n([ \t]*)(?=[^\s])/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    if ((m[1] ?? "").length <= width) return { index: m.index };
  }
  return undefined;
}

/** Whether the class inherits from something other than `object` (its methods may live there). */
export function hasBaseClass(cls: { bases: string }): boolean {
  return cls.bases !== "" && !/^object$/.test(cls.bases);
}

/** Whether the model class is defined by importing it from elsewhere (then we cannot see its methods). */
export function importsModelClass(source: PythonSource): boolean {
  return /^\s*from\s+\S+\s+import\s+[^\n]*\bTritonPythonModel\b/m.test(source.code) || /^TritonPythonModel\s*=/m.test(source.code);
}

/** Where a method of the class body is defined, with its decorator lines, or undefined. */
export function definesMethod(body: string, name: string): { index: number; decorators: string } | undefined {
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

/** Absolute offsets of a method of the model class (after its `def` line) and its first parameter. */
export function methodRange(source: PythonSource, name: string): { start: number; end: number; firstParam: string | undefined } | undefined {
  const cls = modelClass(source);
  if (!cls) return undefined;
  const found = definesMethod(cls.body, name);
  const body = methodBody(cls.body, name);
  if (!found || body === undefined) return undefined;
  const defLine = found.decorators.split("\n").find((l) => /\bdef\b/.test(l)) ?? "";
  const param = /def\s+\w+\s*\(\s*([A-Za-z_]\w*)/.exec(defLine)?.[1];
  const start = cls.bodyStart + found.index + found.decorators.length;
  return { start, end: start + body.length, firstParam: param };
}
