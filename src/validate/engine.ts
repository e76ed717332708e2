import { basename, dirname, join, resolve } from "node:path";
import { type Diagnostic, compareDiagnostics } from "../diagnostics/diagnostic.js";
import { describeRefusal, readBoundedText } from "../fsio/bounded-read.js";
import { readTextFile } from "../repository/probe.js";
import { DEFAULT_MAX_CONFIG_BYTES, describeOsError, scanModelFolder, scanRepository } from "../repository/scan.js";
import type { ModelFolder, RepositoryTree } from "../repository/types.js";
import { parseConfig } from "../textformat/parser.js";
import type { ModelConfig } from "../../generated/model-config.js";
import type { MessageValue, SourceInfo } from "../textformat/types.js";
import { type RuleId, diagnosticsFor } from "./codes.js";
import { messages, msg, str } from "./config-view.js";
import {
  completeAtLoad,
  detectionListing,
  effectiveConfig,
  normalizeInstanceGroups,
  serverAutofill,
} from "../effective/index.js";
import { type Environment, environmentFrom } from "./environment.js";
import { type PythonSource, readPythonSource } from "./python-source.js";
import { FindingSink, type RuleContext } from "./rule.js";
import { type ModelOutcome, toDiagnostics } from "./outcome.js";
import { RULE_FAMILIES } from "./families.js";
import {
  type StepLookup,
  checkEnsembleRepository,
  effectiveConfigResolver,
  lookupByName,
} from "./rules/ensemble-repository.js";
import { fillTemplate, placeholderDiagnostics, standIn } from "./template.js";
import { type ValidateOptions, type ValidationResult, summarize } from "./types.js";
import { type VersionScan, type VersionSelection, scanVersions, selectVersions } from "./versions.js";

/** Largest model.py read for the static checks. */
const MAX_PYTHON_BYTES = 1024 * 1024;

/**
 * The ids the engine reports itself, outside the rule families: config files
 * that cannot be read or are missing, backend detection (RL-11), the checks
 * across repositories (RL-1, RL-4) and the notes of what was not checked.
 */
export const ENGINE_REPORTS = [
  "MC-1",
  "RL-1",
  "RL-4",
  "RL-5",
  "RL-6",
  "RL-11",
  "RL-12",
  "RL-20",
  "TR-6",
  "TR-7",
] as const satisfies readonly RuleId[];
type EngineId = (typeof ENGINE_REPORTS)[number];
const ruleDiagnostic = diagnosticsFor(ENGINE_REPORTS);

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
  const ctx: RuleContext = {
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
  return ctx;
}

/** Runs every rule family on one model, in Triton's order. */
function runFamilies(ctx: RuleContext): void {
  for (const family of RULE_FAMILIES) family.check(ctx);
}

/** `--strict`: every warning becomes an error. */
function applyStrict(diagnostics: Diagnostic[], options: ValidateOptions): Diagnostic[] {
  if (!options.strict) return diagnostics;
  for (const d of diagnostics) if (d.severity === "warning") d.severity = "error";
  return diagnostics;
}

function parseText(
  text: string,
  file: string,
): { value: MessageValue; diagnostics: Diagnostic[]; ok: boolean; source: SourceInfo | undefined } {
  try {
    const parsed = parseConfig(text, { file });
    return { value: parsed.value, diagnostics: parsed.diagnostics, ok: parsed.ok, source: parsed.source };
  } catch (error: unknown) {
    // parseConfig promises never to throw; if it ever does, say so instead of crashing the whole run.
    const message = error instanceof Error ? error.message : String(error);
    return {
      value: {},
      diagnostics: [ruleDiagnostic("MC-1", { message: `failed to read text proto from ${file}: ${message}`, file })],
      ok: false,
      source: undefined,
    };
  }
}

/**
 * Validates one config on its own: syntax, then every rule decidable from
 * the config alone (no layout, no other models). Accepts the text of a
 * config.pbtxt, a typed `ModelConfig` (from the builders or `fromPbtxt`) or
 * an already-read message. Returns the diagnostics sorted; never throws for
 * any input.
 */
