import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Diagnostic, compareDiagnostics } from "../../diagnostics/diagnostic.js";
import { locateTarget } from "../../repository/locate.js";
import { listDirectory, statKind, withRememberedListings } from "../../repository/probe.js";
import { formatJson, formatSarif, formatText } from "../../validate/reporters.js";
import { type ValidateOptions, summarize } from "../../validate/types.js";
import { validateConfig, validateRepository } from "../../validate/engine.js";
import { DEFAULT_TRITON_VERSION, isTritonVersion } from "../../validate/environment.js";
import { DEFAULT_MAX_CONFIG_BYTES } from "../../repository/scan.js";
import { diagnosticsFor } from "../../validate/codes.js";
import { type CliIo, type Command, UsageError, checkoutRoot, requireInputs, useColor } from "../io.js";
import { parseCommandArgs, parseGpuList } from "../args.js";
import { withCompilerTunedFor } from "../compiler-tuning.js";
import { readTextFile } from "./read-input.js";
import { toolVersion } from "../version.js";

const USAGE = `usage: gen-repo validate [PATH ...] [options]

Checks model repositories the way Triton Inference Server loads them and
reports every problem with its file, line and column.

PATH is a repository root, a model folder, or a file inside a model
(config.pbtxt, 1/model.py, …); default: ./model_repository, or else the
repository the working folder is in (run inside a model folder). A model folder
or a file checks that model only (its ensembles' steps are still read).
A config file Triton does not read by default is checked as the model's
config: configs/NAME.pbtxt as --model-config-name NAME reads it, another
.pbtxt file in the model folder as if it were config.pbtxt.

options:
  --format text|json|sarif   output format (default text)
  --gpus 0,1|none            GPUs of the target host; checks instance groups against them
  --model-config-name NAME   read <model>/configs/NAME.pbtxt when present (Triton's flag)
  --backend-dir DIR          look backends up in DIR instead of assuming the stock image's
  --no-auto-complete         as tritonserver --disable-auto-complete-config
  --strict                   treat warnings as errors
  --model-namespacing        as tritonserver --model-namespacing=true: one model name may be in
                             several repositories; a step resolves in its ensemble's repository first
  --triton-version YY.MM     the Triton release whose stock image is assumed (its backends: TensorFlow
                             is gone after 25.03); default ${DEFAULT_TRITON_VERSION}. The report names it.
  --no-model-files           do not look for model binaries (exported or downloaded later); layout,
                             configs and model.py are still checked, and one line says what was skipped
  --template-vars NAME=VALUE ...
                             fill \${NAME} placeholders of templated configs before checking
  --template-vars-file FILE  the same from a JSON or YAML object of names and values
  --config-only              check each PATH as a config file on its own, outside any repository
                             (the model name is the config's name)
  --whole-repository         check the whole repository each PATH belongs to (pre-commit)

exit codes: 0 no errors, 1 errors found, 2 usage error or internal failure
`;

type Format = "text" | "json" | "sarif";

/** The ids the command reports itself: a PATH that holds no model, a config file `--config-only` cannot read. */
const CLI_REPORTS = ["RL-1", "TR-6", "TR-7"] as const;
const reportDiagnostic = diagnosticsFor(CLI_REPORTS);

interface Parsed {
  paths: string[];
  format: Format;
  options: ValidateOptions;
  whole: boolean;
  configOnly: boolean;
  /** `--template-vars` pairs, in order; they win over the file's. */
  templateVars: Record<string, string>;
  templateVarsFile: string | undefined;
}

/** One `--template-vars` pair: a placeholder name, `=`, the value (possibly empty). */
const TEMPLATE_PAIR = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/** validate's options for the shared parser; `--template-vars` takes every NAME=VALUE word after it. */
const OPTIONS = {
  format: { type: "string", default: "text" },
  gpus: { type: "string" },
  "model-config-name": { type: "string" },
  "backend-dir": { type: "string" },
  "no-auto-complete": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  "model-namespacing": { type: "boolean", default: false },
  "triton-version": { type: "string" },
  "no-model-files": { type: "boolean", default: false },
  "template-vars": { type: "string", multiple: true, continues: TEMPLATE_PAIR },
  "template-vars-file": { type: "string" },
  "config-only": { type: "boolean", default: false },
  "whole-repository": { type: "boolean", default: false },
} as const;

