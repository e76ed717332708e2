import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { locateTarget } from "../../repository/locate.js";
import { packageRoot } from "../../schema/package-root.js";
import { formatJson, formatSarif, formatText } from "../../validate/reporters.js";
import { type ValidateOptions, summarize } from "../../validate/types.js";
import { validateRepository } from "../../validate/engine.js";
import { type CliIo, type Command, UsageError } from "../io.js";
import { parseGpuList } from "../args.js";

const USAGE = `usage: gen-repo validate [PATH ...] [options]

Checks model repositories the way Triton Inference Server loads them and
reports every problem with its file, line and column.

PATH is a repository root, a model folder, or a file inside a model
(config.pbtxt, 1/model.py, …); default: ./model_repository. A model folder
or a file checks that model only (its ensembles' steps are still read).

options:
  --format text|json|sarif   output format (default text)
  --gpus 0,1|none            GPUs of the target host; checks instance groups against them
  --model-config-name NAME   read <model>/configs/NAME.pbtxt when present (Triton's flag)
  --backend-dir DIR          look backends up in DIR instead of assuming the stock image's
  --no-auto-complete         as tritonserver --disable-auto-complete-config
  --strict                   treat warnings as errors
  --whole-repository         check the whole repository each PATH belongs to (pre-commit)

exit codes: 0 no errors, 1 errors found, 2 usage error or internal failure
`;

type Format = "text" | "json" | "sarif";

interface Parsed {
  paths: string[];
  format: Format;
  options: ValidateOptions;
  whole: boolean;
}

function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { paths: [], format: "text", options: {}, whole: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--format": {
        const f = value();
        if (f !== "text" && f !== "json" && f !== "sarif") throw new UsageError(`--format expects one of: text, json, sarif; got "${f}"`);
        parsed.format = f;
        break;
      }
      case "--gpus":
        parsed.options.gpus = parseGpuList(value());
        break;
      case "--model-config-name":
        parsed.options.modelConfigName = value();
        break;
      case "--backend-dir":
        parsed.options.backendDir = value();
        break;
      case "--no-auto-complete":
        parsed.options.autoComplete = false;
        break;
      case "--strict":
        parsed.options.strict = true;
        break;
      case "--whole-repository":
        parsed.whole = true;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option "${arg}"`);
        parsed.paths.push(arg);
    }
  }
  return parsed;
}

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Diagnostics of each repository, with files made relative to the working folder so editors can open them. */
function runValidation(parsed: Parsed, io: CliIo): { diagnostics: Diagnostic[]; models: number; repositories: number } {
  const paths = parsed.paths.length > 0 ? parsed.paths : ["model_repository"];
  const groups = new Map<string, Set<string> | undefined>();
  for (const p of paths) {
    const target = locateTarget(resolve(io.cwd, p));
    if (target.error !== undefined) throw new UsageError(target.error.replace(resolve(io.cwd, p), p));
    const whole = parsed.whole || target.model === undefined;
    if (groups.has(target.root) && groups.get(target.root) === undefined) continue;
    if (whole) groups.set(target.root, undefined);
    else {
      const set = groups.get(target.root) ?? new Set<string>();
      set.add(target.model as string);
      groups.set(target.root, set);
    }
  }
  const diagnostics: Diagnostic[] = [];
  let models = 0;
  const wholeRoots = [...groups].filter(([, only]) => only === undefined).map(([root]) => root);
  const calls: Array<{ roots: string[]; only?: Set<string> }> = [];
  if (wholeRoots.length > 0) calls.push({ roots: wholeRoots });
  for (const [root, only] of groups) if (only !== undefined) calls.push({ roots: [root], only });
  for (const call of calls) {
    const result = validateRepository(call.roots, { ...parsed.options, ...(call.only ? { only: call.only } : {}) });
    models += result.summary.models;
    for (const d of result.diagnostics) {
      if (d.file !== undefined) {
        const absolute = isAbsolute(d.file) ? d.file : join(call.roots[0] as string, d.file);
        d.file = relative(io.cwd, absolute).split("\\").join("/") || ".";
      }
      diagnostics.push(d);
    }
  }
  return { diagnostics, models, repositories: groups.size };
}

/** `gen-repo validate`: argv → repositories → report; exit 0 clean, 1 errors, 2 usage. */
export const validateCommand: Command = {
  summary: "check model repositories against Triton's load-time rules (text, JSON or SARIF)",
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(argv);
    const { diagnostics, models, repositories } = runValidation(parsed, io);
    const summary = summarize(diagnostics, models, repositories);
    if (parsed.format === "json") io.stdout(formatJson(diagnostics, summary));
    else if (parsed.format === "sarif") io.stdout(formatSarif(diagnostics, toolVersion()));
    else io.stdout(formatText(diagnostics, summary, { color: io.isTTY && !io.env.NO_COLOR }));
    return summary.errors > 0 ? 1 : 0;
  },
};