export function validateConfig(
  config: string | ModelConfig | MessageValue,
  options: ValidateOptions = {},
): Diagnostic[] {
  if (typeof config === "string") {
    const file = options.file ?? "config.pbtxt";
    const { text, unfilled } = fillTemplate(config, options.templateVars);
    if (unfilled.length === 0) return validateConfigAsWritten(text, options);
    // Only what both stand-ins agree on does not depend on the placeholders' values.
    const [a, b] = [0, 1].map((v) =>
      validateConfigAsWritten(standIn(text, unfilled, v as 0 | 1), { ...options, strict: false }),
    );
    const kept = agreeing(a as Diagnostic[], b as Diagnostic[]);
    return applyStrict([...placeholderDiagnostics(unfilled, file), ...kept], options).sort(compareDiagnostics);
  }
  return validateConfigAsWritten(config, options);
}

/** Diagnostics of `a` that `b` has too (same code, severity, place and words). */
function agreeing(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string => JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.message]);
  const inB = new Set(b.map(key));
  return a.filter((d) => inB.has(key(d)));
}

function validateConfigAsWritten(config: string | ModelConfig | MessageValue, options: ValidateOptions): Diagnostic[] {
  const file = options.file ?? "config.pbtxt";
  let written: MessageValue;
  const out: Diagnostic[] = [];
  let source: SourceInfo | undefined;
  if (typeof config === "string") {
    const parsed = parseText(config, file);
    out.push(...parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? file })));
    if (!parsed.ok) return applyStrict(out, options).sort(compareDiagnostics);
    written = parsed.value;
    source = parsed.source;
  } else {
    written = config as MessageValue;
  }
  const env = environmentFrom(options);
  const modelName = options.modelName ?? (str(written, "name") || "model");
  const { config: normalized, autofill } = serverAutofill(written, modelName, { firstSubdir: undefined });
  const sink = new FindingSink<EngineId>();
  if (autofill.error !== undefined) {
    // Alone, a config cannot show the model file Triton would detect the backend from (RL-10): warn, never a false error.
    sink.report("RL-11", undefined, autofill.error, {
      severity: "warning",
      hint: `${rl11Hint(written)}; Triton also accepts a model file in the first version folder (model.onnx, model.plan, model.pt, model.py, …)`,
    });
  } else {
    runFamilies(contextFor(normalized, written, options, env, sink, options.modelName));
  }
  out.push(...toDiagnostics(sink.findings, file, source));
  return applyStrict(out, options).sort(compareDiagnostics);
}

function rl11Hint(written: MessageValue): string {
  if (str(written, "platform") === "" && str(written, "backend") === "") {
    return 'nothing names this model\'s backend: add backend: "python" (or the backend it uses), or platform: "ensemble" for an ensemble';
  }
  return "name the backend in the config";
}

/**
 * Reads the Python model file of the highest selected version, for the static
 * checks, through the shared bounded reader (a file swapped for a FIFO after
 * the listing cannot block). One that cannot be read is a TR-6 finding, not a
 * silent pass of every Python check.
 */
function readModelPy(
  folder: ModelFolder,
  config: MessageValue,
  selection: VersionSelection,
  sink: FindingSink<EngineId>,
): PythonSource | undefined {
  if (str(config, "backend") !== "python") return undefined;
  const version = selection.selected[selection.selected.length - 1];
  if (version === undefined) return undefined;
  const file = str(config, "default_model_filename") || "model.py";
  const listed = folder.subdirs.get(String(version))?.entries.find((e) => e.name === file);
  if (listed?.kind !== "file") return undefined;
  const relPath = `${folder.relPath}/${version}/${file}`;
  const read = readBoundedText(join(folder.path, String(version), file), MAX_PYTHON_BYTES);
  if ("refused" in read) {
    // Over the cap is no reading error: the file loads in Triton, only the static checks skip it.
    if (read.refused.kind === "too-large") return undefined;
    sink.report("TR-6", undefined, `cannot read '${relPath}': ${describeRefusal(read.refused)}`, {
      file: relPath,
      hint:
        read.refused.kind === "permission" ? "make it readable by the user that runs tritonserver" : "fix or remove it",
    });
    return undefined;
  }
  return readPythonSource(relPath, read.text);
}

/** The one line `--no-model-files` adds: which models' binaries were not looked for. */
function noModelFilesSummary(models: readonly string[]): Diagnostic {
  const shown = models.slice(0, 8).join(", ") + (models.length > 8 ? `, and ${models.length - 8} more` : "");
  return ruleDiagnostic("RL-12", {
    severity: "info",
    message: `--no-model-files: the model files of ${models.length} model${models.length === 1 ? "" : "s"} were not checked (${shown})`,
    file: ".",
    hint: "check again without --no-model-files once the models are exported or downloaded",
  });
}

