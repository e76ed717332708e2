import type { PbtxtWriter } from "./pbtxt-writer.js";
import { DATA_TYPES, type TensorSpec } from "./tensors.js";

/**
 * Writers for the parts of a ModelConfig, each one valid by Triton's
 * load-time rules (../shared/design/triton-rules.md) for the model it is given,
 * so that the generated repository validates cleanly and the benchmark times
 * the common path, not error reporting.
 */

const LICENSE = [
  "Copyright (c) 2024, Example Corp. All rights reserved.",
  "",
  'Licensed under the Apache License, Version 2.0 (the "License");',
  "you may not use this file except in compliance with the License.",
];

export function writeHeader(w: PbtxtWriter, description: string): void {
  if (w.rnd.chance(0.3)) {
    for (const line of LICENSE) w.comment(line);
    w.blank();
  }
  if (w.rnd.chance(0.4)) w.comment(description);
}

export function writeIdentity(w: PbtxtWriter, name: string, backend: { backend?: string; platform?: string }): void {
  w.field("name", w.str(name));
  if (backend.platform !== undefined) w.field("platform", w.str(backend.platform));
  if (backend.backend !== undefined) w.field("backend", w.str(backend.backend));
}

/** KIND_GPU groups (the validator skips GPU ids without `--gpus`), sometimes with a CPU group beside. */
export function writeInstanceGroups(w: PbtxtWriter, options: { allowCpu: boolean }): void {
  const groups: Array<() => void> = [];
  const gpuGroups = w.rnd.int(1, 2);
  for (let g = 0; g < gpuGroups; g++) {
    const named = w.rnd.chance(0.3);
    const count = w.rnd.int(1, 4);
    const gpus = g === 0 ? [0] : [1, 2, 3].slice(0, w.rnd.int(1, 3));
    const rateLimited = w.rnd.chance(0.1);
    groups.push(() => {
      if (named) w.field("name", w.str(`gpu_group_${g}`));
      w.field("count", w.int(count));
      w.field("kind", w.enumValue("KIND_GPU", 1));
      if (w.rnd.chance(0.8))
        w.list(
          "gpus",
          gpus.map((id) => w.int(id)),
        );
      if (rateLimited) {
        w.message("rate_limiter", () => {
          w.messages("resources", [
            () => {
              w.field("name", w.str("R1"));
              w.field("count", w.int(w.rnd.int(1, 8)));
            },
          ]);
          w.field("priority", w.int(w.rnd.int(1, 3)));
        });
      }
    });
  }
  if (options.allowCpu && w.rnd.chance(0.2)) {
    const count = w.rnd.int(1, 8);
    groups.push(() => {
      w.field("count", w.int(count));
      w.field("kind", w.enumValue("KIND_CPU", 2));
    });
  }
  w.messages("instance_group", groups);
}

function writeQueuePolicy(w: PbtxtWriter, allowDelay: boolean): void {
  const delay = allowDelay && w.rnd.chance(0.5);
  if (delay) w.field("timeout_action", w.enumValue("DELAY", 1));
  else if (w.rnd.chance(0.3)) w.field("timeout_action", w.enumValue("REJECT", 0));
  w.field("default_timeout_microseconds", w.int(w.rnd.pick([100_000, 1_000_000, 5_000_000_000])));
  if (w.rnd.chance(0.5)) w.field("allow_timeout_override", w.bool(true));
  w.field("max_queue_size", w.int(w.rnd.pick([16, 64, 256, 1024])));
}

/** Preferred sizes are within [1, max_batch_size] (MC-51); priorities in range (MC-52..55). */
export function writeDynamicBatching(w: PbtxtWriter, maxBatchSize: number): void {
  w.message("dynamic_batching", () => {
    const preferred = [1, 2, 4, 8, 16, 32, 64].filter((size) => size <= maxBatchSize && w.rnd.chance(0.4));
    w.list(
      "preferred_batch_size",
      preferred.map((size) => w.int(size)),
    );
    w.field("max_queue_delay_microseconds", w.int(w.rnd.pick([100, 500, 1000, 5000, 20000])));
    const levels = w.rnd.chance(0.25) ? w.rnd.int(2, 4) : 0;
    if (levels === 0 && w.rnd.chance(0.3)) w.field("preserve_ordering", w.bool(true));
    if (levels > 0) {
      w.field("priority_levels", w.int(levels));
      w.field("default_priority_level", w.int(w.rnd.int(1, levels)));
      w.message("default_queue_policy", () => writeQueuePolicy(w, true));
      const keys = [1, 2, 3, 4].filter((level) => level <= levels && w.rnd.chance(0.5));
      w.messages(
        "priority_queue_policy",
        keys.map((key) => () => {
          w.field("key", w.int(key));
          w.message("value", () => writeQueuePolicy(w, true));
        }),
      );
    }
  });
}

