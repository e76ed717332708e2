import { join, normalize } from "node:path";
import { describeOsError } from "../../repository/scan.js";
import { statKind } from "../../repository/probe.js";
import type { Listing, ModelFolder } from "../../repository/types.js";
import type { MessageValue } from "../../pbtxt/types.js";
import { enumName, isMessage, mapEntries, messages, msg, numbers, str, stringMap } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";
import { stockBackendAbsence } from "../environment.js";

/** The ids each layout family reports. These read the model's folder, so they report nothing for a lone config (but RL-2, given the directory name). */
export const MODEL_NAME_REPORTS = ["RL-3"] as const satisfies readonly RuleId[];
export const NAME_MATCHES_DIRECTORY_REPORTS = ["RL-2"] as const satisfies readonly RuleId[];
export const VERSIONS_REPORTS = ["RL-8", "RL-9"] as const satisfies readonly RuleId[];
export const MODEL_FILES_REPORTS = ["RL-12", "RL-15"] as const satisfies readonly RuleId[];
export const BACKEND_LIBRARY_REPORTS = ["RL-18"] as const satisfies readonly RuleId[];
export const LABEL_FILES_REPORTS = ["RL-13"] as const satisfies readonly RuleId[];
export const DATA_FILES_REPORTS = ["RL-14", "MC-66", "MC-95"] as const satisfies readonly RuleId[];

type Reporting<T extends readonly RuleId[]> = RuleContext<T[number]>;

/** Step models carry the files of an ensemble: its own folder has none to check. */
function isEnsemble(ctx: RuleContext<never>): boolean {
  return str(ctx.config, "platform") === "ensemble";
}

const TYPE_SIZE: Record<string, number> = {
  TYPE_BOOL: 1,
  TYPE_UINT8: 1,
  TYPE_UINT16: 2,
  TYPE_UINT32: 4,
  TYPE_UINT64: 8,
  TYPE_INT8: 1,
  TYPE_INT16: 2,
  TYPE_INT32: 4,
  TYPE_INT64: 8,
  TYPE_FP16: 2,
  TYPE_FP32: 4,
  TYPE_FP64: 8,
  TYPE_BF16: 2,
};

