import { join } from "node:path";
import { detectionListing, serverAutofill } from "../effective/index.js";
import { describeRefusal, readBoundedText } from "../fsio/bounded-read.js";
import type { ModelFolder } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { messages, msg, str } from "../config/view.js";
import type { EngineId } from "./engine-reports.js";
import type { ModelOutcome } from "./outcome.js";
import { type PythonSource, readPythonSource } from "../python/source.js";
import { FindingSink } from "./rule.js";
import type { ValidateOptions } from "./types.js";
import { type VersionSelection, scanVersions, selectVersions } from "./versions.js";

/** Largest model.py read for the static checks. */
const MAX_PYTHON_BYTES = 1024 * 1024;

/**
 * Reads the Python model file of the highest selected version, for the static
 * checks, through the shared bounded reader (a file swapped for a FIFO after
 * the listing cannot block). One that cannot be read is a TR-6 finding, not a
 * silent pass of every Python check.
 */
export function readModelPy(
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

/** The model.py Triton would run for a written config in its folder (the version its policy selects); reading problems are validate's to report. */
export function modelPyOf(folder: ModelFolder, written: MessageValue, model: string): PythonSource | undefined {
  const { config } = serverAutofill(written, model, detectionListing(folder.entries, folder.subdirs));
  const selection = selectVersions(
    config,
    scanVersions(folder).versions.map((v) => v.version),
  );
  return readModelPy(folder, config, selection, new FindingSink<EngineId>());
}

/** A config.pbtxt in a version folder of a model that has none of its own (where people put it by mistake). */
export function configInVersionFolder(folder: ModelFolder): string | undefined {
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
export function skipModelFiles(
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