function parseArgs(argv: string[]): Parsed {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const options: ValidateOptions = {};
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "sarif")
    throw new UsageError(`--format expects one of: text, json, sarif; got "${format}"`);
  if (values.gpus !== undefined) {
    // parseGpuList reads "" as no GPU; here an empty value is a mistake (an unset variable), not "none".
    if (values.gpus.trim() === "")
      throw new UsageError('--gpus expects GPU ids such as 0,1 or "none", got an empty value');
    options.gpus = parseGpuList(values.gpus);
  }
  const name = values["model-config-name"];
  if (name !== undefined) {
    if (name === "")
      throw new UsageError("--model-config-name expects a name (configs/NAME.pbtxt), got an empty value");
    options.modelConfigName = name;
  }
  if (values["backend-dir"] !== undefined) options.backendDir = values["backend-dir"];
  if (values["no-auto-complete"]) options.autoComplete = false;
  if (values.strict) options.strict = true;
  if (values["model-namespacing"]) options.modelNamespacing = true;
  const version = values["triton-version"];
  if (version !== undefined) {
    if (!isTritonVersion(version))
      throw new UsageError(
        `--triton-version expects a release such as ${DEFAULT_TRITON_VERSION} (YY.MM), got "${version}"`,
      );
    options.tritonVersion = version;
  }
  if (values["no-model-files"]) options.noModelFiles = true;
  const templateVars: Record<string, string> = {};
  for (const pair of values["template-vars"] ?? []) {
    const m = TEMPLATE_PAIR.exec(pair);
    if (!m) throw new UsageError(`--template-vars expects NAME=VALUE pairs, got "${pair}"`);
    templateVars[m[1] as string] = m[2] as string;
  }
  return {
    paths: positionals,
    format,
    options,
    whole: values["whole-repository"],
    configOnly: values["config-only"],
    templateVars,
    templateVarsFile: values["template-vars-file"],
  };
}

/**
 * `--template-vars-file` (a JSON or YAML object of scalars) under the `--template-vars` pairs.
 * The YAML reader is loaded only here: a pre-commit hook's plain `validate` never pays for it.
 */
async function loadTemplateVars(parsed: Parsed, io: CliIo): Promise<void> {
  let vars: Record<string, string> = {};
  if (parsed.templateVarsFile !== undefined) {
    const file = parsed.templateVarsFile;
    const read = readTextFile(resolve(io.cwd, file), file, 1024 * 1024);
    if ("reason" in read) throw new UsageError(`--template-vars-file ${file}: ${read.reason}`);
    const { parse: parseYaml } = await import("yaml");
    let data: unknown;
    try {
      data = parseYaml(read.text);
    } catch (error: unknown) {
      throw new UsageError(
        `--template-vars-file ${file}: not JSON or YAML (${(error as Error).message.split("\n")[0]})`,
      );
    }
    if (typeof data !== "object" || data === null || Array.isArray(data))
      throw new UsageError(`--template-vars-file ${file}: expected an object of names and values`);
    for (const [name, v] of Object.entries(data)) {
      if (typeof v === "object" && v !== null)
        throw new UsageError(`--template-vars-file ${file}: the value of '${name}' is not a string, number or boolean`);
      vars[name] = v === null ? "" : String(v);
    }
  }
  vars = { ...vars, ...parsed.templateVars };
  if (Object.keys(vars).length > 0) parsed.options.templateVars = vars;
}

/**
 * `--config-only`: each PATH is a config file checked on its own (the
 * rules decidable from the config alone), named by its path.
 */
