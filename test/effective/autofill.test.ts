import { describe, expect, it } from "vitest";
import { type DetectionListing, autofillBackendFields, detectionListing } from "../../src/effective/autofill.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import type { EntryKind, FsEntry, Listing } from "../../src/repository/types.js";

/**
 * Identity autofill (ND-1, ND-2, RL-10, RL-11), case by case as core's
 * AutoCompleteBackendFields (model_config_utils.cc) decides it: the
 * expectations are read off that function's branches, not off ours.
 * `files` lists the first version directory's entries ("name/" is a
 * directory); `undefined` is a model without any subdirectory.
 */

const entry = (name: string, kind: EntryKind): FsEntry => ({ name, kind, symlink: false });

function listing(files: readonly string[] | undefined): DetectionListing {
  if (files === undefined) return { firstSubdir: undefined };
  return {
    firstSubdir: files.map((f) => (f.endsWith("/") ? entry(f.slice(0, -1), "directory") : entry(f, "file"))),
  };
}

/** The identity fields after autofill, with the error when Triton refuses the model. */
function fill(written: MessageValue, files?: readonly string[], modelName = "m") {
  const config = { ...written };
  const result = autofillBackendFields(config, modelName, listing(files));
  const out: Record<string, unknown> = {};
  for (const field of ["name", "backend", "platform", "default_model_filename"])
    if (config[field] !== undefined) out[field] = config[field];
  if (result.error !== undefined) out.error = result.error;
  return out;
}

const noBackend = (name: string) =>
  `Invalid model name: Could not determine backend for model '${name}' with no backend in model configuration. Expected model name of the form 'model.<backend_name>'.`;

describe("name (ND-1)", () => {
  it("takes the directory name only when the config has none", () => {
    expect(fill({ backend: "python" })).toMatchObject({ name: "m" });
    expect(fill({ name: "given", backend: "python" })).toMatchObject({ name: "given" });
  });
});

describe("TensorFlow: the platform decides", () => {
  it("from default_model_filename", () => {
    expect(fill({ default_model_filename: "model.savedmodel" })).toEqual({
      name: "m",
      backend: "tensorflow",
      platform: "tensorflow_savedmodel",
      default_model_filename: "model.savedmodel",
    });
    expect(fill({ default_model_filename: "model.graphdef" })).toEqual({
      name: "m",
      backend: "tensorflow",
      platform: "tensorflow_graphdef",
      default_model_filename: "model.graphdef",
    });
    expect(fill({ backend: "tensorflow", default_model_filename: "model.graphdef" })).toMatchObject({
      platform: "tensorflow_graphdef",
    });
  });

  it("from the platform, filling backend and file name", () => {
    expect(fill({ platform: "tensorflow_savedmodel" })).toEqual({
      name: "m",
      backend: "tensorflow",
      platform: "tensorflow_savedmodel",
      default_model_filename: "model.savedmodel",
    });
    expect(fill({ platform: "tensorflow_graphdef", default_model_filename: "frozen.pb" })).toEqual({
      name: "m",
      backend: "tensorflow",
      platform: "tensorflow_graphdef",
      default_model_filename: "frozen.pb",
    });
    expect(fill({ platform: "tensorflow_graphdef", backend: "custom_tf" })).toMatchObject({
      backend: "custom_tf",
      default_model_filename: "model.graphdef",
    });
  });

  it("from the files: a model.savedmodel directory, a model.graphdef file (graphdef checked last, wins)", () => {
    expect(fill({}, ["model.savedmodel/"])).toMatchObject({
      backend: "tensorflow",
      platform: "tensorflow_savedmodel",
      default_model_filename: "model.savedmodel",
    });
    expect(fill({ backend: "tensorflow" }, ["model.graphdef"])).toMatchObject({
      platform: "tensorflow_graphdef",
      default_model_filename: "model.graphdef",
    });
    expect(fill({}, ["model.savedmodel/", "model.graphdef"])).toMatchObject({ platform: "tensorflow_graphdef" });
  });

  it("not from a model.savedmodel file or a model.graphdef directory", () => {
    expect(fill({}, ["model.savedmodel"])).toEqual({ name: "m", error: noBackend("m") });
    expect(fill({}, ["model.graphdef/"])).toEqual({ name: "m", error: noBackend("m") });
  });

  it("not when a platform is written, whatever the file name says", () => {
    expect(fill({ platform: "p", default_model_filename: "model.savedmodel" })).toEqual({
      name: "m",
      platform: "p",
      default_model_filename: "model.savedmodel",
    });
  });

  it("not when another file name, platform or backend is written, nor without a version directory", () => {
    expect(fill({ default_model_filename: "other" }, ["model.savedmodel/"])).toEqual({
      name: "m",
      default_model_filename: "other",
    });
    expect(fill({ backend: "python" }, ["model.savedmodel/"])).toEqual({
      name: "m",
      backend: "python",
      default_model_filename: "model.py",
    });
    expect(fill({ backend: "python", default_model_filename: "model.graphdef" })).toEqual({
      name: "m",
      backend: "python",
      default_model_filename: "model.graphdef",
    });
    expect(fill({ backend: "tensorflow" })).toEqual({ name: "m", backend: "tensorflow" });
    expect(fill({ backend: "tensorflow" }, [])).toEqual({ name: "m", backend: "tensorflow" });
  });
});

