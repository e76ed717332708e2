/**
 * Triton's log → diagnostics, on log lines recorded from Triton 2.51 (the
 * local install): each failure names the file and line Triton's words point
 * to, in the user's repository when Triton served a copy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diagnosticsFromLog } from "../../src/serve/triton-log.js";

const served = mkdtempSync(join(tmpdir(), "triton-log-"));
afterAll(() => rmSync(served, { recursive: true, force: true }));
mkdirSync(join(served, "act", "1"), { recursive: true });
writeFileSync(
  join(served, "act", "config.pbtxt"),
  [
    'name: "act"',
    'backend: "python"',
    "max_batch_size: 4",
    'input { name: "state" data_type: TYPE_FP32 dims: [ 8 ] }',
    "instance_group {",
    "  kind: KIND_GPU",
    "  gpus: [ 0 ]",
    "}",
    "",
  ].join("\n"),
);
const context = { servedRoot: served, shownRoot: "deploy/model_repository", gpuHint: "use --device cpu" };

describe("diagnosticsFromLog", () => {
  it("a config.pbtxt protobuf cannot read: protobuf's position and message, Triton's file", () => {
    const log = [
      `[libprotobuf ERROR /tmp/tritonbuild/text_format.cc:337] Error parsing text-format inference.ModelConfig: 55:3: Unknown enumeration value of "KIND_CPUX" for field "kind".`,
      `E1204 20:24:47.956872 13822 model_repository_manager.cc:1460] "Poll failed for model directory 'act': failed to read text proto from ${served}/act/config.pbtxt"`,
      "error: creating server: Internal - failed to load all models",
    ].join("\n");
    expect(diagnosticsFromLog(log, context)).toEqual([
      {
        code: "SERVE-CONFIG-SYNTAX",
        severity: "error",
        message: 'Unknown enumeration value of "KIND_CPUX" for field "kind".',
        file: "deploy/model_repository/act/config.pbtxt",
        line: 55,
        column: 3,
      },
    ]);
  });

  it("a protobuf message quoting a line separator (U+2028) is read to the line's end", () => {
    // protoc's own words for `platform"\u2028"` on line 2 (checked against protoc 3.21).
    const message = 'Expected ":", found ""\u2028"".';
    const log = [
      `[libprotobuf ERROR /tmp/tritonbuild/text_format.cc:337] Error parsing text-format inference.ModelConfig: 2:9: ${message}`,
      `E1204 20:24:47.956872 13822 model_repository_manager.cc:1460] "Poll failed for model directory 'act': failed to read text proto from ${served}/act/config.pbtxt"`,
    ].join("\n");
    expect(diagnosticsFromLog(log, context)).toEqual([
      expect.objectContaining({ code: "SERVE-CONFIG-SYNTAX", message, line: 2, column: 9 }),
    ]);
  });

  it("an exception in load_model: the innermost model.py frame of the stub's traceback", () => {
    const log = `E1204 20:25:23.453761 15360 model_lifecycle.cc:642] "failed to load 'act' version 1: Internal: ValueError: no checkpoint here\\n\\nAt:\\n  ${served}/act/1/model.py(189): load_model\\n  ${served}/act/1/model.py(123): initialize\\n"`;
    expect(diagnosticsFromLog(log, context)).toEqual([
      expect.objectContaining({
        code: "SERVE-MODEL-LOAD",
        file: "deploy/model_repository/act/1/model.py",
        line: 189,
        message: "failed to load 'act' version 1: ValueError: no checkpoint here (in load_model)",
      }),
    ]);
  });

  it("a frame in a folder beside the repository whose name starts the same is not in the repository", () => {
    // `${served}-libs` is not inside `${served}`: its frame is skipped, and the model.py frame is the one shown.
    const log = `E1204 20:25:23.453761 15360 model_lifecycle.cc:642] "failed to load 'act' version 1: Internal: KeyError: 'x'\\n\\nAt:\\n  ${served}-libs/helpers.py(12): lookup\\n  ${served}/act/1/model.py(123): initialize\\n"`;
    expect(diagnosticsFromLog(log, context)).toEqual([
      expect.objectContaining({ file: "deploy/model_repository/act/1/model.py", line: 123 }),
    ]);
  });

  it("a syntax error in model.py: Python's line", () => {
    const log = `E1204 20:25:24.883821 15559 model_lifecycle.cc:642] "failed to load 'act' version 1: Internal: SyntaxError: invalid syntax (model.py, line 130)"`;
    expect(diagnosticsFromLog(log, context)).toEqual([
      {
        code: "SERVE-MODEL-LOAD",
        severity: "error",
        message: "failed to load 'act' version 1: SyntaxError: invalid syntax (model.py, line 130)",
        file: "deploy/model_repository/act/1/model.py",
        line: 130,
      },
    ]);
  });

  it("a KIND_GPU group on a host without GPUs: the instance_group's line and the --device cpu hint", () => {
    const log = `E1204 20:24:57.267768 14067 model_lifecycle.cc:642] "failed to load 'act' version 1: Invalid argument: instance group act_0 of model act specifies invalid or unsupported gpu id 0. GPUs with at least the minimum required CUDA compute compatibility of 6.000000 are: "`;
    const [d] = diagnosticsFromLog(log, context);
    expect(d).toMatchObject({ file: "deploy/model_repository/act/config.pbtxt", line: 5, hint: "use --device cpu" });
    expect(d?.message).toContain("specifies invalid or unsupported gpu id 0");
  });

  it("a config rule naming a tensor: the line that spells it", () => {
    const log = `E1204 model_lifecycle.cc:642] "failed to load 'act' version 1: Invalid argument: model 'act', tensor 'state': the model expects 2 dimensions (shape [1,8]) but the model configuration specifies 3 dimensions"`;
    expect(diagnosticsFromLog(log, context)[0]).toMatchObject({
      file: "deploy/model_repository/act/config.pbtxt",
      line: 4,
    });
  });

  it("a port in use: the server error with a hint", () => {
    const log = `E1204 20:27:45.951427 22381 main.cc:257] "failed to start HTTP service: Unavailable - Socket '127.0.0.1:18123' already in use "`;
    expect(diagnosticsFromLog(log, context)).toEqual([
      expect.objectContaining({
        code: "SERVE-SERVER",
        message: "failed to start HTTP service: Unavailable - Socket '127.0.0.1:18123' already in use",
      }),
    ]);
  });

  it("nothing model-specific: Triton's last error line", () => {
    expect(
      diagnosticsFromLog(
        'I1204 server.cc:302] "No server context available. Exiting immediately."\nerror: creating server: Internal - failed to stat file /nope',
        context,
      ),
    ).toEqual([
      { code: "SERVE-SERVER", severity: "error", message: "creating server: Internal - failed to stat file /nope" },
    ]);
  });
});
