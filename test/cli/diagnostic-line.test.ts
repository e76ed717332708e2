import { describe, expect, it } from "vitest";
import { DiagnosticError, formatDiagnosticLine } from "../../src/diagnostics/diagnostic.js";

/** One line per problem, as compilers print it: where, severity, code, message; never a made-up file name. */

describe("formatDiagnosticLine", () => {
  it.each([
    [
      { code: "PB-UNKNOWN-ENUM", severity: "error", message: "m", file: "config.pbtxt", line: 3, column: 20 },
      "config.pbtxt:3:20: error PB-UNKNOWN-ENUM: m",
    ],
    [
      { code: "TR-1", severity: "warning", message: "m", file: "a/config.pbtxt", line: 3 },
      "a/config.pbtxt:3: warning TR-1: m",
    ],
    [{ code: "RL-1", severity: "error", message: "m", file: "repo" }, "repo: error RL-1: m"],
    [
      { code: "MC-51", severity: "error", message: "m", path: "dynamic_batching.preferred_batch_size[0]" },
      "dynamic_batching.preferred_batch_size[0]: error MC-51: m",
    ],
    [{ code: "PB-WIRE", severity: "info", message: "m" }, "info PB-WIRE: m"],
  ] as const)("%j", (d, want) => {
    expect(formatDiagnosticLine(d)).toBe(want);
  });

  it("gives a DiagnosticError a message without a placeholder file", () => {
    const error = new DiagnosticError([
      {
        code: "MC-93",
        severity: "error",
        message: "warmup setting expects all variable-size dimensions are specified for input 'x'",
        path: "input[0].dims[0]",
      },
    ]);
    expect(error.message).toBe(
      "input[0].dims[0]: error MC-93: warmup setting expects all variable-size dimensions are specified for input 'x'",
    );
    expect(error.message).not.toMatch(/<input>|<stdin>|config\.pbtxt/);
  });
});
