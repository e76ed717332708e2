import { toProtoJSON } from "../../pbtxt/json.js";
import { parseConfig } from "../../pbtxt/parser.js";
import { printConfig } from "../../pbtxt/printer.js";
import { type Command, UsageError, reportDiagnostics, requireInputs } from "../io.js";
import { readTextFile } from "./read-input.js";
import { parseCommandArgs, parseGpuList } from "../args.js";

const USAGE = `usage: gen-repo print FILE [--format pbtxt|json] [--effective [--gpus 0,1|none] [--model-config-name NAME]]

Reads one config.pbtxt and prints it:
  --format pbtxt   canonical protobuf text (default): 2-space indent, fields in schema order
  --format json    protobuf JSON mapping with Triton's field names, as Triton's
                   model-configuration endpoint reports it (64-bit integers as strings,
                   enums by name, fields at their default value left out)
  --effective      the config as Triton will see it after its defaults and normalisation
                   (version policy, instance group names and counts, preferred batch
                   size, idle timeouts, pinned memory), computed offline; FILE must sit in
                   its model folder (model_repository/<model>/config.pbtxt)
  --gpus 0,1|none  with --effective: the GPUs of the serving host. Errors Triton would
                   raise loading the model on that host (a KIND_GPU group without GPUs,
                   …) are printed on stderr and make the exit code 1. Without it, the
                   host gen-repo validate assumes: one not described, so no refusal
                   depends on its GPUs, and groups are shown as Triton fills them on a
                   host without GPUs (KIND_AUTO becomes KIND_CPU).
  --model-config-name NAME  with --effective: as tritonserver's --model-config-name

A file that does not read prints FILE:LINE:COLUMN: message on stderr and exits 1.`;

export const printCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      format: { type: "string", default: "pbtxt" },
      effective: { type: "boolean", default: false },
      gpus: { type: "string" },
      "model-config-name": { type: "string" },
    });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
    const format = values.format;
    if (format !== "pbtxt" && format !== "json")
      throw new UsageError(`--format must be pbtxt or json, got "${format}"`);
    const file = positionals[0] as string;
    requireInputs(io.cwd, [file]);
    if (!values.effective && (values.gpus !== undefined || values["model-config-name"] !== undefined)) {
      throw new UsageError("--gpus and --model-config-name go with --effective");
    }
    if (values.effective) {
      // Without --gpus the host is not described, exactly as for `gen-repo validate`.
      const host = values.gpus !== undefined ? { gpus: parseGpuList(values.gpus) } : {};
      // The validator is loaded only for --effective: plain printing stays light.
      const { effectiveConfigOfFile } = await import("../../validate/index.js");
      const options =
        values["model-config-name"] !== undefined ? { ...host, modelConfigName: values["model-config-name"] } : host;
      const { config, diagnostics, refusals } = effectiveConfigOfFile(file, options);
      reportDiagnostics(io, diagnostics);
      if (!config) return 1;
      io.stdout(format === "json" ? `${JSON.stringify(toProtoJSON(config), null, 2)}\n` : printConfig(config));
      // The effective config of a model Triton would refuse is only half the answer: say why.
      reportDiagnostics(io, refusals);
      return refusals.length > 0 ? 1 : 0;
    }
    const input = readTextFile(file);
    if ("diagnostic" in input) {
      reportDiagnostics(io, [input.diagnostic]);
      return 1;
    }
    const result = parseConfig(input.text, { file, positions: false });
    reportDiagnostics(io, result.diagnostics);
    if (!result.ok) return 1;
    io.stdout(
      format === "json" ? `${JSON.stringify(toProtoJSON(result.value), null, 2)}\n` : printConfig(result.value),
    );
    return 0;
  },
};
