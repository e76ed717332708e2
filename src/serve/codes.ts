/** Diagnostic codes of `gen-repo serve`. Messages are Triton's own text; these say where it came from. */
export const SERVE_CODES = {
  /** No tritonserver found, or the one named is not a file. */
  noTriton: "SERVE-NO-TRITON",
  /** Triton could not read a config.pbtxt (protobuf's text-format error, with its line and column). */
  configSyntax: "SERVE-CONFIG-SYNTAX",
  /** Triton refused to load a model (config rules, model.py errors, missing files). */
  modelLoad: "SERVE-MODEL-LOAD",
  /** Triton did not start or stopped by itself (ports in use, a bad repository path, a crash). */
  server: "SERVE-SERVER",
} as const;
