import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { closestMatch } from "../diagnostics/suggest.js";
import { describeRefusal, readBoundedText } from "../fsio/bounded-read.js";
import { GEN_CODES } from "./codes.js";
import { loneSurrogates } from "./lone-surrogates.js";
import { checkSpecRules } from "./check-spec.js";
import type { RepoSpec } from "./spec.js";
import { repoSpecValidator, type ErrorObject } from "./spec-schema.js";
import {
  documentSpecSource,
  formatSpecPath,
  objectSpecSource,
  specDiagnostic,
  type SpecPathSegment,
  type SpecSource,
} from "./spec-source.js";

/** A spec read and checked; `spec` is present only when there is no error. */
export interface LoadedSpec {
  spec: RepoSpec | undefined;
  source: SpecSource;
  diagnostics: Diagnostic[];
}

/**
 * Reads a spec from YAML or JSON text (JSON is read as YAML 1.2, of which it
 * is a subset), then checks it against the schema and the generator's own
 * rules. Never throws; every problem is a diagnostic naming `file`, line,
 * column and spec path.
 */
export function loadSpecText(text: string, file: string): LoadedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const source = documentSpecSource(file, doc, lines);
  const syntax: Diagnostic[] = [...doc.errors, ...doc.warnings].map((error) =>
    yamlSyntaxDiagnostic(error, text, lines, file, doc.errors.includes(error) ? "error" : "warning"),
  );
  if (syntax.some((d) => d.severity === "error")) return { spec: undefined, source, diagnostics: syntax };
  let value: unknown;
  try {
    // The alias limit guards against "billion laughs" specs.
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return { spec: undefined, source, diagnostics: [{ code: GEN_CODES.specSyntax, severity: "error", message, file }] };
  }
  const checked = checkSpecValue(value, source);
  return { ...checked, diagnostics: [...syntax, ...checked.diagnostics] };
}

/** Largest spec file read: a spec of thousands of models is well under a megabyte. */
const MAX_SPEC_BYTES = 16 * 1024 * 1024;

/** Reads and checks a spec file; `displayName` is how diagnostics name it (default: the path). */
export function loadSpecFile(path: string, displayName = path): LoadedSpec {
  // The shared bounded reader: a FIFO, a device or a huge file is refused at once.
  const read = readBoundedText(path, MAX_SPEC_BYTES);
  if ("refused" in read) {
    return {
      spec: undefined,
      source: objectSpecSource(displayName),
      diagnostics: [
        {
          code: GEN_CODES.io,
          severity: "error",
          message: `cannot read spec: ${describeRefusal(read.refused)}`,
          file: displayName,
        },
      ],
    };
  }
  return loadSpecText(read.text, displayName);
}

/** Checks a spec value (parsed from a file or given through the API) against the schema and the rules. */
export function checkSpecValue(value: unknown, source: SpecSource = objectSpecSource()): LoadedSpec {
  const unencodable = loneSurrogates(value, source);
  if (unencodable.length > 0) return { spec: undefined, source, diagnostics: unencodable };
  const validate = repoSpecValidator();
  if (!validate(value)) {
    return { spec: undefined, source, diagnostics: schemaDiagnostics(validate.errors ?? [], source) };
  }
  const spec = value as unknown as RepoSpec;
  const diagnostics = checkSpecRules(spec, source);
  const ok = !diagnostics.some((d) => d.severity === "error");
  return { spec: ok ? spec : undefined, source, diagnostics };
}

function pointerToPath(pointer: string): SpecPathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