/** RL-3: names Triton loads but that break the HTTP endpoints, which embed the name in the URL path. */
export function checkModelName(ctx: Reporting<typeof MODEL_NAME_REPORTS>): void {
  const folder = ctx.folder;
  if (!folder) return;
  const name = folder.name;
  if (name.trim() !== name || /[\s/?#%\\]/.test(name)) {
    ctx.report("RL-3", undefined, `model name '${name}' contains characters that do not survive a URL`, {
      hint: "use letters, digits, '_', '-' and '.' only",
      file: folder.relPath,
    });
  }
}

/**
 * RL-2: the config name must equal the directory name (checked after the
 * config rules, as Triton does). The one home of RL-2, for a model folder
 * and for a lone config whose directory name the caller gives.
 */
export function checkNameMatchesDirectory(ctx: Reporting<typeof NAME_MATCHES_DIRECTORY_REPORTS>): void {
  const directory = ctx.directory;
  if (directory === undefined) return;
  const written = str(ctx.written, "name");
  if (written !== "" && written !== directory) {
    ctx.report(
      "RL-2",
      "name",
      `unexpected directory name '${directory}' for model '${written}', directory name must equal model name`,
      {
        hint: `rename the directory to '${written}' or set name: "${directory}" (or remove the name line)`,
      },
    );
  }
}

/** RL-8 and RL-9: which version directories Triton reads, and whether the policy selects one. */
export function checkVersions(ctx: Reporting<typeof VERSIONS_REPORTS>): void {
  const { folder, versions } = ctx;
  // Stryker disable next-line LogicalOperator: the pipeline gives a folder and its versions together or neither
  if (!folder || !versions) return;
  const { scan, selection } = versions;
  for (const v of scan.versions) {
    if (!v.canonical && v.version < 0) {
      // stoll reads `-1` as version -1; the directory of that name exists, but -1 means "latest" in requests and ensemble steps.
      ctx.report(
        "RL-8",
        undefined,
        `version directory '${v.dir}' of model '${ctx.name}' is read by Triton as the negative version ${v.version}, which no request or ensemble step can ask for (-1 means the latest version there)`,
        {
          hint: "version directories are named 0, 1, 2, …: rename it to a positive number",
          file: `${folder.relPath}/${v.dir}`,
        },
      );
    } else if (!v.canonical) {
      ctx.report(
        "RL-8",
        undefined,
        `version directory '${v.dir}' of model '${ctx.name}' is read by Triton as version ${v.version}, whose files it then looks for in '${v.version}'`,
        {
          hint: `rename the directory to '${v.version}'`,
          file: `${folder.relPath}/${v.dir}`,
        },
      );
    }
  }
  for (const dir of scan.outOfRange) {
    ctx.report(
      "RL-8",
      undefined,
      `version directory '${dir}' of model '${ctx.name}' is a number beyond int64, which crashes Triton's version parsing`,
      {
        hint: "use a small version number",
        file: `${folder.relPath}/${dir}`,
      },
    );
  }
  for (const ignored of scan.ignored) {
    if (ignored.dir.startsWith(".") || ignored.dir === "__pycache__") continue;
    ctx.report("RL-8", undefined, ignored.reason, {
      severity: "info",
      hint: "Triton does not load it as a version",
      file: `${folder.relPath}/${ignored.dir}`,
    });
  }
  for (const v of selection.missing) {
    const twice = selection.phantom.includes(v);
    ctx.report(
      "RL-9",
      "version_policy.specific",
      `version ${v} is specified for model '${ctx.name}', but the version directory is not present`,
      {
        severity: "warning",
        hint: twice
          ? `the version is listed again, and Triton takes the second listing as present: it selects version ${v} and its load fails`
          : `add the directory '${v}' or remove the version from the policy`,
      },
    );
  }
  // RL-9 quirk: the load of a version listed twice fails later. For backends whose model file we know,
  // RL-12 reports that failure with the backend's message; for the others, say it here.
  if (expectedModelFile(ctx.config) === undefined) {
    for (const v of selection.phantom) {
      ctx.report(
        "RL-9",
        "version_policy.specific",
        `version ${v} of model '${ctx.name}' is listed twice in version_policy.specific, so Triton loads it although '${folder.relPath}/${v}' does not exist, and the load fails`,
        {
          hint: `list version ${v} once and add the directory '${v}', or remove it from the policy`,
        },
      );
    }
  }
  if (selection.selected.length === 0 && !selection.neverSelects) {
    const message = `at least one version must be available under the version policy of model '${ctx.name}'`;
    if (scan.versions.length === 0) {
      ctx.report("RL-9", undefined, message, {
        hint: `add a version directory: ${folder.relPath}/1/`,
        file: folder.relPath,
      });
    } else {
      ctx.report("RL-9", msg(ctx.written, "version_policy") ? "version_policy" : undefined, message, {
        hint: "the policy selects none of the version directories present",
      });
    }
  }
}

function listingHas(listing: Listing | undefined, name: string): { kind: string } | undefined {
  return listing?.entries.find((e) => e.name === name);
}

/** The file each backend loads from a version directory (RL-12); undefined when the backend decides. */
function expectedModelFile(config: MessageValue): { file: string; kind: "file" | "directory" | "any" } | undefined {
  const backend = str(config, "backend");
  const platform = str(config, "platform");
  const file = str(config, "default_model_filename");
  switch (backend) {
    case "tensorrt":
      // Stryker disable next-line StringLiteral: autofill sets default_model_filename; kind: only any/directory count
      return { file: file || "model.plan", kind: "file" };
    // Stryker disable next-line ConditionalExpression: falling into pytorch keeps the autofilled file and kind "any"
    case "onnxruntime":
      return { file: file || "model.onnx", kind: "any" };
    case "pytorch":
      return { file: file || (platform === "torch_aoti" ? "model.pt2" : "model.pt"), kind: "any" };
    case "tensorflow":
      return platform === "tensorflow_savedmodel"
        ? { file: file || "model.savedmodel", kind: "directory" }
        : { file: file || "model.graphdef", kind: "any" };
    case "openvino":
      // Stryker disable next-line StringLiteral: autofill sets default_model_filename; kind: only any/directory count
      return { file: file || "model.xml", kind: "file" };
    case "python":
      return { file: file || "model.py", kind: "any" };
    // Stryker disable next-line ConditionalExpression: an emptied default falls out of the switch: undefined too
    default:
      return undefined;
  }
}

/** RL-12 and RL-15: the model file in each selected version directory. */
export function checkModelFiles(ctx: Reporting<typeof MODEL_FILES_REPORTS>): void {
  const { folder, versions } = ctx;
  if (!folder || !versions || isEnsemble(ctx)) return;
  const { scan, selection } = versions;
  const expected = expectedModelFile(ctx.config);
  if (!expected) return;
  const backend = str(ctx.config, "backend");
  if (backend === "python") {
    const file = expected.file;
    const stem = file.endsWith(".py") ? file.slice(0, -3) : undefined;
    if (stem === undefined || stem.includes(".") || stem === "") {
      ctx.report(
        "RL-15",
        "default_model_filename",
        // The stub's own check (find_last_of(".py")) refuses only a name whose last character is none of '.', 'p', 'y';
        // any other name it cannot import fails in Python's words.
        /[.py]$/.test(file)
          ? `Python model file '${file}' of model '${ctx.name}' cannot be imported: it must end in '.py' and have no other '.'`
          : `Model name must end with '.py'. Model name is "${file}".`,
        {
          hint: "the Python backend imports the file as a module <version>.<stem>",
        },
      );
    } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(stem)) {
      ctx.report(
        "RL-15",
        "default_model_filename",
        `Python model file '${file}' of model '${ctx.name}' is not a Python identifier`,
        {
          severity: "warning",
          hint: "use letters, digits and '_' in the file name",
        },
      );
    }
  }
  const ccFiles = stringMap(ctx.config, "cc_model_filenames").map(([, f]) => f);
  for (const version of selection.selected) {
    // Stryker disable next-line ArrowFunction: a canonical version directory is named String(version), the fallback
    const dir = scan.versions.find((v) => v.version === version && v.canonical)?.dir ?? String(version);
    const listing = folder.subdirs.get(dir);
    const found = listingHas(listing, expected.file);
    const ok =
      found !== undefined &&
      (expected.kind === "any" ||
        (expected.kind === "directory" ? found.kind === "directory" : found.kind !== "directory"));
    if (ok || ccFiles.some((f) => listingHas(listing, f))) continue;
    const where = `${folder.path}/${dir}`;
    const message =
      backend === "python"
        ? `Python model file not found in '${where}/${expected.file}'`
        : `model file '${dir}/${expected.file}' for model '${ctx.name}' not found (backend '${backend}' loads ${expected.kind === "directory" ? "a directory" : "a file"} of that name)`;
    ctx.report("RL-12", undefined, message, {
      hint: listing
        ? `put the model ${expected.kind === "directory" ? "directory" : "file"} at ${folder.relPath}/${dir}/${expected.file}, or set default_model_filename`
        : `version ${version} has no directory '${folder.relPath}/${version}'`,
      file: `${folder.relPath}/${dir}`,
    });
  }
}

