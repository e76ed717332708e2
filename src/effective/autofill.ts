import type { FsEntry, Listing } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { str } from "../config/view.js";

/**
 * Triton's server-side autofill of the identity fields (stage S2, core's
 * AutoCompleteBackendFields): `name` from the directory (ND-1), then
 * `backend`, `platform` and `default_model_filename` from each other and,
 * when all three are open, from the files of the model's first subdirectory
 * (RL-10), or from the model name's suffix (RL-11). It runs even with
 * auto-complete disabled.
 */

/** What the first subdirectory (byte-wise) of the model directory holds, as detection sees it. */
export interface DetectionListing {
  /** Entries of the first subdirectory, or undefined when the model directory has none. */
  firstSubdir: readonly FsEntry[] | undefined;
}

/** Builds the detection view from a model directory's entries and subdirectory listings. */
export function detectionListing(entries: readonly FsEntry[], subdirs: ReadonlyMap<string, Listing>): DetectionListing {
  const first = entries.find((e) => e.kind === "directory");
  return { firstSubdir: first ? (subdirs.get(first.name)?.entries ?? []) : undefined };
}

/** Outcome of the identity autofill. */
export interface AutofillResult {
  /** Set when Triton fails here (RL-11): the message it prints. */
  error?: string;
}

function set(config: MessageValue, field: string, value: string): void {
  config[field] = value;
}

function entryKind(listing: DetectionListing, name: string): "dir" | "file" | undefined {
  // Stryker disable next-line OptionalChaining: every call is guarded by hasVersion, so firstSubdir is set here
  const entry = listing.firstSubdir?.find((e) => e.name === name);
  if (!entry) return undefined;
  return entry.kind === "directory" ? "dir" : "file";
}

/**
 * Fills the identity fields of `config` in place, exactly in Triton's order
 * (the first framework group that matches returns). `modelName` is the
 * directory name.
 */
export function autofillBackendFields(
  config: MessageValue,
  modelName: string,
  listing: DetectionListing,
): AutofillResult {
  // Triton needs has_version to open a directory; here a missing listing already finds no file (entryKind).
  // Stryker disable next-line ConditionalExpression: without a listing, entryKind finds nothing either way
  const hasVersion = listing.firstSubdir !== undefined;
  const platform = (): string => str(config, "platform");
  const backend = (): string => str(config, "backend");
  const filename = (): string => str(config, "default_model_filename");

  if (str(config, "name") === "") set(config, "name", modelName);

  // TensorFlow: the platform is required for this backend.
  if (platform() === "" && (backend() === "" || backend() === "tensorflow")) {
    if (filename() === "model.savedmodel") set(config, "platform", "tensorflow_savedmodel");
    else if (filename() === "model.graphdef") set(config, "platform", "tensorflow_graphdef");
    else if (filename() === "" && hasVersion) {
      if (entryKind(listing, "model.savedmodel") === "dir") set(config, "platform", "tensorflow_savedmodel");
      if (entryKind(listing, "model.graphdef") === "file") set(config, "platform", "tensorflow_graphdef");
    }
  }
  if (platform() === "tensorflow_savedmodel" || platform() === "tensorflow_graphdef") {
    if (backend() === "") set(config, "backend", "tensorflow");
    if (filename() === "")
      set(
        config,
        "default_model_filename",
        platform() === "tensorflow_savedmodel" ? "model.savedmodel" : "model.graphdef",
      );
    return {};
  }

  const open = (): boolean => platform() === "" && filename() === "" && hasVersion;

  // TensorRT
  if (backend() === "") {
    if (platform() === "tensorrt_plan" || filename() === "model.plan") set(config, "backend", "tensorrt");
    else if (open() && entryKind(listing, "model.plan") === "file") set(config, "backend", "tensorrt");
  }
  if (backend() === "tensorrt") {
    if (platform() === "") set(config, "platform", "tensorrt_plan");
    if (filename() === "") set(config, "default_model_filename", "model.plan");
    return {};
  }

  // ONNX Runtime: the model may be a file or a directory (external data).
  if (backend() === "") {
    if (platform() === "onnxruntime_onnx" || filename() === "model.onnx") set(config, "backend", "onnxruntime");
    else if (open() && entryKind(listing, "model.onnx") !== undefined) set(config, "backend", "onnxruntime");
  }
  if (backend() === "onnxruntime") {
    if (platform() === "") set(config, "platform", "onnxruntime_onnx");
    if (filename() === "") set(config, "default_model_filename", "model.onnx");
    return {};
  }

  // OpenVINO: the platform is left alone.
  if (backend() === "") {
    if (filename() === "model.xml") set(config, "backend", "openvino");
    else if (open() && entryKind(listing, "model.xml") !== undefined) set(config, "backend", "openvino");
  }
  if (backend() === "openvino") {
    if (filename() === "") set(config, "default_model_filename", "model.xml");
    return {};
  }

  // PyTorch (LibTorch and AOTInductor share the backend).
  if (backend() === "") {
    if (platform() === "pytorch_libtorch" || platform() === "libtorch" || filename() === "model.pt") {
      set(config, "backend", "pytorch");
    } else if (platform() === "torch_aoti" || filename() === "model.pt2") {
      set(config, "backend", "pytorch");
    } else if (open()) {
      if (entryKind(listing, "model.pt") !== undefined) {
        if (entryKind(listing, "model.pt") === "file") {
          set(config, "backend", "pytorch");
          set(config, "platform", "pytorch_libtorch");
        }
      } else if (entryKind(listing, "model.pt2") === "file") {
        set(config, "backend", "pytorch");
        set(config, "platform", "torch_aoti");
      }
    }
  }
  if (backend() === "pytorch") {
    if (platform() === "") {
      // LibTorch stays the default platform; AOTI must be named explicitly.
      set(config, "platform", "pytorch_libtorch");
      if (filename() === "") set(config, "default_model_filename", "model.pt");
    } else if (platform() === "torch_aoti" && filename() === "") {
      set(config, "default_model_filename", "model.pt2");
    }
    return {};
  }

  // Python
  if (backend() === "") {
    if (filename() === "model.py") set(config, "backend", "python");
    else if (open() && entryKind(listing, "model.py") !== undefined) set(config, "backend", "python");
  }
  if (backend() === "python") {
    if (filename() === "") set(config, "default_model_filename", "model.py");
    return {};
  }

  // Custom backend named by the model name's suffix: `model.identity` → `identity`.
  if (backend() === "" && platform() === "" && filename() === "") {
    const dot = modelName.indexOf(".");
    if (dot === -1) {
      return {
        error: `Invalid model name: Could not determine backend for model '${modelName}' with no backend in model configuration. Expected model name of the form 'model.<backend_name>'.`,
      };
    }
    const name = modelName.slice(dot + 1);
    set(config, "backend", name);
    set(config, "default_model_filename", `model.${name}`);
  }
  return {};
}