function quote(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

/**
 * Turns ajv errors into diagnostics. A failed `oneOf` reports once, for the
 * value, instead of once per alternative; messages quote the offender and say
 * what was expected, with the schema's description as the hint.
 */
function schemaDiagnostics(errors: readonly ErrorObject[], source: SpecSource): Diagnostic[] {
  const oneOfPaths = errors.filter((e) => e.keyword === "oneOf").map((e) => e.schemaPath);
  const kept = errors.filter((e) => !oneOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(`${p}/`)));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of kept) {
    const path = pointerToPath(error.instancePath);
    const schema = (error.parentSchema ?? {}) as { description?: string; properties?: Record<string, unknown> };
    const params = error.params as Record<string, unknown>;
    let message: string;
    let hint = schema.description;
    let at: "key" | "value" = "value";
    const where = formatSpecPath(path) || "spec";
    switch (error.keyword) {
      case "additionalProperties": {
        const name = String(params.additionalProperty);
        path.push(name);
        at = "key";
        message = `unknown field ${quote(name)} in ${where}${didYouMean(name, Object.keys(schema.properties ?? {}))}`;
        hint = `allowed fields: ${Object.keys(schema.properties ?? {}).join(", ")}`;
        break;
      }
      case "required":
        message = `${where} is missing required field ${quote(params.missingProperty)}`;
        break;
      case "pattern":
        message = `${quote(error.data)} is not allowed at ${where}`;
        break;
      case "enum":
        message = `${quote(error.data)} is not allowed at ${where}${didYouMean(String(error.data), (params.allowedValues as unknown[]).map(String))}; expected one of: ${(params.allowedValues as unknown[]).map(String).join(", ")}`;
        break;
      case "const":
        message = `${where} must be ${quote(params.allowedValue)}, got ${quote(error.data)}`;
        break;
      case "type":
        message = `${where} must be ${String(params.type)}, got ${typeOf(error.data)} ${quote(error.data)}`;
        break;
      case "oneOf":
        message = `${where} has none of the allowed forms, got ${typeOf(error.data)} ${quote(error.data)}`;
        break;
      case "propertyNames":
        continue; // reported through the failing name's own pattern error
      default:
        message = `${where} ${error.message ?? "is invalid"}`;
    }
    if (error.propertyName !== undefined) {
      path.push(error.propertyName);
      at = "key";
      message = `key ${quote(error.propertyName)} is not allowed in ${where}`;
    }
    const key = `${formatSpecPath(path)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(specDiagnostic(source, GEN_CODES.specSchema, path, message, hint === undefined ? { at } : { at, hint }));
  }
  return out;
}

/**
 * ` (did you mean "max_batch_size"?)` when one candidate holds the word
 * (`max_batch`, `FP32` for `TYPE_FP32`) or one is near it in spelling, else "".
 */
function didYouMean(word: string, candidates: readonly string[]): string {
  const lower = word.toLowerCase();
  const holding = lower.length >= 3 ? candidates.filter((c) => c.toLowerCase().includes(lower)) : [];
  const near = holding.length === 1 ? holding[0] : closestMatch(word, candidates);
  return near === undefined ? "" : ` (did you mean ${quote(near)}?)`;
}

/** What the yaml package reports, and how to fix it (its messages say what, not how). */
const YAML_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: "YAML indents with spaces only: replace the tab with spaces",
  DUPLICATE_KEY: "a key may appear once in a mapping: remove or merge the second one",
  MULTILINE_IMPLICIT_KEY:
    'a key needs ": " after it (name: value); a value that goes on needs to be indented under its key',
  BAD_INDENT: "indent the line like the other keys of its mapping (spaces only)",
  MISSING_CHAR: 'indent the line like the other keys of its mapping, and start a list item with "- "',
  UNEXPECTED_TOKEN: "a value that starts with a YAML indicator (@, `, %, …) must be quoted",
};

interface YamlProblem {
  code: string;
  message: string;
  pos: [number, number];
}

/**
 * A YAML syntax error at the line to fix. The yaml package notices an
 * unclosed `{`, `[` or quote where the text stops making sense, often lines
 * later; the diagnostic points at the opening character instead, and says so.
 */
function yamlSyntaxDiagnostic(
  error: YamlProblem,
  text: string,
  lines: LineCounter,
  file: string,
  severity: "error" | "warning",
): Diagnostic {
  const first = error.message.split("\n")[0] ?? error.message;
  let offset = error.pos[0];
  let message = first;
  let hint = YAML_HINTS[error.code];
  const open = unclosedBefore(text, offset);
  if (/^Flow (map|sequence)/.test(first) && open.bracket !== undefined) {
    const char = text[open.bracket] as "{" | "[";
    const close = char === "{" ? "}" : "]";
    offset = open.bracket;
    message = `this ${char === "{" ? "flow map" : "flow sequence"} "${char}" is not closed with "${close}"`;
    hint = `add "${close}" at the end of its last item (${first.charAt(0).toLowerCase()}${first.slice(1)})`;
  } else if (/^Missing closing/.test(first) && open.quote !== undefined) {
    offset = open.quote;
    message = `this string is not closed: ${text[open.quote]} without its closing ${text[open.quote]}`;
    hint = `close the string on the same line, or quote the other character (${first})`;
  }
  const at = lines.linePos(offset);
  const diagnostic: Diagnostic = { code: GEN_CODES.specSyntax, severity, message, file, line: at.line, column: at.col };
  if (hint !== undefined) diagnostic.hint = hint;
  return diagnostic;
}

/**
 * The innermost `{` or `[` still open at `end`, and the opening quote of a
 * string still open there, reading YAML's flow indicators, quoted strings
 * and comments (a quote counts only where a scalar can start).
 */
function unclosedBefore(text: string, end: number): { bracket?: number; quote?: number } {
  const brackets: number[] = [];
  let quote: number | undefined;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      const q = text[quote];
      if (q === '"' && c === "\\") i++;
      else if (c === q && q === "'" && text[i + 1] === "'") i++;
      else if (c === q) quote = undefined;
      continue;
    }
    const before = i === 0 ? "\n" : (text[i - 1] as string);
    if (c === "#" && /\s/.test(before)) {
      while (i < end && text[i] !== "\n") i++;
    } else if ((c === '"' || c === "'") && /[\s:,[{-]/.test(before)) {
      quote = i;
    } else if (c === "{" || c === "[") {
      brackets.push(i);
    } else if (c === "}" || c === "]") {
      brackets.pop();
    }
  }
  const result: { bracket?: number; quote?: number } = {};
  const bracket = brackets[brackets.length - 1];
  if (bracket !== undefined) result.bracket = bracket;
  if (quote !== undefined) result.quote = quote;
  return result;
}