/** Whether `rel` stays inside its base directory after normalisation. */
function staysInside(rel: string): boolean {
  if (rel.startsWith("/")) return false;
  const n = normalize(rel);
  return n !== ".." && !n.startsWith("../");
}

function absence(backend: string, version: string): string {
  const why = stockBackendAbsence(backend, version);
  return why === undefined ? "" : ` (${why})`;
}

/** RL-18: the backend library (or the `runtime`) must be found where Triton searches. */
export function checkBackendLibrary(ctx: Reporting<typeof BACKEND_LIBRARY_REPORTS>): void {
  const { folder, versions } = ctx;
  if (!folder || !versions || isEnsemble(ctx)) return;
  const { selection } = versions;
  const backend = str(ctx.config, "backend");
  if (backend === "" || str(ctx.config, "platform") === "ensemble") return;
  const runtime = str(ctx.config, "runtime");
  const versionDirs = selection.selected.map((v) => String(v));
  const searched = (): string[] => [
    ...versionDirs.map((v) => `${folder.path}/${v}`),
    folder.path,
    ctx.env.backendPath(backend),
  ];
  const inModel = (file: string): boolean =>
    versionDirs.some((v) => listingHas(folder.subdirs.get(v), file) !== undefined) ||
    folder.entries.some((e) => e.name === file);
  const backendFiles = ctx.env.backendFiles(backend);
  if (runtime === "") {
    const library = `libtriton_${backend}.so`;
    if (inModel(library) || backendFiles?.includes(library) || backendFiles?.includes("model.py")) return;
    ctx.report(
      "RL-18",
      "backend",
      `Invalid argument: unable to find backend library for backend '${backend}', try specifying runtime on the model configuration.`,
      {
        hint: ctx.env.backendDirGiven
          ? `no ${library} in ${searched().join(", ")}`
          : `'${backend}' is not a backend of the stock tritonserver ${ctx.env.tritonVersion} image${absence(backend, ctx.env.tritonVersion)}: check the spelling, pass --triton-version for another release, or --backend-dir to check against your server's backends`,
      },
    );
    return;
  }
  if (!staysInside(runtime)) {
    ctx.report(
      "RL-18",
      "runtime",
      // Triton checks each search path in turn, the version directory first, and names the first it checked.
      `backend library name '${runtime}' escapes backend directory '${searched()[0]}', for model '${ctx.name}', check model config runtime field`,
      {
        hint: "runtime is a file name looked up in the version directory, the model directory, then the backend's directory",
      },
    );
    return;
  }
  if (runtime === "model.py") {
    if (backendFiles?.includes("model.py")) return;
    ctx.report(
      "RL-18",
      "runtime",
      `unable to find Python backend based backend library 'model.py' for model '${ctx.name}', searched: '${ctx.env.backendPath(backend)}'`,
      {
        hint: 'runtime: "model.py" selects a Python-based backend, which needs <backends>/<backend>/model.py',
      },
    );
    return;
  }
  if (inModel(runtime) || backendFiles?.includes(runtime)) return;
  if (runtime.includes("/") && statKind(join(folder.path, runtime)).kind === "file") return;
  ctx.report(
    "RL-18",
    "runtime",
    `unable to find backend library '${runtime}' for model '${ctx.name}', searched: ${searched()
      .map((s) => `'${s}'`)
      .join(" ")}`,
    {
      hint: `remove runtime to use libtriton_${backend}.so, or put '${runtime}' in the model directory`,
    },
  );
}

