import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { completeAtLoad, detectionListing, normalizeInstanceGroups, serverAutofill } from "../effective/index.js";
import { describeOsError } from "../repository/scan.js";
import type { ModelFolder } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { str } from "../config/view.js";
import { type EngineId, applyStrict } from "./engine-reports.js";
import type { Environment } from "./environment.js";
import { RULE_FAMILIES } from "./families.js";
import { configInVersionFolder, readModelPy, skipModelFiles } from "./model-files.js";
import { type ModelOutcome, toDiagnostics } from "./outcome.js";
import type { PythonSource } from "../python/source.js";
import { readConfigText } from "./read-config.js";
import { FindingSink, type RuleContext } from "./rule.js";
import { fillTemplate, placeholderDiagnostics, standIn } from "./template.js";
import type { ValidateOptions } from "./types.js";
import { type VersionScan, type VersionSelection, scanVersions, selectVersions } from "./versions.js";

/**
 * The one validation path of a model, for a config on its own and for a
 * model folder of a repository: templates, S1 read, S2 autofill and
 * normalisation, then the rule families, in Triton's order. A folder adds
 * what only a folder shows (backend detection from files, versions,
 * model.py, layout) and the load-time view the ensemble checks read.
 */
export type ModelInput =
  | {
      kind: "config";
      /** The config.pbtxt text, a typed ModelConfig or an already-read message. */
      config: string | MessageValue;
      /** The file name diagnostics carry. */
      file: string;
    }
  | { kind: "folder"; folder: ModelFolder };

/** Validates one model (see ModelInput); never throws. Warnings are errors with `options.strict`. */
export function validateModel(input: ModelInput, options: ValidateOptions, env: Environment): ModelOutcome {
  const text = textOf(input);
  if (text === undefined) return validateAsWritten(input, options, env);
  // A placeholder starts with "${": most configs hold none, and the character scan is skipped.
  const { text: filled, unfilled } = text.includes("${")
    ? fillTemplate(text, options.templateVars)
    : { text, unfilled: [] };
  if (unfilled.length === 0) return validateAsWritten(filled === text ? input : withText(input, filled), options, env);
  // Checked with two stand-ins: what they agree on does not depend on the placeholders' values.
  const unstrict = { ...options, strict: false };
  const a = validateAsWritten(withText(input, standIn(filled, unfilled, 0)), unstrict, env);
  const b = validateAsWritten(withText(input, standIn(filled, unfilled, 1)), unstrict, env);
  const placeholders = placeholderDiagnostics(unfilled, a.file);
  a.diagnostics = applyStrict([...placeholders, ...agreeing(a.diagnostics, b.diagnostics)], options);
  // Triton reads the file as it is: an unquoted placeholder fails the model.
  a.firstError =
    placeholders.find((d) => d.severity === "error")?.message ??
    a.diagnostics.find((d) => d.severity === "error")?.message;
  return a;
}

function textOf(input: ModelInput): string | undefined {
  if (input.kind === "folder") return input.folder.config?.text;
  return typeof input.config === "string" ? input.config : undefined;
}

function withText(input: ModelInput, text: string): ModelInput {
  if (input.kind === "config") return { ...input, config: text };
  const config = input.folder.config;
  return config ? { kind: "folder", folder: { ...input.folder, config: { ...config, text } } } : input;
}

/** Diagnostics of `a` that `b` has too (same code, severity, place and words). */
function agreeing(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string => JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.message]);
  const inB = new Set(b.map(key));
  return a.filter((d) => inB.has(key(d)));
}

function newOutcome(name: string, file: string): ModelOutcome {
  return {
    dirName: name,
    name,
    config: {},
    versions: [],
    firstError: undefined,
    parsed: false,
    file,
    source: undefined,
    diagnostics: [],
  };
}

/** S1: the written config, or undefined when the model stops here (the outcome says why). */
function readWritten(
  input: ModelInput,
  outcome: ModelOutcome,
  sink: FindingSink<EngineId>,
  options: ValidateOptions,
): MessageValue | undefined {
  let text: string;
  let where: string;
  if (input.kind === "config") {
    if (typeof input.config !== "string") return input.config;
    text = input.config;
    where = input.file;
  } else {
    const { folder } = input;
    const configFile = folder.config;
    if (configFile === undefined || configFile.error === "missing") {
      if (options.autoComplete === false) {
        sink.report(
          "RL-6",
          undefined,
          `failed to open text file for read ${join(folder.path, "config.pbtxt")}: No such file or directory`,
          { hint: "with --no-auto-complete every model needs a config.pbtxt", file: folder.configRelPath },
        );
      }
      return {};
    }
    if (configFile.text === undefined) {
      // Unreadable or oversized: the scan reported it; Triton fails the model here.
      outcome.firstError = `failed to open text file for read ${configFile.path}: ${describeOsError(configFile.error ?? "EIO")}`;
      return undefined;
    }
    text = configFile.text;
    where = configFile.path;
  }
  // The reader builds positions lazily: only a model with a finding pays for them.
  const parsed = readConfigText(text, outcome.file);
  outcome.diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? outcome.file })));
  if (!parsed.ok) {
    outcome.firstError = `failed to read text proto from ${where}`;
    return undefined;
  }
  outcome.source = parsed.source;
  return parsed.value;
}