describe("TensorRT", () => {
  it("from the platform, the file name, or a model.plan file", () => {
    const trt = { name: "m", backend: "tensorrt", platform: "tensorrt_plan", default_model_filename: "model.plan" };
    expect(fill({ platform: "tensorrt_plan" })).toEqual(trt);
    expect(fill({ default_model_filename: "model.plan" })).toEqual(trt);
    expect(fill({}, ["model.plan"])).toEqual(trt);
    expect(fill({ backend: "tensorrt" })).toEqual(trt);
  });

  it("keeps what is written", () => {
    expect(fill({ backend: "tensorrt", platform: "p", default_model_filename: "f" })).toEqual({
      name: "m",
      backend: "tensorrt",
      platform: "p",
      default_model_filename: "f",
    });
  });

  it("not from a model.plan directory, nor from files when a platform or file name is written", () => {
    expect(fill({}, ["model.plan/"])).toEqual({ name: "m", error: noBackend("m") });
    expect(fill({ platform: "p" }, ["model.plan"])).toEqual({ name: "m", platform: "p" });
    expect(fill({ default_model_filename: "f" }, ["model.plan"])).toEqual({ name: "m", default_model_filename: "f" });
  });
});

describe("ONNX Runtime", () => {
  const ort = { name: "m", backend: "onnxruntime", platform: "onnxruntime_onnx", default_model_filename: "model.onnx" };
  it("from the platform, the file name, or a model.onnx file or directory", () => {
    expect(fill({ platform: "onnxruntime_onnx" })).toEqual(ort);
    expect(fill({ default_model_filename: "model.onnx" })).toEqual(ort);
    expect(fill({}, ["model.onnx"])).toEqual(ort);
    expect(fill({}, ["model.onnx/"])).toEqual(ort);
    expect(fill({ backend: "onnxruntime" })).toEqual(ort);
  });

  it("not from files when a platform or file name is written", () => {
    expect(fill({ platform: "p" }, ["model.onnx"])).toEqual({ name: "m", platform: "p" });
    expect(fill({ default_model_filename: "f" }, ["model.onnx"])).toEqual({ name: "m", default_model_filename: "f" });
    expect(fill({ backend: "onnxruntime", platform: "p", default_model_filename: "f" })).toEqual({
      name: "m",
      backend: "onnxruntime",
      platform: "p",
      default_model_filename: "f",
    });
  });
});

describe("OpenVINO: the platform stays unset", () => {
  const ov = { name: "m", backend: "openvino", default_model_filename: "model.xml" };
  it("from the file name or a model.xml entry", () => {
    expect(fill({ default_model_filename: "model.xml" })).toEqual(ov);
    expect(fill({}, ["model.xml"])).toEqual(ov);
    expect(fill({}, ["model.xml/"])).toEqual(ov);
    expect(fill({ backend: "openvino" })).toEqual(ov);
    expect(fill({ backend: "openvino", default_model_filename: "f" })).toEqual({ ...ov, default_model_filename: "f" });
  });

  it("not from files when a platform is written", () => {
    expect(fill({ platform: "p" }, ["model.xml"])).toEqual({ name: "m", platform: "p" });
  });
});