/** RL-13: output label files, relative to the model directory. */
export function checkLabelFiles(ctx: Reporting<typeof LABEL_FILES_REPORTS>): void {
  const folder = ctx.folder;
  if (!folder || isEnsemble(ctx)) return;
  const withLabels = new Set<string>();
  messages(ctx.config, "output").forEach((output, i) => {
    const label = str(output, "label_filename");
    if (label === "") return;
    const path = `output[${i}].label_filename`;
    const outName = str(output, "name");
    if (withLabels.has(outName)) {
      ctx.report("RL-13", path, `multiple label files for '${outName}'`, {
        hint: "two outputs of this name carry label files: keep one",
      });
      return;
    }
    withLabels.add(outName);
    if (!staysInside(label)) {
      ctx.report(
        "RL-13",
        path,
        `label file path '${label}' for output '${outName}' in model '${ctx.name}' is outside model directory`,
        {
          hint: "label files are read relative to the model directory and must stay inside it",
        },
      );
      return;
    }
    const full = join(folder.path, label);
    // A plain name is answered by the model directory's listing; only nested paths need the file system.
    // Stryker disable next-line StringLiteral,ArrowFunction: a shortcut; statKind of the path gives the same answer
    const listed = label.includes("/") ? undefined : folder.entries.find((e) => e.name === label);
    const st = listed ? { kind: listed.kind, error: listed.error } : statKind(full);
    if (st.kind !== "file") {
      ctx.report(
        "RL-13",
        path,
        `failed to open text file for read ${full}: ${describeOsError(st.kind === "broken" ? (st.error ?? "ENOENT") : "EISDIR")}`,
        {
          hint: `put the labels, one per line, in ${folder.relPath}/${label}`,
        },
      );
    }
  });
}