const FALSE_TRUE_LISTS = [
  (w: PbtxtWriter) => w.field("int32_false_true", `[ ${w.int(0)}, ${w.int(1)} ]`),
  (w: PbtxtWriter) => w.field("fp32_false_true", `[ ${w.float(0)}, ${w.float(1)} ]`),
  (w: PbtxtWriter) => w.field("bool_false_true", `[ ${w.bool(false)}, ${w.bool(true)} ]`),
];

/**
 * A sequence batcher with one control of each kind (MC-58..63), each
 * START/END/READY with exactly one two-entry false/true list, and a direct or
 * oldest strategy whose settings are in range (MC-64, MC-65) and whose
 * preferred sizes can form (our TR-4).
 */
export function writeSequenceBatching(w: PbtxtWriter, maxBatchSize: number): void {
  w.message("sequence_batching", () => {
    // Beyond 2^32: a uint64 that only a 64-bit-exact reader keeps exact.
    w.field("max_sequence_idle_microseconds", w.int(w.rnd.pick([1_000_000, 60_000_000, 5_000_000_000])));
    if (w.rnd.chance(0.5)) {
      w.message("direct", () => {
        w.field("max_queue_delay_microseconds", w.int(w.rnd.pick([0, 100, 1000])));
        w.field("minimum_slot_utilization", w.float(w.rnd.pick([0.25, 0.5, 0.75, 1])));
      });
    } else {
      w.message("oldest", () => {
        const candidates = w.rnd.pick([4, 64, 1024]);
        w.field("max_candidate_sequences", w.int(candidates));
        // A batch holds at most one request per candidate sequence, so larger sizes never form.
        const preferred = [1, 2, 4, 8].filter(
          (size) => size <= maxBatchSize && size <= candidates && w.rnd.chance(0.5),
        );
        w.list(
          "preferred_batch_size",
          preferred.map((size) => w.int(size)),
        );
        w.field("max_queue_delay_microseconds", w.int(w.rnd.pick([100, 5000, 10000])));
      });
    }
    const kinds = [
      ["START", "CONTROL_SEQUENCE_START", 0],
      ["END", "CONTROL_SEQUENCE_END", 2],
      ["READY", "CONTROL_SEQUENCE_READY", 1],
      ["CORRID", "CONTROL_SEQUENCE_CORRID", 3],
    ] as const;
    w.messages(
      "control_input",
      kinds
        .filter(([tensor]) => tensor === "START" || tensor === "CORRID" || w.rnd.chance(0.7))
        .map(([tensor, kind, number]) => () => {
          w.field("name", w.str(tensor));
          w.messages("control", [
            () => {
              w.field("kind", w.enumValue(kind, number));
              if (kind === "CONTROL_SEQUENCE_CORRID") {
                const type = w.rnd.pick(["TYPE_UINT64", "TYPE_INT64", "TYPE_STRING"] as const);
                w.field("data_type", w.enumValue(type, DATA_TYPES[type].number));
              } else {
                w.rnd.pick(FALSE_TRUE_LISTS)(w);
              }
            },
          ]);
        }),
    );
    if (w.rnd.chance(0.2)) w.field("iterative_sequence", w.bool(true));
  });
}

/** Concrete dims for a warmup input (MC-93): variable dims become a small size. */
function warmupDims(tensor: TensorSpec): number[] {
  return tensor.dims.map((dim) => (dim === -1 ? 8 : dim));
}

/**
 * One warmup sample naming every required input with its own type and
 * concrete dims (MC-93, MC-96). Returns the data files it refers to, which
 * the repository must hold under `warmup/` (RL-14, MC-95).
 */