/** Model names found in more than one of the repositories (RL-4 without namespacing). */
function namesInSeveralTrees(trees: readonly RepositoryTree[]): Set<string> {
  const count = new Map<string, number>();
  for (const tree of trees)
    for (const name of new Set(tree.models.map((m) => m.name))) count.set(name, (count.get(name) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([name]) => name));
}

/**
 * `--model-namespacing`: a step name resolves in the ensemble's own
 * repository first, then to the one model of that name elsewhere; a name in
 * several other repositories is ambiguous (model_repository_manager.cc).
 */
function lookupInNamespaces(outcomes: ReadonlyMap<string, ModelOutcome>): StepLookup {
  const byName = new Map<string, ModelOutcome[]>();
  for (const o of outcomes.values()) byName.set(o.dirName, [...(byName.get(o.dirName) ?? []), o]);
  return (from, model) => {
    const candidates = byName.get(model) ?? [];
    return (
      candidates.find((c) => c.repository === from.repository) ?? (candidates.length === 1 ? candidates[0] : undefined)
    );
  };
}

function isEnsembleOutcome(outcome: ModelOutcome): boolean {
  return outcome.parsed && str(outcome.config, "platform") === "ensemble";
}

/** The model.py Triton would run for a written config in its folder (the version its policy selects); reading problems are validate's to report. */
function modelPyOf(folder: ModelFolder, written: MessageValue, model: string): PythonSource | undefined {
  const { config } = serverAutofill(written, model, detectionListing(folder.entries, folder.subdirs));
  const selection = selectVersions(
    config,
    scanVersions(folder).versions.map((v) => v.version),
  );
  return readModelPy(folder, config, selection, new FindingSink<EngineId>());
}

/** Root directories that are certainly not models, which Triton still tries to load (RL-1). */
function isToolDirectory(name: string): boolean {
  return name.startsWith(".") || name === "__pycache__" || name === "lost+found";
}

/** Validates one model folder of a scanned repository (stages S0 to S9 of Triton's pipeline). */
export function validateModelFolder(folder: ModelFolder, options: ValidateOptions, env: Environment): ModelOutcome {
  const configFile = folder.config;
  if (configFile?.text === undefined) return validateModelFolderAsWritten(folder, options, env);
  const { text, unfilled } = fillTemplate(configFile.text, options.templateVars);
  const withText = (t: string): ModelFolder => ({ ...folder, config: { ...configFile, text: t } });
  if (unfilled.length === 0)
    return validateModelFolderAsWritten(text === configFile.text ? folder : withText(text), options, env);
  // Checked with two stand-ins: what they agree on does not depend on the placeholders' values.
  const unstrict = { ...options, strict: false };
  const a = validateModelFolderAsWritten(withText(standIn(text, unfilled, 0)), unstrict, env);
  const b = validateModelFolderAsWritten(withText(standIn(text, unfilled, 1)), unstrict, env);
  const placeholders = placeholderDiagnostics(unfilled, a.file);
  a.diagnostics = applyStrict([...placeholders, ...agreeing(a.diagnostics, b.diagnostics)], options);
  // Triton reads the file as it is: an unquoted placeholder fails the model.
  a.firstError =
    placeholders.find((d) => d.severity === "error")?.message ??
    a.diagnostics.find((d) => d.severity === "error")?.message;
  return a;
}

