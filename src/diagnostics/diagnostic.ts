/**
 * The one shape every problem takes in triton-repo: syntax errors, rule
 * violations, layout problems, schema errors and CLI misuse alike.
 */
export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Diagnostic {
  /** Stable code: a syntax code (`PB-…`), a rule id from the catalogue (`MC-51`) or our own (`TR-…`). */
  code: string;
  severity: Severity;
  /** What is wrong, quoting the offender. Triton's own wording where Triton has one. */
  message: string;
  /** File the problem is in, relative to the repository root where there is one, `/` separators. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column, in UTF-16 code units (what editors count). */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Field path inside the config, such as `instance_group[0].count`. */
  path?: string;
  /** How to fix it, when we know. */
  hint?: string;
  related?: RelatedLocation[];
}

const DIAGNOSTIC_ERROR_BRAND = Symbol.for("triton-repo.DiagnosticError");

/**
 * Thrown only by the `…OrThrow` variants. Carries every diagnostic, and is
 * recognised by a brand rather than `instanceof`, which survives two copies of
 * the package in one install.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  readonly [DIAGNOSTIC_ERROR_BRAND] = true;
  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0];
    super(first ? formatDiagnosticLine(first) : "unknown error");
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
  }
}

export function isDiagnosticError(value: unknown): value is DiagnosticError {
  return typeof value === "object" && value !== null && DIAGNOSTIC_ERROR_BRAND in value;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * `file:line:column` (the parts that are known). Without a file, the field
 * path (`dynamic_batching.preferred_batch_size[0]`) when there is one, else
 * the empty string: a made-up file name would send the reader looking for a
 * file that does not exist.
 */
export function formatLocation(d: Diagnostic): string {
  if (d.file === undefined) return d.path ?? "";
  let where = d.file;
  if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.column !== undefined) where += `:${d.column}`;
  }
  return where;
}

/**
 * `file:line:column: severity CODE: message`, as compilers print it
 * (`config.pbtxt:3:20: error PB-UNKNOWN-ENUM: Unknown enumeration value …`);
 * the location part is left out when nothing locates the problem.
 */
export function formatDiagnosticLine(d: Diagnostic): string {
  const where = formatLocation(d);
  return `${where === "" ? "" : `${where}: `}${d.severity} ${d.code}: ${d.message}`;
}

/** Sorts by file, line, column, then code, so two runs print the same bytes. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.file ?? "";
  const fb = b.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.column ?? 0;
  const cb = b.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