function validateAsWritten(input: ModelInput, options: ValidateOptions, env: Environment): ModelOutcome {
  const folder = input.kind === "folder" ? input.folder : undefined;
  const file = input.kind === "folder" ? (input.folder.config?.relPath ?? input.folder.configRelPath) : input.file;
  const outcome = newOutcome(folder?.name ?? options.modelName ?? "", file);
  const sink = new FindingSink<EngineId>();
  const written = readWritten(input, outcome, sink, options);
  if (written === undefined) return finishUnread(outcome, options);
  outcome.parsed = true;

  // S2: server-side autofill and normalisation.
  const modelName = folder ? folder.name : (options.modelName ?? (str(written, "name") || "model"));
  const listing = folder ? detectionListing(folder.entries, folder.subdirs) : { firstSubdir: undefined };
  const { config, autofill } = serverAutofill(written, modelName, listing);
  outcome.config = config;
  outcome.name = str(config, "name") || modelName;
  if (autofill.error !== undefined) {
    reportUndetectedBackend(autofill.error, written, folder, sink);
    return finish(outcome, sink, options);
  }
  if (!folder) {
    runFamilies(contextFor(config, written, options, env, sink, options.modelName));
    return finish(outcome, sink, options);
  }

  const autoComplete = options.autoComplete !== false;
  const misplaced = folder.config === undefined || folder.config.error === "missing";
  const inVersionFolder = misplaced ? configInVersionFolder(folder) : undefined;
  if (inVersionFolder) {
    sink.report(
      "RL-5",
      undefined,
      `${inVersionFolder} is inside a version folder: Triton reads only ${folder.relPath}/config.pbtxt and loads '${folder.name}' with the config auto-complete makes`,
      { severity: "warning", hint: `move it to ${folder.relPath}/config.pbtxt`, file: inVersionFolder },
    );
  }
  if (folder.config === undefined && autoComplete && str(config, "backend") === "pytorch") {
    sink.report("RL-6", undefined, `model configuration is not provided for model '${outcome.name}'`, {
      hint: "the PyTorch backend cannot fill a config in: add config.pbtxt",
      file: folder.configRelPath,
    });
  }
  const scan = scanVersions(folder);
  const selection = selectVersions(
    config,
    scan.versions.map((v) => v.version),
  );
  outcome.versions = selection.selected;
  const python = readModelPy(folder, config, selection, sink);
  // S3 then S7–S9 rules on the config, then the layout (S4, S6, S7).
  runFamilies(
    contextFor(config, written, options, env, sink, folder.name, { folder, versions: { scan, selection }, python }),
  );
  skipModelFiles(outcome, sink, folder, options);
  if (str(config, "platform") !== "ensemble") normalizeInstanceGroups(config, env.gpus ?? []);
  outcome.completion = completeAtLoad(config, python, autoComplete);
  return finish(outcome, sink, options);
}

/**
 * RL-11. Alone, a config cannot show the model file Triton would detect the
 * backend from (RL-10): a warning, never a false error. In a folder it is
 * Triton's error, with the misplaced config as the likely cause.
 */
function reportUndetectedBackend(
  message: string,
  written: MessageValue,
  folder: ModelFolder | undefined,
  sink: FindingSink<EngineId>,
): void {
  if (!folder) {
    sink.report("RL-11", undefined, message, {
      severity: "warning",
      hint: `${rl11Hint(written)}; Triton also accepts a model file in the first version folder (model.onnx, model.plan, model.pt, model.py, …)`,
    });
    return;
  }
  const misplaced =
    folder.config === undefined || folder.config.error === "missing" ? configInVersionFolder(folder) : undefined;
  sink.report(
    "RL-11",
    undefined,
    message,
    misplaced
      ? {
          hint: `${misplaced} sits inside a version folder, where Triton never looks for a config: move it to ${folder.relPath}/config.pbtxt`,
          file: misplaced,
        }
      : { hint: rl11Hint(written) },
  );
}

function rl11Hint(written: MessageValue): string {
  if (str(written, "platform") === "" && str(written, "backend") === "") {
    return 'nothing names this model\'s backend: add backend: "python" (or the backend it uses), or platform: "ensemble" for an ensemble';
  }
  return "name the backend in the config";
}

/** What a model folder adds to a rule context. */
interface FolderFacts {
  folder: ModelFolder;
  versions: { scan: VersionScan; selection: VersionSelection };
  python: PythonSource | undefined;
}

function contextFor(
  config: MessageValue,
  written: MessageValue,
  options: ValidateOptions,
  env: Environment,
  sink: FindingSink,
  directory: string | undefined,
  facts?: FolderFacts,
): RuleContext {
  return {
    config,
    written,
    name: str(config, "name"),
    options,
    env,
    report: (code, path, message, extra) => sink.report(code, path, message, extra),
    ...(directory !== undefined ? { directory } : {}),
    ...(facts ? { folder: facts.folder, versions: facts.versions } : {}),
    ...(facts?.python ? { python: facts.python } : {}),
  };
}

/** Runs every rule family on one model, in Triton's order. */
function runFamilies(ctx: RuleContext): void {
  for (const family of RULE_FAMILIES) family.check(ctx);
}

/** A model whose config could not be read: what the reader said, strict applied. */
function finishUnread(outcome: ModelOutcome, options: ValidateOptions): ModelOutcome {
  applyStrict(outcome.diagnostics, options);
  return outcome;
}

function finish(outcome: ModelOutcome, sink: FindingSink, options: ValidateOptions): ModelOutcome {
  outcome.diagnostics.push(...toDiagnostics(sink.findings, outcome.file, outcome.source));
  applyStrict(outcome.diagnostics, options);
  outcome.firstError ??= outcome.diagnostics.find((d) => d.severity === "error")?.message;
  return outcome;
}