function validateModelFolderAsWritten(folder: ModelFolder, options: ValidateOptions, env: Environment): ModelOutcome {
  const autoComplete = options.autoComplete !== false;
  const file = folder.config?.relPath ?? folder.configRelPath;
  const outcome: ModelOutcome = {
    dirName: folder.name,
    name: folder.name,
    config: {},
    versions: [],
    firstError: undefined,
    parsed: false,
    file,
    source: undefined,
    diagnostics: [],
  };
  const sink = new FindingSink<EngineId>();
  let written: MessageValue = {};
  const configFile = folder.config;
  if (configFile === undefined || configFile.error === "missing") {
    if (!autoComplete) {
      sink.report(
        "RL-6",
        undefined,
        `failed to open text file for read ${join(folder.path, "config.pbtxt")}: No such file or directory`,
        {
          hint: "with --no-auto-complete every model needs a config.pbtxt",
          file: folder.configRelPath,
        },
      );
    }
  } else if (configFile.text === undefined) {
    // Unreadable or oversized: the scan reported it; Triton fails the model here.
    outcome.firstError = `failed to open text file for read ${configFile.path}: ${describeOsError(configFile.error ?? "EIO")}`;
    outcome.diagnostics = [];
    return outcome;
  } else {
    // The reader builds positions lazily: only a model with a finding pays for them.
    const parsed = parseText(configFile.text, file);
    outcome.diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, file: d.file ?? file })));
    if (!parsed.ok) {
      outcome.firstError = `failed to read text proto from ${configFile.path}`;
      return outcome;
    }
    written = parsed.value;
    outcome.source = parsed.source;
  }
  outcome.parsed = true;

  // S2: server-side autofill and normalisation.
  const { config, autofill } = serverAutofill(written, folder.name, detectionListing(folder.entries, folder.subdirs));
  outcome.config = config;
  outcome.name = str(config, "name") || folder.name;
  const misplaced =
    configFile === undefined || configFile.error === "missing" ? configInVersionFolder(folder) : undefined;
  if (autofill.error !== undefined) {
    sink.report(
      "RL-11",
      undefined,
      autofill.error,
      misplaced
        ? {
            hint: `${misplaced} sits inside a version folder, where Triton never looks for a config: move it to ${folder.relPath}/config.pbtxt`,
            file: misplaced,
          }
        : { hint: rl11Hint(written) },
    );
    return finish(outcome, sink, options);
  }
  if (misplaced) {
    sink.report(
      "RL-5",
      undefined,
      `${misplaced} is inside a version folder: Triton reads only ${folder.relPath}/config.pbtxt and loads '${folder.name}' with the config auto-complete makes`,
      {
        severity: "warning",
        hint: `move it to ${folder.relPath}/config.pbtxt`,
        file: misplaced,
      },
    );
  }
  if (configFile === undefined && autoComplete) {
    const backend = str(config, "backend");
    if (backend === "pytorch") {
      sink.report("RL-6", undefined, `model configuration is not provided for model '${outcome.name}'`, {
        hint: "the PyTorch backend cannot fill a config in: add config.pbtxt",
        file: folder.configRelPath,
      });
    }
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
  const effective = outcome.config;
  if (str(effective, "platform") !== "ensemble") normalizeInstanceGroups(effective, env.gpus ?? []);
  outcome.completion = completeAtLoad(effective, python, autoComplete);
  return finish(outcome, sink, options);
}

/** A config.pbtxt in a version folder of a model that has none of its own (where people put it by mistake). */
function configInVersionFolder(folder: ModelFolder): string | undefined {
  for (const [dir, listing] of folder.subdirs) {
    if (listing.entries.some((e) => e.name === "config.pbtxt" && e.kind === "file"))
      return `${folder.relPath}/${dir}/config.pbtxt`;
  }
  return undefined;
}

/**
 * Model files that come from elsewhere are not missing: those a repository
 * agent supplies at load time (RL-20, noted once as not checked), and with
 * `--no-model-files` every model binary (exported or downloaded later;
 * Python model files are source and still checked where their version
 * folder exists). A model without any version folder yet (git keeps no empty
 * folder; a README step creates it with the files) is not reported either.
 * Drops those RL-12 and RL-9 findings and marks the outcome.
 */
function skipModelFiles(
  outcome: ModelOutcome,
  sink: FindingSink<EngineId>,
  folder: ModelFolder,
  options: ValidateOptions,
): void {
  const config = outcome.config;
  const ensemble = str(config, "platform") === "ensemble";
  const agents = ensemble ? [] : messages(msg(config, "model_repository_agents"), "agents").map((a) => str(a, "name"));
  const later = options.noModelFiles === true;
  if (agents.length === 0 && !later) return;
  const binaries = agents.length > 0 || (later && !ensemble && str(config, "backend") !== "python");
  const skipped = (f: { code: string; extra?: { file?: string } }): boolean =>
    (f.code === "RL-12" && binaries) || (f.code === "RL-9" && f.extra?.file === folder.relPath);
  const kept = sink.findings.filter((f) => !skipped(f));
  const any = kept.length !== sink.findings.length;
  sink.findings.splice(0, sink.findings.length, ...kept);
  if (agents.length > 0) {
    sink.report(
      "RL-20",
      "model_repository_agents",
      `model '${outcome.name}' uses repository agent${agents.length > 1 ? "s" : ""} ${agents.map((a) => `'${a}'`).join(", ")}: the agent and the files it supplies at load time were not checked`,
      {
        severity: "info",
        hint: "Triton needs the agent installed (<repoagent-dir>/<name>/libtritonrepoagent_<name>.so); the model files it provides are checked when Triton loads the model",
      },
    );
  } else if (any) outcome.modelFilesSkipped = true;
}