export function writeWarmup(
  w: PbtxtWriter,
  inputs: readonly TensorSpec[],
  maxBatchSize: number,
): Array<{ file: string; bytes: number }> {
  const files: Array<{ file: string; bytes: number }> = [];
  const samples = w.rnd.int(1, 2);
  w.messages(
    "model_warmup",
    Array.from({ length: samples }, (_, s) => () => {
      w.field("name", w.str(`warmup_${s}`));
      w.field("batch_size", w.int(maxBatchSize === 0 ? 1 : w.rnd.pick([1, Math.min(maxBatchSize, 4)])));
      w.messages(
        "inputs",
        inputs
          .filter((tensor) => !tensor.optional)
          .map((tensor) => () => {
            w.field("key", w.str(tensor.name));
            w.message("value", () => {
              w.field("data_type", w.enumValue(tensor.dataType, DATA_TYPES[tensor.dataType].number));
              const dims = warmupDims(tensor);
              w.list(
                "dims",
                dims.map((dim) => w.int(dim)),
              );
              const fromFile = tensor.dataType !== "TYPE_STRING" && w.rnd.chance(0.15);
              if (fromFile) {
                const file = `${tensor.name.toLowerCase()}_${s}.bin`;
                const elements = dims.reduce((product, dim) => product * dim, 1);
                files.push({ file, bytes: elements * DATA_TYPES[tensor.dataType].bytes });
                w.field("input_data_file", w.str(file));
              } else if (w.rnd.chance(0.5)) {
                w.field("zero_data", w.bool(true));
              } else {
                w.field("random_data", w.bool(true));
              }
            });
          }),
      );
      if (w.rnd.chance(0.3)) w.field("count", w.int(w.rnd.int(1, 5)));
    }),
  );
  return files;
}

const PARAMETER_VALUES: ReadonlyArray<readonly [string, string]> = [
  ["prompt_template", "Question: {question}\nAnswer:"],
  ["stop_words", '"###", "</s>", "\\n\\n"'],
  ["tokenizer_dir", "C:\\models\\tokenizer"],
  ["description", "Modèle de démonstration — résumé en français"],
  ["max_tokens", "512"],
  ["temperature", "0.7"],
  ["labels", "cat\tdog\tbird"],
  ["separator", "\u0001"],
  ["regex", "^[A-Za-z_][A-Za-z0-9_]*$"],
  ["quote_style", 'it\'s "quoted"'],
];

/** Backend parameters (a string map, MC-99), with values that need escapes. */
export function writeParameters(w: PbtxtWriter): void {
  const chosen = PARAMETER_VALUES.filter(() => w.rnd.chance(0.35));
  w.messages(
    "parameters",
    chosen.map(([key, value]) => () => {
      w.field("key", w.str(key));
      w.message("value", () => w.field("string_value", w.str(value)));
    }),
  );
}

/** A version policy and the version folders it needs to select something (RL-9). */
export function writeVersionPolicy(w: PbtxtWriter): number[] {
  const policy = w.rnd.int(0, 3);
  if (policy === 0) return [1];
  if (policy === 1) {
    w.message("version_policy", () => w.message("latest", () => w.field("num_versions", w.int(1))));
    return [1, 2];
  }
  if (policy === 2) {
    w.message("version_policy", () => w.message("all", () => {}));
    return [1];
  }
  w.message("version_policy", () => w.message("specific", () => w.list("versions", [w.int(1), w.int(3)])));
  return [1, 3];
}

export function writeOptimization(w: PbtxtWriter): void {
  w.message("optimization", () => {
    w.message("execution_accelerators", () => {
      w.messages("gpu_execution_accelerator", [
        () => {
          w.field("name", w.str("tensorrt"));
          w.messages("parameters", [
            () => {
              w.field("key", w.str("precision_mode"));
              w.field("value", w.str("FP16"));
            },
            () => {
              w.field("key", w.str("max_workspace_size_bytes"));
              w.field("value", w.str("1073741824"));
            },
          ]);
        },
      ]);
    });
    w.message("input_pinned_memory", () => w.field("enable", w.bool(false)));
    if (w.rnd.chance(0.5)) w.field("gather_kernel_buffer_threshold", w.int(w.rnd.pick([0, 1024, 65536])));
  });
}

/** A histogram for the one customisable metric family (MC-101..105), buckets ascending. */
export function writeMetrics(w: PbtxtWriter): void {
  w.message("model_metrics", () =>
    w.messages("metric_control", [
      () => {
        w.message("metric_identifier", () => w.field("family", w.str("nv_inference_first_response_histogram_ms")));
        w.message("histogram_options", () =>
          w.list(
            "buckets",
            [0.5, 1, 2.5, 10, 100, 1000].map((bucket) => w.float(bucket)),
          ),
        );
      },
    ]),
  );
}