describe("PyTorch", () => {
  it("LibTorch from its platforms or model.pt; a written platform keeps an empty file name", () => {
    const lt = { name: "m", backend: "pytorch", platform: "pytorch_libtorch", default_model_filename: "model.pt" };
    // A written platform other than torch_aoti leaves the file name alone, whichever LibTorch name it is.
    expect(fill({ platform: "pytorch_libtorch" })).toEqual({
      name: "m",
      backend: "pytorch",
      platform: "pytorch_libtorch",
    });
    expect(fill({ default_model_filename: "model.pt" })).toEqual(lt);
    expect(fill({ backend: "pytorch" })).toEqual(lt);
    // Detection sets the platform too, so the file name is left empty.
    expect(fill({}, ["model.pt"])).toEqual({ name: "m", backend: "pytorch", platform: "pytorch_libtorch" });
    expect(fill({ platform: "libtorch" })).toEqual({ name: "m", backend: "pytorch", platform: "libtorch" });
  });

  it("AOTInductor from torch_aoti or a model.pt2 file; model.pt2 alone gets the LibTorch platform", () => {
    const aoti = { name: "m", backend: "pytorch", platform: "torch_aoti", default_model_filename: "model.pt2" };
    expect(fill({ platform: "torch_aoti" })).toEqual(aoti);
    expect(fill({}, ["model.pt2"])).toEqual(aoti);
    expect(fill({ platform: "torch_aoti", default_model_filename: "x.pt2" })).toEqual({
      ...aoti,
      default_model_filename: "x.pt2",
    });
    // The platform is still empty when the backend is filled, so LibTorch is set.
    expect(fill({ default_model_filename: "model.pt2" })).toEqual({
      name: "m",
      backend: "pytorch",
      platform: "pytorch_libtorch",
      default_model_filename: "model.pt2",
    });
    expect(fill({ backend: "pytorch", default_model_filename: "f" })).toEqual({
      name: "m",
      backend: "pytorch",
      platform: "pytorch_libtorch",
      default_model_filename: "f",
    });
  });

  it("not from directories; a model.pt entry hides a model.pt2 file", () => {
    expect(fill({}, ["model.pt/"])).toEqual({ name: "m", error: noBackend("m") });
    expect(fill({}, ["model.pt2/"])).toEqual({ name: "m", error: noBackend("m") });
    expect(fill({}, ["model.pt/", "model.pt2"])).toEqual({ name: "m", error: noBackend("m") });
    expect(fill({ platform: "p" }, ["model.pt"])).toEqual({ name: "m", platform: "p" });
  });
});

describe("Python", () => {
  const py = { name: "m", backend: "python", default_model_filename: "model.py" };
  it("from the file name or a model.py entry", () => {
    expect(fill({ default_model_filename: "model.py" })).toEqual(py);
    expect(fill({}, ["model.py"])).toEqual(py);
    expect(fill({}, ["model.py/"])).toEqual(py);
    expect(fill({ backend: "python", default_model_filename: "other.py" })).toEqual({
      ...py,
      default_model_filename: "other.py",
    });
  });

  it("not from files when a platform is written", () => {
    expect(fill({ platform: "p" }, ["model.py"])).toEqual({ name: "m", platform: "p" });
  });
});

describe("a written backend is never replaced", () => {
  it("by the platform or file name of another framework", () => {
    expect(fill({ backend: "custom", platform: "onnxruntime_onnx" })).toEqual({
      name: "m",
      backend: "custom",
      platform: "onnxruntime_onnx",
    });
    expect(fill({ backend: "custom", default_model_filename: "model.xml" })).toEqual({
      name: "m",
      backend: "custom",
      default_model_filename: "model.xml",
    });
    expect(fill({ backend: "custom", default_model_filename: "model.py" })).toEqual({
      name: "m",
      backend: "custom",
      default_model_filename: "model.py",
    });
    expect(fill({ backend: "custom", platform: "torch_aoti" })).toEqual({
      name: "m",
      backend: "custom",
      platform: "torch_aoti",
    });
  });
});

describe("custom backends from the model name (RL-11)", () => {
  it("takes everything after the first dot", () => {
    expect(fill({}, undefined, "model.identity")).toEqual({
      name: "model.identity",
      backend: "identity",
      default_model_filename: "model.identity",
    });
    expect(fill({}, ["x.bin"], "a.b.c")).toEqual({
      name: "a.b.c",
      backend: "b.c",
      default_model_filename: "model.b.c",
    });
  });

  it("fails without a dot, naming the directory", () => {
    expect(fill({ name: "n" }, undefined, "dir")).toEqual({ name: "n", error: noBackend("dir") });
  });

  it("is not tried when a backend, platform or file name is written", () => {
    expect(fill({ backend: "identity" })).toEqual({ name: "m", backend: "identity" });
    expect(fill({ platform: "p" })).toEqual({ name: "m", platform: "p" });
    expect(fill({ default_model_filename: "f" })).toEqual({ name: "m", default_model_filename: "f" });
  });
});

describe("detectionListing: the first subdirectory, byte-wise", () => {
  const listingOf = (path: string, names: string[]): Listing => ({
    path,
    entries: names.map((n) => entry(n, "file")),
  });

  it("reads the first directory entry, skipping files", () => {
    const entries = [entry("a.txt", "file"), entry("1", "directory"), entry("2", "directory")];
    const subdirs = new Map([
      ["1", listingOf("/m/1", ["model.onnx"])],
      ["2", listingOf("/m/2", ["model.py"])],
    ]);
    expect(detectionListing(entries, subdirs).firstSubdir?.map((e) => e.name)).toEqual(["model.onnx"]);
  });

  it("is empty for a directory without a listing, undefined without any directory", () => {
    expect(detectionListing([entry("1", "directory")], new Map()).firstSubdir).toEqual([]);
    expect(detectionListing([entry("config.pbtxt", "file")], new Map()).firstSubdir).toBeUndefined();
  });
});