function finish(outcome: ModelOutcome, sink: FindingSink, options: ValidateOptions): ModelOutcome {
  outcome.diagnostics.push(...toDiagnostics(sink.findings, outcome.file, outcome.source));
  applyStrict(outcome.diagnostics, options);
  outcome.firstError ??= outcome.diagnostics.find((d) => d.severity === "error")?.message;
  return outcome;
}

/** What validateRepository reads and reports besides the options of a server. */
export interface RepositorySelection {
  /** Report only these model directory names. */
  only?: ReadonlySet<string>;
  /**
   * The configuration file to validate for a model instead of the one Triton
   * picks, by model directory name, relative to the model directory
   * (`configs/prod.pbtxt`, `ok.pbtxt`): see ScanOptions.configFiles.
   */
  configFiles?: ReadonlyMap<string, string>;
}

/**
 * Validates whole repositories: every model of every root, then the checks
 * across models (ensembles, unique names). `roots` is one repository root
 * or several (Triton's repeated `--model-repository`). `only` restricts the
 * reported models to these directory names (the other models are still
 * read, as ensembles need them). Never throws for any tree.
 */
export function validateRepository(
  roots: string | readonly string[],
  options: ValidateOptions & RepositorySelection = {},
): ValidationResult {
  const list = typeof roots === "string" ? [roots] : [...roots];
  const env = environmentFrom(options);
  const scanOptions = {
    ...(options.modelConfigName !== undefined ? { modelConfigName: options.modelConfigName } : {}),
    ...(options.configFiles !== undefined ? { configFiles: options.configFiles } : {}),
  };
  const trees: RepositoryTree[] = list.map((root) => scanRepository(root, scanOptions));
  const diagnostics: Diagnostic[] = [];
  const outcomes = new Map<string, ModelOutcome>();
  // Which root each reported file belongs to, by model key (the model directory name, or `index/name` with namespacing).
  const rootOf = new Map<string, string>();
  const namespacing = options.modelNamespacing === true;
  const duplicates = namespacing ? new Set<string>() : namesInSeveralTrees(trees);
  let models = 0;
  trees.forEach((tree, index) => {
    const wanted = (name: string): boolean => options.only === undefined || options.only.has(name);
    const treeDiagnostics = tree.diagnostics.filter(
      (d) => wanted((d.file ?? "").split("/")[0] ?? "") || d.file === ".",
    );
    if (trees.length > 1)
      for (const d of treeDiagnostics) if (d.file !== undefined && d.file !== ".") d.file = join(tree.root, d.file);
    diagnostics.push(...treeDiagnostics);
    for (const folder of tree.models) {
      const place = (d: Diagnostic): Diagnostic =>
        trees.length > 1 && d.file !== undefined ? { ...d, file: join(tree.root, d.file) } : d;
      if (duplicates.has(folder.name)) {
        // model_repository_manager drops every copy of a name found in two repositories: neither loads.
        const others = trees
          .filter((t, i) => i !== index && t.models.some((m) => m.name === folder.name))
          .map((t) => t.root);
        diagnostics.push(
          place(
            ruleDiagnostic("RL-4", {
              severity: "error",
              message: `failed to poll model '${folder.name}': not unique across all model repositories`,
              file: folder.relPath,
              hint: `'${folder.name}' is also in ${others.join(", ")}: neither copy loads (tritonserver --model-namespacing=true, here --model-namespacing, keeps both)`,
            }),
          ),
        );
        continue;
      }
      if (isToolDirectory(folder.name)) {
        if (wanted(folder.name)) {
          diagnostics.push(
            place(
              ruleDiagnostic("RL-1", {
                severity: "error",
                message: `directory '${folder.name}' will be loaded as a model by Triton`,
                file: folder.relPath,
                hint: "Triton treats every directory at the repository root as a model, hidden ones too: move it out of the repository",
              }),
            ),
          );
        }
        continue;
      }
      const outcome = validateModelFolder(folder, options, env);
      outcome.repository = index;
      const key = namespacing ? `${index}/${folder.name}` : folder.name;
      outcomes.set(key, outcome);
      rootOf.set(key, tree.root);
      if (wanted(folder.name)) {
        models++;
        diagnostics.push(...outcome.diagnostics.map(place));
      }
    }
  });
  const lookup = namespacing ? lookupInNamespaces(outcomes) : lookupByName(outcomes);
  for (const [key, outcome] of outcomes) {
    if (!isEnsembleOutcome(outcome)) continue;
    const cross = checkEnsembleRepository(new Map([[key, outcome]]), options, lookup);
    const root = rootOf.get(key) as string;
    for (const d of cross) {
      if (options.only !== undefined && !options.only.has((d.file ?? "").split("/")[0] ?? "")) continue;
      diagnostics.push(trees.length > 1 && d.file !== undefined ? { ...d, file: join(root, d.file) } : d);
    }
  }
  if (options.noModelFiles) {
    const skipped = [...outcomes.values()]
      .filter((o) => o.modelFilesSkipped && (options.only === undefined || options.only.has(o.dirName)))
      .map((o) => o.dirName);
    if (skipped.length > 0) diagnostics.push(noModelFilesSummary(skipped));
  }
  const sorted = applyStrict(diagnostics, options).sort(compareDiagnostics);
  const summary = { ...summarize(sorted, models, trees.length), tritonVersion: env.tritonVersion };
  return { diagnostics: sorted, summary, ok: summary.errors === 0 };
}

