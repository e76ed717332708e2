import { parseArgs } from "node:util";
import { formatDiagnosticLine } from "../../diagnostics/diagnostic.js";
import { toProtoJSON } from "../../textformat/json.js";
import { parseConfig } from "../../textformat/parser.js";
import { printConfig } from "../../textformat/printer.js";
import { type Command, UsageError } from "../io.js";
import { readTextFile } from "./read-input.js";

const USAGE = `usage: gen-repo print FILE [--format pbtxt|json]

Reads one config.pbtxt and prints it:
  --format pbtxt   canonical protobuf text (default): 2-space indent, fields in schema order
  --format json    protobuf JSON mapping with Triton's field names, as Triton's
                   model-configuration endpoint reports it (64-bit integers as strings,
                   enums by name, fields at their default value left out)

A file that does not read prints FILE:LINE:COLUMN: message on stderr and exits 1.`;

export const printCommand: Command = {
  summary: "read one config.pbtxt and print it canonically or as JSON",
  usage: USAGE,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { format: { type: "string", default: "pbtxt" } },
      });
    } catch (error: unknown) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
    const format = values.format;
    if (format !== "pbtxt" && format !== "json") throw new UsageError(`--format must be pbtxt or json, got "${format}"`);
    const file = positionals[0] as string;
    const input = readTextFile(file);
    if ("diagnostic" in input) {
      io.stderr(`${formatDiagnosticLine(input.diagnostic)}\n`);
      return 1;
    }
    const result = parseConfig(input.text, { file, positions: false });
    for (const d of result.diagnostics) io.stderr(`${formatDiagnosticLine(d)}${d.hint ? ` (${d.hint})` : ""}\n`);
    if (!result.ok) return 1;
    io.stdout(format === "json" ? `${JSON.stringify(toProtoJSON(result.value), null, 2)}\n` : printConfig(result.value));
    return 0;
  },
};
