import { basename, dirname, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { effectiveConfig } from "../effective/index.js";
import { readTextFile } from "../repository/probe.js";
import { DEFAULT_MAX_CONFIG_BYTES, describeOsError, scanModelFolder, scanRepository } from "../repository/scan.js";
import type { MessageValue } from "../pbtxt/types.js";
import { str } from "../config/view.js";
import { validateRepository } from "./engine.js";
import { engineDiagnostic } from "./engine-reports.js";
import { environmentFrom } from "./environment.js";
import { modelPyOf } from "./model-files.js";
import { validateModel } from "./model-pipeline.js";
import type { ModelOutcome } from "./outcome.js";
import { readConfigText } from "./read-config.js";
import { isToolDirectory } from "./repository-roots.js";
import { effectiveConfigResolver } from "./rules/ensemble-repository.js";
import type { ValidateOptions } from "./types.js";

/**
 * Effective configs of models on disk: the validator's pipeline supplies
 * what a folder shows (backend files, model.py, ensemble steps) to the pure
 * functions of src/effective/.
 */

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
    if (!isToolDirectory(folder.name))
      outcomes.set(folder.name, validateModel({ kind: "folder", folder }, options, env));
  const resolveConfig = effectiveConfigResolver(outcomes);
  const out = new Map<string, MessageValue>();
  for (const [name, outcome] of outcomes) {
    const config = outcome.parsed ? resolveConfig(name) : undefined;
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
        engineDiagnostic(read.error === "too-large" ? "TR-7" : "TR-6", {
          message: `cannot read '${path}': ${reason}`,
          file: path,
        }),
      ],
      refusals: [],
    };
  }
  const parsed = readConfigText(read.text, path);
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