/**
 * The effective config of every model of a repository, by directory name,
 * as Triton would report it after loading (see effectiveConfig). Ensembles
 * get the decoupled flag their steps give them. Models whose config cannot
 * be read are left out.
 */
export function effectiveConfigsOfRepository(root: string, options: ValidateOptions = {}): Map<string, MessageValue> {
  const env = environmentFrom(options);
  const tree = scanRepository(
    root,
    options.modelConfigName !== undefined ? { modelConfigName: options.modelConfigName } : {},
  );
  const outcomes = new Map<string, ModelOutcome>();
  for (const folder of tree.models)
    if (!isToolDirectory(folder.name)) outcomes.set(folder.name, validateModelFolder(folder, options, env));
  const resolve = effectiveConfigResolver(outcomes);
  const out = new Map<string, MessageValue>();
  for (const [name, outcome] of outcomes) {
    const config = outcome.parsed ? resolve(name) : undefined;
    if (config) out.set(name, config);
  }
  return out;
}

/**
 * The effective config of one config file, for `gen-repo print --effective`:
 * the model is the folder holding the file (or the folder above `configs/`),
 * its files drive backend detection, and an ensemble's steps are read from
 * the sibling model folders. Returns the reader's diagnostics with the config
 * (undefined when the file cannot be read), and `refusals`: the errors Triton
 * would raise loading that model on the host the options describe. Never throws.
 */
export function effectiveConfigOfFile(
  path: string,
  options: ValidateOptions = {},
): { config: MessageValue | undefined; diagnostics: Diagnostic[]; refusals: Diagnostic[] } {
  const file = resolve(path);
  let modelDir = dirname(file);
  if (basename(modelDir) === "configs") modelDir = dirname(modelDir);
  const root = dirname(modelDir);
  const model = basename(modelDir);
  const read = readTextFile(file, DEFAULT_MAX_CONFIG_BYTES);
  if (read.text === undefined) {
    const reason =
      read.error === "too-large"
        ? `it is larger than ${DEFAULT_MAX_CONFIG_BYTES} bytes`
        : describeOsError(read.error === "missing" ? "ENOENT" : (read.error ?? "EIO"));
    return {
      config: undefined,
      diagnostics: [
        ruleDiagnostic(read.error === "too-large" ? "TR-7" : "TR-6", {
          message: `cannot read '${path}': ${reason}`,
          file: path,
        }),
      ],
      refusals: [],
    };
  }
  const parsed = parseText(read.text, path);
  if (!parsed.ok) return { config: undefined, diagnostics: parsed.diagnostics, refusals: [] };
  const folder = scanModelFolder(
    root,
    model,
    options.modelConfigName !== undefined ? { modelConfigName: options.modelConfigName } : {},
  );
  const isEnsemble = str(parsed.value, "platform") === "ensemble";
  const steps = isEnsemble ? effectiveConfigsOfRepository(root, options) : undefined;
  const python = isEnsemble ? undefined : modelPyOf(folder, parsed.value, model);
  const config = effectiveConfig(parsed.value, {
    modelName: model,
    gpus: options.gpus ?? [],
    folder,
    ...(steps ? { stepConfig: (m: string) => steps.get(m) } : {}),
    ...(python ? { python } : {}),
    ...(options.autoComplete === false ? { autoComplete: false } : {}),
  });
  const refusals = validateRepository(root, { ...options, only: new Set([model]) }).diagnostics.filter(
    (d) => d.severity === "error",
  );
  return { config, diagnostics: parsed.diagnostics, refusals };
}
