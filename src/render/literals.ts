/**
 * Values turned into source text that means exactly the value, whatever the
 * value holds (quotes, backslashes, newlines, non-ASCII, `$`). Templates never
 * print a spec string any other way: every mustache goes through one of these
 * helpers (a test holds that line).
 */

/** A plain value a literal can be made of. */
export type LiteralValue =
  | string
  | number
  | boolean
  | null
  | readonly LiteralValue[]
  | { readonly [key: string]: LiteralValue };

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/**
 * `text` in double quotes with everything outside printable ASCII escaped, one
 * escape per code point (`\xNN`, `\uNNNN`, `\UNNNNNNNN`). Python and YAML read
 * these the same way; `specials` names the characters each language spells
 * otherwise (`\n`, `\"`).
 */
function quoteAscii(text: string, specials: Readonly<Record<string, string>>): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const special = specials[char];
    if (special !== undefined) out += special;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

const PYTHON_SPECIALS = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const YAML_SPECIALS = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t" };

/**
 * A Python double-quoted string literal. Astral characters are escaped as one
 * `\UNNNNNNNN`, never as a surrogate pair, which Python would keep as two
 * characters; the literal survives any file encoding and cannot end a line or
 * a comment.
 */
export function pythonString(text: string): string {
  return quoteAscii(text, PYTHON_SPECIALS);
}

/** A Python expression for a plain value: str, int, float, bool, None, list or dict. */
export function pythonLiteral(value: LiteralValue): string {
  if (value === null) return "None";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : 'float("-inf")';
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: LiteralValue) => pythonLiteral(v)).join(", ")}]`;
  const entries = Object.entries(value as { readonly [key: string]: LiteralValue });
  return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonLiteral(v)}`).join(", ")}}`;
}

/**
 * A YAML double-quoted scalar. YAML's escapes are a superset of JSON's and
 * include `\UNNNNNNNN`; non-ASCII is escaped so no reader can take a Unicode
 * line separator for a line break.
 */
export function yamlString(text: string): string {
  return quoteAscii(text, YAML_SPECIALS);
}

/**
 * A docker-compose string: Compose interpolates `$VAR` and `${VAR}` in every
 * value, so a literal `$` is doubled before YAML quoting.
 */
export function composeString(text: string): string {
  return yamlString(text.replace(/\$/g, "$$$$"));
}

/** A YAML flow value (numbers, booleans, strings, lists) for a plain value. */
export function yamlLiteral(value: LiteralValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return yamlString(value);
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map((v: LiteralValue) => yamlLiteral(v)).join(", ")}]`;
  const entries = Object.entries(value as { readonly [key: string]: LiteralValue });
  return `{${entries.map(([k, v]) => `${yamlString(k)}: ${yamlLiteral(v)}`).join(", ")}}`;
}

/**
 * A word for a Dockerfile `RUN` shell line, single-quoted so the shell
 * expands nothing inside it.
 */
export function shellWord(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
