import { resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { readAtRevision } from "../../diff/git-revision.js";
import { compareConfigs, formatDiffText } from "../../diff/report.js";
import { parseConfig } from "../../pbtxt/parser.js";
import type { MessageValue } from "../../pbtxt/types.js";
import { type CliIo, type Command, UsageError, reportDiagnostics, requireInputs } from "../io.js";
import { readTextFile } from "./read-input.js";
import { parseCommandArgs } from "../args.js";

const USAGE = `usage: gen-repo diff OLD NEW [--format text|json]
       gen-repo diff FILE --rev REV [--format text|json]

Prints what changed between two config.pbtxt files, field by field
(instance_group[0].count: 1 -> 2), ignoring formatting, comments, field order
and explicit default values. With --rev, OLD is FILE as committed at REV
(git show REV:FILE, run in FILE's folder) and NEW is FILE as it is now.

It then says:
  reload     whether Triton can apply the change to a loaded model in place
             (only instance_group and/or version_policy changed) or must
             reload it fully
  interface  whether clients must change too (inputs, outputs, the batch
             dimension, sequence batching, decoupled responses)

  --format json   the same as one JSON object

Exit codes: 0 no semantic difference, 1 the configs differ, 2 usage error or
a file that cannot be read or parsed (reported as FILE:LINE:COLUMN: message).`;

/** Parses one side; reports and returns undefined when it does not read. */
function readSide(
  io: CliIo,
  input: { text: string } | { diagnostic: Diagnostic },
  label: string,
): MessageValue | undefined {
  if ("diagnostic" in input) {
    reportDiagnostics(io, [input.diagnostic]);
    return undefined;
  }
  const parsed = parseConfig(input.text, { file: label, positions: false });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (!parsed.ok) {
    reportDiagnostics(io, errors);
    return undefined;
  }
  return parsed.value;
}

export const diffCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, { rev: { type: "string" }, format: { type: "string", default: "text" } });
    const { values, positionals } = parsed;
    const format = values.format;
    if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, got "${format}"`);

    let beforeLabel: string;
    let afterLabel: string;
    let beforeInput: { text: string } | { diagnostic: Diagnostic };
    let afterInput: { text: string } | { diagnostic: Diagnostic };
    if (values.rev !== undefined) {
      if (positionals.length !== 1) throw new UsageError("with --rev, give exactly one FILE");
      const file = positionals[0] as string;
      requireInputs(io.cwd, [file]);
      beforeLabel = `${file}@${values.rev}`;
      afterLabel = file;
      beforeInput = readAtRevision(resolve(io.cwd, file), values.rev, file);
      afterInput = readTextFile(resolve(io.cwd, file), file);
    } else {
      if (positionals.length !== 2) throw new UsageError("expected OLD and NEW files, or one FILE with --rev REV");
      requireInputs(io.cwd, positionals);
      beforeLabel = positionals[0] as string;
      afterLabel = positionals[1] as string;
      beforeInput = readTextFile(resolve(io.cwd, beforeLabel), beforeLabel);
      afterInput = readTextFile(resolve(io.cwd, afterLabel), afterLabel);
    }
    const before = readSide(io, beforeInput, beforeLabel);
    const after = readSide(io, afterInput, afterLabel);
    if (before === undefined || after === undefined) return 2;

    const diff = compareConfigs(before, after, { before: beforeLabel, after: afterLabel });
    io.stdout(format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : formatDiffText(diff));
    return diff.identical ? 0 : 1;
  },
};
