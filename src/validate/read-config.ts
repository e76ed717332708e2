import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../pbtxt/parser.js";
import type { MessageValue, SourceInfo } from "../pbtxt/types.js";
import { engineDiagnostic } from "./engine-reports.js";

/** What reading a config's text gives the pipeline. */
export interface ConfigText {
  value: MessageValue;
  diagnostics: Diagnostic[];
  ok: boolean;
  source: SourceInfo | undefined;
}

/** Reads a config's text (stage S1); never throws. */
export function readConfigText(text: string, file: string): ConfigText {
  try {
    const parsed = parseConfig(text, { file });
    return { value: parsed.value, diagnostics: parsed.diagnostics, ok: parsed.ok, source: parsed.source };
  } catch (error: unknown) {
    // parseConfig promises never to throw; if it ever does, say so instead of crashing the whole run.
    const message = error instanceof Error ? error.message : String(error);
    return {
      value: {},
      diagnostics: [engineDiagnostic("MC-1", { message: `failed to read text proto from ${file}: ${message}`, file })],
      ok: false,
      source: undefined,
    };
  }
}
