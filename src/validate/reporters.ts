import { relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { type Diagnostic, formatLocation } from "../diagnostics/diagnostic.js";
import { RULES, isRuleId } from "./codes.js";
import type { ValidationSummary } from "./types.js";

/**
 * The three outputs of `gen-repo validate`: human text (`file:line:col`,
 * as compilers print), JSON for scripts, SARIF 2.1.0 for code scanning.
 * Each is a pure function of the diagnostics.
 */

export interface TextFormatOptions {
  /** ANSI colours (the CLI turns them on for a TTY without NO_COLOR). */
  color?: boolean;
}

const COLORS = {
  error: "\u001b[31m",
  warning: "\u001b[33m",
  info: "\u001b[36m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
  reset: "\u001b[0m",
};

/** `file:line:col: severity CODE: message`, then an indented hint; a summary line last. */
export function formatText(
  diagnostics: readonly Diagnostic[],
  summary: ValidationSummary,
  options: TextFormatOptions = {},
): string {
  const paint = (color: keyof typeof COLORS, text: string): string =>
    options.color ? `${COLORS[color]}${text}${COLORS.reset}` : text;
  const lines: string[] = [];
  for (const d of diagnostics) {
    lines.push(
      `${paint("bold", formatLocation(d))}: ${paint(d.severity, d.severity)} ${paint("dim", d.code)}: ${d.message}`,
    );
    if (d.hint !== undefined) lines.push(`  ${paint("dim", "hint:")} ${d.hint}`);
    for (const r of d.related ?? []) lines.push(`  ${paint("dim", `${r.file}:${r.line}:${r.column}:`)} ${r.message}`);
  }
  const counts = [
    `${summary.errors} error${summary.errors === 1 ? "" : "s"}`,
    `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}`,
  ];
  if (summary.infos > 0) counts.push(`${summary.infos} note${summary.infos === 1 ? "" : "s"}`);
  const verdict = summary.errors > 0 ? paint("error", "✗") : paint("info", "✓");
  const assumed = summary.tritonVersion !== undefined ? ` (assuming Triton ${summary.tritonVersion})` : "";
  lines.push(
    `${verdict} ${summary.models} model${summary.models === 1 ? "" : "s"} checked: ${counts.join(", ")}${assumed}`,
  );
  return `${lines.join("\n")}\n`;
}

/** `{ diagnostics: [{ code, severity, message, file, line, column, hint }], summary }`; unknown parts are null. */
export function formatJson(diagnostics: readonly Diagnostic[], summary: ValidationSummary): string {
  const list = diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.file ?? null,
    line: d.line ?? null,
    column: d.column ?? null,
    hint: d.hint ?? null,
  }));
  return `${JSON.stringify({ diagnostics: list, summary }, null, 2)}\n`;
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/**
 * A file path as a URI reference (RFC 3986), as SARIF's artifactLocation.uri
 * requires: each segment percent-encoded (`sp ace/m#1` → `sp%20ace/m%231`),
 * which also keeps a `:` in the first segment from reading as a scheme.
 */
export function fileUri(file: string): string {
  return file
    .split("\\")
    .join("/")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** Where SARIF results point: files relative to `root`, which the log names as `%SRCROOT%`. */
export interface SarifOptions {
  /** Folder the diagnostics' relative file names are relative to. */
  cwd: string;
  /**
   * The checkout's root (the folder holding `.git`). Result URIs are relative
   * to it, with `uriBaseId: "%SRCROOT%"`, and `originalUriBaseIds` maps that
   * to the root's file URI, so code scanning lands on the right lines
   * whatever folder the command ran in.
   */
  root: string;
}

/** SARIF 2.1.0, one run, one rule per catalogue code used. */
export function formatSarif(diagnostics: readonly Diagnostic[], toolVersion = "0.0.0", where?: SarifOptions): string {
  const used = new Set(diagnostics.map((d) => d.code));
  const rules: Array<{
    id: string;
    name: string;
    shortDescription: { text: string };
    defaultConfiguration: { level: string };
  }> = RULES.filter((r) => used.has(r.id)).map((r) => ({
    id: r.id,
    name: r.id.replace("-", ""),
    shortDescription: { text: r.title },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  for (const code of used) {
    if (!isRuleId(code))
      rules.push({
        id: code,
        name: code.replace("-", ""),
        shortDescription: { text: code },
        defaultConfiguration: { level: "error" },
      });
  }
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = diagnostics.map((d) => {
    const region: Record<string, number> = {};
    if (d.line !== undefined) region.startLine = d.line;
    if (d.column !== undefined) region.startColumn = d.column;
    const file = d.file ?? ".";
    const physicalLocation: Record<string, unknown> = {
      artifactLocation: where
        ? { uri: fileUri(relative(where.root, resolve(where.cwd, file)) || "."), uriBaseId: "%SRCROOT%" }
        : { uri: fileUri(file) },
    };
    if (d.line !== undefined) physicalLocation.region = region;
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code) ?? 0,
      level: SARIF_LEVEL[d.severity],
      message: { text: d.hint !== undefined ? `${d.message}\nhint: ${d.hint}` : d.message },
      locations: [{ physicalLocation }],
    };
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "triton-repo", version: toolVersion, rules } },
        ...(where
          ? {
              originalUriBaseIds: {
                "%SRCROOT%": { uri: pathToFileURL(where.root.endsWith(sep) ? where.root : where.root + sep).href },
              },
            }
          : {}),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
