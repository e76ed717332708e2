import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { describeFsError } from "../../fsio/errors.js";
import { starterSpec } from "../../generate/starter.js";
import { type Command, UsageError } from "../io.js";
import { parseCommandArgs } from "../args.js";

const USAGE = `usage: gen-repo init [FILE] [--name MODEL] [--force]

Writes a commented starter spec (default FILE: triton-repo.yaml) for
"gen-repo generate FILE --out DIR": one stateful Python-backend model on GPU 0
with sequence batching, a warmup, docker-compose options and both scripts.

  --name MODEL   name of the model (default: my_model)
  --force        replace FILE when it exists`;

export const initCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      name: { type: "string", default: "my_model" },
      force: { type: "boolean", default: false },
    });
    const { values, positionals } = parsed;
    if (positionals.length > 1) throw new UsageError("expected at most one FILE");
    const file = positionals[0] ?? "triton-repo.yaml";
    const target = resolve(io.cwd, file);
    if (existsSync(target) && values.force !== true) {
      io.stderr(`gen-repo init: ${file} exists; use --force to replace it\n`);
      return 1;
    }
    const starter = starterSpec({
      name: values.name ?? "my_model",
      fileName: basename(file),
      directory: dirname(target),
    });
    if (!starter.ok) {
      // The positions point into the rendered starter, which the user never saw: report the option instead.
      for (const d of starter.diagnostics)
        io.stderr(`gen-repo init: --name: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ""}\n`);
      // A name that cannot be a model folder is a mistake on the command line: usage, exit 2.
      return 2;
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, starter.text, { encoding: "utf8", flag: values.force === true ? "w" : "wx" });
    } catch (error: unknown) {
      io.stderr(`gen-repo init: cannot write ${file}: ${describeFsError(error)}\n`);
      return 1;
    }
    const shown = relative(io.cwd, target).split(sep).join("/") || file;
    io.stdout(`wrote ${shown}\nnext: gen-repo generate ${shown} --out deploy\n`);
    return 0;
  },
};
