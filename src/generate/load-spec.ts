import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { describeRefusal, readBoundedText } from "../fsio/bounded-read.js";
import { GEN_CODES } from "./codes.js";
import { loneSurrogates } from "./lone-surrogates.js";
import { checkSpecRules } from "./check-spec.js";
import type { RepoSpec } from "./spec.js";
import { repoSpecValidator, type ErrorObject } from "./spec-schema.js";
import { documentSpecSource, formatSpecPath, objectSpecSource, specDiagnostic, type SpecPathSegment, type SpecSource } from "./spec-source.js";

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
  const syntax: Diagnostic[] = [...doc.errors, ...doc.warnings].map((error) => {
    const at = lines.linePos(error.pos[0]);
    return {
      code: GEN_CODES.specSyntax,
      severity: doc.errors.includes(error) ? ("error" as const) : ("warning" as const),
      message: error.message.split("\n")[0] ?? error.message,
      file,
      line: at.line,
      column: at.col,
    };
  });
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
      diagnostics: [{ code: GEN_CODES.io, severity: "error", message: `cannot read spec: ${describeRefusal(read.refused)}`, file: displayName }],
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
        message = `unknown field ${quote(name)} in ${where}`;
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
        message = `${quote(error.data)} is not allowed at ${where}; expected one of: ${(params.allowedValues as unknown[]).map(String).join(", ")}`;
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