function byteSize(type: string, dims: readonly number[]): number | undefined {
  const size = TYPE_SIZE[type];
  // Stryker disable next-line EqualityOperator: a zero dim makes the need 0, which no file size is below
  if (size === undefined || dims.some((d) => d < 0)) return undefined;
  return dims.reduce((a, d) => a * d, size);
}

/** RL-14 with MC-95 and MC-66: warmup and initial-state data files, and their sizes. */
export function checkDataFiles(ctx: Reporting<typeof DATA_FILES_REPORTS>): void {
  const folder = ctx.folder;
  if (!folder || isEnsemble(ctx)) return;
  messages(ctx.config, "model_warmup").forEach((sample, i) => {
    for (const [key, input] of mapEntries(sample, "inputs")) {
      if (!isMessage(input)) continue;
      const file = str(input, "input_data_file");
      if (file === "") continue;
      const path = `model_warmup[${i}].inputs["${key}"].input_data_file`;
      checkDataFile(
        ctx,
        folder,
        "warmup",
        file,
        path,
        enumName(input, "data_type", "TYPE_INVALID"),
        numbers(input, "dims"),
        "MC-95",
        "warmup setting expects",
      );
    }
  });
  messages(msg(ctx.config, "sequence_batching"), "state").forEach((state, i) => {
    messages(state, "initial_state").forEach((initial, j) => {
      const file = str(initial, "data_file");
      if (file === "") return;
      const path = `sequence_batching.state[${i}].initial_state[${j}].data_file`;
      checkDataFile(
        ctx,
        folder,
        "initial_state",
        file,
        path,
        enumName(initial, "data_type", "TYPE_INVALID"),
        numbers(initial, "dims"),
        "MC-66",
        "initial_state setting expects",
      );
    });
  });
}

function checkDataFile(
  ctx: Reporting<typeof DATA_FILES_REPORTS>,
  folder: ModelFolder,
  subdir: string,
  file: string,
  path: string,
  type: string,
  dims: readonly number[],
  sizeCode: "MC-66" | "MC-95",
  sizePrefix: string,
): void {
  const full = join(folder.path, subdir, file);
  const st = statKind(full);
  if (st.kind !== "file") {
    ctx.report(
      "RL-14",
      path,
      `failed to open text file for read ${full}: ${describeOsError(st.kind === "broken" ? (st.error ?? "ENOENT") : "EISDIR")}`,
      {
        hint: `data files are read from ${folder.relPath}/${subdir}/`,
      },
    );
    return;
  }
  const need = byteSize(type, dims);
  if (need !== undefined && st.size !== undefined && st.size < need) {
    ctx.report(
      sizeCode,
      path,
      `${sizePrefix} ${need} bytes, but the data provided from ${file}only has ${st.size} bytes${sizeCode === "MC-66" ? "." : ""}`,
      {
        hint: `the file must hold at least ${need} bytes of raw ${type} data`,
      },
    );
  }
}
