import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ensembleTrio, onnxModel, pythonModel, type GeneratedModel } from "./models.js";
import { Random } from "./random.js";

/** The seed of every corpus the benchmark uses; change it and every figure's input changes. */
export const CORPUS_SEED = 0x7217_0a5e;

const DOMAINS = ["resnet50", "bert", "yolo", "whisper", "t5", "llama", "clip", "vit", "ranker", "fraud", "ocr", "tts"];
const ROLES = ["scorer", "encoder", "detector", "classifier", "generator", "tokenizer", "agent", "embedder"];

type Unit = "python" | "decoupled" | "sequence" | "onnx" | "ensemble";

const UNITS: ReadonlyArray<readonly [number, Unit]> = [
  [0.35, "python"],
  [0.08, "decoupled"],
  [0.2, "sequence"],
  [0.12, "onnx"],
  [0.25, "ensemble"],
];

/**
 * A Triton model repository of `count` models, mixed as teams deploy them:
 * Python models (dynamically batched, decoupled, sequence-batched), ONNX
 * models and preprocessing ensembles. Model i is the same for every `count`
 * above i, so a repository of 250 models is the first quarter of the one of
 * 1,000, which keeps the validation scaling figures comparable.
 */
export function generateRepository(count: number, seed: number = CORPUS_SEED): GeneratedModel[] {
  const root = new Random(seed);
  const models: GeneratedModel[] = [];
  for (let unit = 0; models.length < count; unit++) {
    // Each unit draws from its own stream: earlier units never shift later ones.
    const rnd = root.fork(`unit-${unit}`);
    const name = (role: string) => `${rnd.pick(DOMAINS)}_${role}_${String(models.length).padStart(4, "0")}`;
    const kind = rnd.weighted(UNITS);
    if (kind === "ensemble" && count - models.length >= 3) {
      const stem = `${rnd.pick(DOMAINS)}_${String(models.length).padStart(4, "0")}`;
      models.push(
        ...ensembleTrio(rnd, { pre: `${stem}_preprocess`, main: `${stem}_classifier`, ensemble: `${stem}_pipeline` }),
      );
    } else if (kind === "onnx") {
      models.push(onnxModel(rnd, name(rnd.pick(ROLES))));
    } else if (kind === "sequence") {
      models.push(pythonModel(rnd, name("stateful"), "sequence"));
    } else if (kind === "decoupled") {
      models.push(pythonModel(rnd, name("stream"), "decoupled"));
    } else {
      models.push(pythonModel(rnd, name(rnd.pick(ROLES)), "batched"));
    }
  }
  return models;
}

/** Writes models as `<root>/<name>/config.pbtxt` plus their files. */
export function writeRepository(root: string, models: readonly GeneratedModel[]): void {
  for (const model of models) {
    const dir = join(root, model.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.pbtxt"), model.config);
    for (const folder of model.directories) mkdirSync(join(dir, folder), { recursive: true });
    for (const file of model.files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  }
}