function validateConfigFiles(
  parsed: Parsed,
  io: CliIo,
): { diagnostics: Diagnostic[]; models: number; repositories: number } {
  if (parsed.paths.length === 0) throw new UsageError("--config-only needs the config files to check");
  const diagnostics: Diagnostic[] = [];
  for (const p of parsed.paths) {
    const absolute = resolve(io.cwd, p);
    const kind = statKind(absolute).kind;
    if (kind !== "file")
      throw new UsageError(
        `--config-only checks config files; ${p} is ${kind === "broken" ? "not there" : "not a file"}`,
      );
    // Only Windows separates with `\`; elsewhere a backslash belongs to a name (and to the `\xNN` of one not in UTF-8).
    const file = relative(io.cwd, absolute).split(sep).join("/");
    const read = readTextFile(absolute, file, DEFAULT_MAX_CONFIG_BYTES);
    if ("reason" in read) {
      const code = read.refused.kind === "too-large" ? "TR-7" : "TR-6";
      diagnostics.push(
        reportDiagnostic(code, { severity: "error", message: `cannot read '${file}': ${read.reason}`, file }),
      );
      continue;
    }
    diagnostics.push(...validateConfig(read.text, { ...parsed.options, file }));
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), models: parsed.paths.length, repositories: 0 };
}

/** Options that name the serving host must name something that exists, or every check against them is false. */
function checkOptionPaths(parsed: Parsed, io: CliIo): void {
  const dir = parsed.options.backendDir;
  if (dir === undefined) return;
  if (dir === "") throw new UsageError("--backend-dir expects a directory, got an empty value");
  const absolute = resolve(io.cwd, dir);
  const kind = statKind(absolute).kind;
  if (kind !== "directory")
    throw new UsageError(`--backend-dir ${dir}: ${kind === "broken" ? "no such directory" : "not a directory"}`);
  parsed.options.backendDir = absolute;
}

/** One validateRepository run of the CLI: roots, and what it reports and reads. */
interface Call {
  roots: string[];
  only?: Set<string>;
  configFiles?: Map<string, string>;
}

/**
 * The runs PATHs ask for: the whole repositories in one run (so names are
 * compared across them, RL-4), the chosen models of each other repository in
 * one run each, and each config file Triton would not read by default in a
 * run of its own. Paths that hold no model become diagnostics.
 */
function planCalls(parsed: Parsed, io: CliIo): { calls: Call[]; roots: Set<string>; notes: Diagnostic[] } {
  const paths = parsed.paths.length > 0 ? parsed.paths : defaultPaths(io.cwd);
  requireInputs(io.cwd, paths);
  const groups = new Map<string, Set<string> | undefined>();
  const chosen = new Map<string, Call>();
  const notes: Diagnostic[] = [];
  const roots = new Set<string>();
  for (const p of paths) {
    const absolute = resolve(io.cwd, p);
    const target = locateTarget(absolute);
    if (target.error !== undefined) throw new UsageError(target.error.replace(absolute, p));
    roots.add(target.root);
    if (target.noModel !== undefined) {
      notes.push(
        reportDiagnostic("RL-1", {
          severity: "error",
          message: target.noModel.replace(absolute, p),
          file: absolute,
          hint: "pass a repository root (the folder given to tritonserver --model-repository), a model folder, or a file inside a model",
        }),
      );
      if (parsed.whole && existsAsDirectory(target.root) && target.root !== absolute)
        groups.set(target.root, undefined);
      continue;
    }
    if (target.model !== undefined && target.config !== undefined) {
      const key = `${target.root}\0${target.model}\0${target.config}`;
      if (!chosen.has(key))
        chosen.set(key, {
          roots: [target.root],
          only: new Set([target.model]),
          configFiles: new Map([[target.model, target.config]]),
        });
      if (!parsed.whole) continue;
    }
    const whole = parsed.whole || target.model === undefined;
    if (groups.has(target.root) && groups.get(target.root) === undefined) continue;
    if (whole) groups.set(target.root, undefined);
    else {
      const set = groups.get(target.root) ?? new Set<string>();
      set.add(target.model as string);
      groups.set(target.root, set);
    }
  }
  const calls: Call[] = [];
  const wholeRoots = [...groups].filter(([, only]) => only === undefined).map(([root]) => root);
  // A named config of a model in a repository checked whole is read in that same run (once per
  // model); only a second config file of one model needs a run of its own.
  const merged = new Map<string, string>();
  const separate: Call[] = [];
  for (const call of chosen.values()) {
    const [model, file] = [...(call.configFiles ?? [])][0] as [string, string];
    if (wholeRoots.includes(call.roots[0] as string) && !merged.has(model)) merged.set(model, file);
    else separate.push(call);
  }
  if (wholeRoots.length > 0)
    calls.push(merged.size > 0 ? { roots: wholeRoots, configFiles: merged } : { roots: wholeRoots });
  for (const [root, only] of groups) if (only !== undefined) calls.push({ roots: [root], only });
  calls.push(...separate);
  return { calls, roots, notes };
}

