import type { SyntaxCode } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Templated configs: `${name}` placeholders, as TensorRT-LLM ships its
 * configs for tools/fill_template.py to fill before serving. Triton reads
 * the file as it is, so an unquoted placeholder stops protoc ("Expected
 * integer, got: $") and a quoted one loads as its literal text.
 */

/** The diagnostic code of an unfilled placeholder. */
export const TEMPLATE_CODE: SyntaxCode = "PB-TEMPLATE";

/** One `${name}` in a config's text, outside comments. */
export interface Placeholder {
  name: string;
  /** Offset of the `$`. */
  offset: number;
  /** Length of `${name}`. */
  length: number;
  /** Inside a string literal (the config parses; the value is the placeholder's text). */
  quoted: boolean;
  line: number;
  column: number;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/y;

/** Every placeholder of a config text, in order; `#` comments are skipped, string literals are not. */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  let quote: string | undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
      quote = undefined; // protoc strings never span lines
      continue;
    }
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      else if (c === "$") collect(i, true);
      continue;
    }
    if (c === "#") {
      const nl = text.indexOf("\n", i);
      i = (nl === -1 ? text.length : nl) - 1;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "$") collect(i, false);
  }
  return out;

  function collect(at: number, quoted: boolean): void {
    PLACEHOLDER.lastIndex = at;
    const m = PLACEHOLDER.exec(text);
    if (m)
      out.push({ name: m[1] as string, offset: at, length: m[0].length, quoted, line, column: at - lineStart + 1 });
  }
}

/** The text with every placeholder that `vars` names replaced by its value (as fill_template.py does), and the placeholders left. */
export function fillTemplate(
  text: string,
  vars: Readonly<Record<string, string>> | undefined,
): { text: string; unfilled: Placeholder[] } {
  const found = findPlaceholders(text);
  if (found.length === 0 || vars === undefined) return { text, unfilled: found };
  let out = "";
  let at = 0;
  for (const p of found) {
    if (!Object.hasOwn(vars, p.name)) continue;
    out += text.slice(at, p.offset) + (vars[p.name] as string);
    at = p.offset + p.length;
  }
  const filled = out + text.slice(at);
  return { text: filled, unfilled: findPlaceholders(filled) };
}

/**
 * The text with every placeholder replaced by a stand-in of the same
 * length (so positions do not move): `0` or `1` padded with blanks outside
 * strings, the name with its first letter changed inside them. Checking
 * both variants and keeping what they agree on leaves only findings that
 * do not depend on the placeholders' values.
 */
export function standIn(text: string, placeholders: readonly Placeholder[], variant: 0 | 1): string {
  let out = "";
  let at = 0;
  for (const p of placeholders) {
    const replacement = p.quoted
      ? (variant === 0 ? "$" : "%").padEnd(p.length, variant === 0 ? "a" : "b")
      : String(variant).padEnd(p.length, " ");
    out += text.slice(at, p.offset) + replacement;
    at = p.offset + p.length;
  }
  return out + text.slice(at);
}

/** One diagnostic per unfilled placeholder: an error outside strings (Triton cannot read the file), a note inside (it loads with the text as the value, which a backend may reject at run time). */
export function placeholderDiagnostics(placeholders: readonly Placeholder[], file: string): Diagnostic[] {
  const names = [...new Set(placeholders.map((p) => p.name))];
  const hint = `fill the template before serving (TensorRT-LLM: tools/fill_template.py), or check it filled with --template-vars ${names.map((n) => `${n}=VALUE`).join(" ")} (or --template-vars-file FILE)`;
  return placeholders.map((p) => ({
    code: TEMPLATE_CODE,
    severity: p.quoted ? "info" : "error",
    message: p.quoted
      ? `template placeholder \${${p.name}} is not filled in: Triton reads the string as it is`
      : `template placeholder \${${p.name}} is not filled in: Triton cannot read this file (Expected a value, got: $)`,
    file,
    line: p.line,
    column: p.column,
    hint,
  }));
}
