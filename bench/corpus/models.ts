import { modelPy, type PythonModelFlavour } from "./model-py.js";
import { PbtxtWriter, randomStyle } from "./pbtxt-writer.js";
import type { Random } from "./random.js";
import {
  writeDynamicBatching,
  writeHeader,
  writeIdentity,
  writeInstanceGroups,
  writeMetrics,
  writeOptimization,
  writeParameters,
  writeSequenceBatching,
  writeVersionPolicy,
  writeWarmup,
} from "./sections.js";
import { randomTensors, writeTensors, type TensorSpec } from "./tensors.js";

export type ModelKind = "python" | "python-decoupled" | "python-sequence" | "onnx" | "ensemble";

/** A file of a model directory, relative to it (`1/model.py`, `warmup/x.bin`). */
export interface GeneratedFile {
  path: string;
  content: string | Uint8Array;
}

/** One model of a generated repository: its config text and everything else its folder holds. */
export interface GeneratedModel {
  name: string;
  kind: ModelKind;
  config: string;
  files: GeneratedFile[];
  /** Folders that must exist even when empty (an ensemble's version folder, RL-17). */
  directories: string[];
}

interface ModelInterface {
  maxBatchSize: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

function randomInterface(rnd: Random, batching: boolean): ModelInterface {
  const maxBatchSize = batching ? rnd.pick([1, 4, 8, 16, 32, 64, 128]) : 0;
  const inputs = randomTensors(rnd, rnd.int(1, 4), "INPUT");
  const outputs = randomTensors(rnd, rnd.int(1, 3), "OUTPUT");
  inputs.forEach((input, index) => {
    // A scalar per batch item is written `dims: [1]` plus an empty reshape, which needs batching (MC-19).
    if (maxBatchSize > 0 && input.dims.length === 1 && input.dims[0] === 1 && rnd.chance(0.3)) input.reshape = [];
    if (index > 0 && rnd.chance(0.1)) input.optional = true;
  });
  return { maxBatchSize, inputs, outputs };
}

function flavourKind(flavour: PythonModelFlavour): ModelKind {
  if (flavour === "decoupled") return "python-decoupled";
  if (flavour === "sequence") return "python-sequence";
  return "python";
}

function warmupFiles(files: Array<{ file: string; bytes: number }>): GeneratedFile[] {
  return files.map(({ file, bytes }) => ({ path: `warmup/${file}`, content: new Uint8Array(bytes) }));
}

/** A Python-backend model: config.pbtxt plus `<version>/model.py` (RL-15, PY-1). */
export function pythonModel(
  rnd: Random,
  name: string,
  flavour: PythonModelFlavour,
  given?: ModelInterface,
): GeneratedModel {
  const io = given ?? randomInterface(rnd, flavour === "sequence" || rnd.chance(0.85));
  const w = new PbtxtWriter(rnd, randomStyle(rnd));
  writeHeader(w, `${flavour} Python model ${name}`);
  writeIdentity(w, name, { backend: "python" });
  w.field("max_batch_size", w.int(io.maxBatchSize));
  const versions = writeVersionPolicy(w);
  writeTensors(w, "input", io.inputs);
  writeTensors(w, "output", io.outputs);
  if (flavour === "sequence") writeSequenceBatching(w, io.maxBatchSize);
  else if (io.maxBatchSize > 0 && rnd.chance(0.8)) writeDynamicBatching(w, io.maxBatchSize);
  writeInstanceGroups(w, { allowCpu: true });
  writeParameters(w);
  const warmup = flavour !== "sequence" && rnd.chance(0.3) ? writeWarmup(w, io.inputs, io.maxBatchSize) : [];
  if (flavour === "decoupled") w.message("model_transaction_policy", () => w.field("decoupled", w.bool(true)));
  // The response cache is refused with sequence batching (MC-57) and decoupled models (MC-98).
  if (flavour === "batched" && rnd.chance(0.2)) w.message("response_cache", () => w.field("enable", w.bool(true)));
  if (rnd.chance(0.1)) writeMetrics(w);
  const code = modelPy(flavour, io.inputs, io.outputs);
  return {
    name,
    kind: flavourKind(flavour),
    config: w.text(),
    files: [...versions.map((version) => ({ path: `${version}/model.py`, content: code })), ...warmupFiles(warmup)],
    directories: [],
  };
}

/** An ONNX Runtime model; the model file is an empty placeholder (checks on binaries are out of scope). */
export function onnxModel(rnd: Random, name: string, given?: ModelInterface): GeneratedModel {
  const io = given ?? randomInterface(rnd, rnd.chance(0.8));
  const w = new PbtxtWriter(rnd, randomStyle(rnd));
  writeHeader(w, `ONNX Runtime model ${name}`);
  // Either spelling identifies ONNX Runtime; both together must agree (MC-12).
  const identity = rnd.pick([
    { platform: "onnxruntime_onnx" },
    { backend: "onnxruntime" },
    { platform: "onnxruntime_onnx", backend: "onnxruntime" },
  ]);
  writeIdentity(w, name, identity);
  w.field("max_batch_size", w.int(io.maxBatchSize));
  const versions = writeVersionPolicy(w);
  for (const input of io.inputs) {
    if (input.dims.length === 3 && rnd.chance(0.5)) input.format = "FORMAT_NCHW";
  }
  const labelled = io.outputs.find(
    (output) => output.dims.length === 1 && output.dims[0] !== -1 && output.dataType !== "TYPE_STRING",
  );
  if (labelled && rnd.chance(0.5)) labelled.labelFile = "labels.txt";
  writeTensors(w, "input", io.inputs);
  writeTensors(w, "output", io.outputs);
  if (io.maxBatchSize > 0) writeDynamicBatching(w, io.maxBatchSize);
  writeInstanceGroups(w, { allowCpu: false });
  if (rnd.chance(0.6)) writeOptimization(w);
  const warmup = rnd.chance(0.3) ? writeWarmup(w, io.inputs, io.maxBatchSize) : [];
  const labels = Array.from({ length: 10 }, (_, i) => `class_${i}`).join("\n");
  return {
    name,
    kind: "onnx",
    config: w.text(),
    files: [
      ...versions.map((version) => ({ path: `${version}/model.onnx`, content: new Uint8Array(0) })),
      ...(labelled?.labelFile ? [{ path: labelled.labelFile, content: `${labels}\n` }] : []),
      ...warmupFiles(warmup),
    ],
    directories: [],
  };
}

/**
 * A preprocessing model, a classifier and the ensemble chaining them, as in
 * Triton's python_backend preprocessing example: every ensemble tensor is
 * produced once and consumed (MC-77..80), types and shapes agree across steps
 * (MC-89, MC-90), and the ensemble's batch size fits both steps (MC-85).
 */
export function ensembleTrio(rnd: Random, names: { pre: string; main: string; ensemble: string }): GeneratedModel[] {
  const raw: TensorSpec = { name: "RAW_IMAGE", dataType: rnd.pick(["TYPE_UINT8", "TYPE_STRING"] as const), dims: [-1] };
  const shape = rnd.pick([
    [3, 224, 224],
    [3, 299, 299],
    [3, 384, 384],
  ]);
  const classes = rnd.pick([10, 100, 1000]);
  const preMax = rnd.pick([8, 16, 32, 64]);
  const mainMax = rnd.pick([8, 16, 32, 64, 128]);
  const pre = pythonModel(rnd.fork("pre"), names.pre, "batched", {
    maxBatchSize: preMax,
    inputs: [{ ...raw }],
    outputs: [{ name: "PREPROCESSED", dataType: "TYPE_FP32", dims: [...shape] }],
  });
  const mainIo: ModelInterface = {
    maxBatchSize: mainMax,
    inputs: [{ name: "INPUT__0", dataType: "TYPE_FP32", dims: [...shape] }],
    outputs: [{ name: "OUTPUT__0", dataType: "TYPE_FP32", dims: [classes] }],
  };
  const main = rnd.chance(0.5)
    ? onnxModel(rnd.fork("main"), names.main, mainIo)
    : pythonModel(rnd.fork("main"), names.main, "batched", mainIo);

  const w = new PbtxtWriter(rnd, randomStyle(rnd));
  writeHeader(w, `ensemble ${names.ensemble}: ${names.pre} -> ${names.main}`);
  writeIdentity(w, names.ensemble, { platform: "ensemble" });
  w.field("max_batch_size", w.int(Math.min(preMax, mainMax)));
  writeTensors(w, "input", [{ ...raw }]);
  writeTensors(w, "output", [{ name: "SCORES", dataType: "TYPE_FP32", dims: [classes] }]);
  const mapEntry = (key: string, value: string) => () => {
    w.field("key", w.str(key));
    w.field("value", w.str(value));
  };
  w.message("ensemble_scheduling", () => {
    w.messages("step", [
      () => {
        w.field("model_name", w.str(names.pre));
        // -1 is "latest"; an omitted version means 0, which is never loaded (MC-84).
        w.field("model_version", w.int(-1));
        w.messages("input_map", [mapEntry("RAW_IMAGE", "RAW_IMAGE")]);
        w.messages("output_map", [mapEntry("PREPROCESSED", "preprocessed_image")]);
      },
      () => {
        w.field("model_name", w.str(names.main));
        w.field("model_version", w.int(-1));
        w.messages("input_map", [mapEntry("INPUT__0", "preprocessed_image")]);
        w.messages("output_map", [mapEntry("OUTPUT__0", "SCORES")]);
      },
    ]);
    if (rnd.chance(0.3)) w.field("max_inflight_requests", w.int(rnd.pick([4, 16, 64])));
  });
  if (rnd.chance(0.3)) writeParameters(w);
  const ensemble: GeneratedModel = {
    name: names.ensemble,
    kind: "ensemble",
    config: w.text(),
    files: [],
    directories: ["1"],
  };
  return [pre, main, ensemble];
}
