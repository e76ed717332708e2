import { PbtxtWriter, type TextStyle } from "./pbtxt-writer.js";
import { Random } from "./random.js";
import { CORPUS_SEED } from "./repository.js";
import { randomDataType, randomDims, writeTensors, type TensorSpec } from "./tensors.js";

/** Triton's documentation layout, without comments: the large file is generated, not hand-written. */
const GENERATED_LAYOUT: TextStyle = {
  indent: "  ",
  messageListRate: 1,
  scalarListRate: 1,
  colonBeforeMessageRate: 0,
  angleRate: 0,
  separatorRate: 0,
  commentRate: 0,
  spellingRate: 0,
};

/**
 * One very large config: a Python model with `inputs` inputs (20,000 in the
 * benchmark), the kind of file a feature-store model with one tensor per
 * feature produces. It tests that reading stays linear in the input size.
 */
export function generateLargeConfig(inputs: number, seed: number = CORPUS_SEED): string {
  const rnd = new Random(seed ^ inputs);
  const w = new PbtxtWriter(rnd, GENERATED_LAYOUT);
  w.comment(`generated: ${inputs} feature inputs`);
  w.field("name", w.str("feature_ranker"));
  w.field("backend", w.str("python"));
  w.field("max_batch_size", w.int(64));
  const tensors: TensorSpec[] = Array.from({ length: inputs }, (_, i) => ({
    name: `feature_${String(i).padStart(5, "0")}`,
    dataType: randomDataType(rnd),
    dims: randomDims(rnd),
  }));
  writeTensors(w, "input", tensors);
  writeTensors(w, "output", [{ name: "SCORE", dataType: "TYPE_FP32", dims: [1] }]);
  w.message("dynamic_batching", () => w.list("preferred_batch_size", ["16", "64"]));
  w.messages("instance_group", [
    () => {
      w.field("count", "2");
      w.field("kind", "KIND_GPU");
    },
  ]);
  return w.text();
}