/**
 * Without PATH: ./model_repository when there is one, else the repository the
 * working folder belongs to (its root, a model folder or a folder inside a
 * model), checked whole.
 */
function defaultPaths(cwd: string): string[] {
  if (existsAsDirectory(join(cwd, "model_repository"))) return ["model_repository"];
  const target = locateTarget(cwd);
  if (target.error === undefined && target.noModel === undefined) return [relative(cwd, target.root) || "."];
  return ["model_repository"];
}

function existsAsDirectory(path: string): boolean {
  return statKind(path).kind === "directory";
}

/** About how many models the calls check: the folders of each root (listed once, the scan reuses the listing). */
function plannedModels(calls: Call[]): number {
  let folders = 0;
  for (const call of calls) {
    if (call.only !== undefined) folders += call.only.size;
    else
      for (const root of call.roots)
        folders += listDirectory(root).entries.filter((entry) => entry.kind === "directory").length;
  }
  return folders;
}

/** Diagnostics of each repository, with files made relative to the working folder so editors can open them. */
function runValidation(parsed: Parsed, io: CliIo): { diagnostics: Diagnostic[]; models: number; repositories: number } {
  const { calls, roots, notes } = planCalls(parsed, io);
  const diagnostics: Diagnostic[] = [];
  let models = 0;
  const relativeToCwd = (d: Diagnostic, root: string): void => {
    if (d.file === undefined) return;
    const absolute = isAbsolute(d.file) ? d.file : join(root, d.file);
    d.file = relative(io.cwd, absolute).split(sep).join("/") || ".";
  };
  for (const note of notes) {
    relativeToCwd(note, io.cwd);
    diagnostics.push(note);
  }
  withCompilerTunedFor(plannedModels(calls), () => {
    for (const call of calls) {
      const result = validateRepository(call.roots, {
        ...parsed.options,
        ...(call.only ? { only: call.only } : {}),
        ...(call.configFiles ? { configFiles: call.configFiles } : {}),
      });
      models += result.summary.models;
      for (const d of result.diagnostics) {
        relativeToCwd(d, call.roots[0] as string);
        diagnostics.push(d);
      }
    }
  });
  // A model checked twice (two config files of it named on the command line) repeats its layout findings.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { diagnostics: unique.sort(compareDiagnostics), models, repositories: roots.size };
}

/** `gen-repo validate`: argv → repositories → report; exit 0 clean, 1 errors, 2 usage. */
export const validateCommand: Command = {
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(argv);
    checkOptionPaths(parsed, io);
    await loadTemplateVars(parsed, io);
    const { diagnostics, models, repositories } = parsed.configOnly
      ? validateConfigFiles(parsed, io)
      : // locateTarget and the scan list the same folders (the root, a first model): each once.
        withRememberedListings(() => runValidation(parsed, io));
    const summary = {
      ...summarize(diagnostics, models, repositories),
      tritonVersion: parsed.options.tritonVersion ?? DEFAULT_TRITON_VERSION,
    };
    if (parsed.format === "json") io.stdout(formatJson(diagnostics, summary));
    else if (parsed.format === "sarif")
      io.stdout(formatSarif(diagnostics, toolVersion(), { cwd: io.cwd, root: checkoutRoot(io.cwd) }));
    else io.stdout(formatText(diagnostics, summary, { color: useColor(io) }));
    return summary.errors > 0 ? 1 : 0;
  },
};
