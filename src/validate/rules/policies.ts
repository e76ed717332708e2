import { posix } from "node:path";
import { canonicalPath, statKind } from "../../repository/probe.js";
import { bool, has, messages, msg, num, numbers, parameter, str } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids each family of this file reports. */
export const RESPONSE_CACHE_REPORTS = ["MC-98"] as const satisfies readonly RuleId[];
export const MODEL_METRICS_REPORTS = [
  "MC-101",
  "MC-102",
  "MC-103",
  "MC-104",
  "MC-105",
] as const satisfies readonly RuleId[];
export const PARAMETERS_REPORTS = ["PY-11", "RL-16", "RL-19"] as const satisfies readonly RuleId[];
export const OPTIMIZATION_REPORTS = ["MC-100"] as const satisfies readonly RuleId[];

/** The only metric family a model may customise today (MC-105). */
const CUSTOMIZABLE_METRICS = new Set(["nv_inference_first_response_histogram_ms"]);

/** MC-98: response cache against the transaction policy. */
export function checkResponseCache(ctx: RuleContext<(typeof RESPONSE_CACHE_REPORTS)[number]>): void {
  if (
    bool(msg(ctx.config, "model_transaction_policy"), "decoupled") &&
    bool(msg(ctx.config, "response_cache"), "enable")
  ) {
    ctx.report(
      "MC-98",
      "response_cache.enable",
      `Response Cache does not currently support model ${ctx.name} with 'decoupled' transaction policy. Please disable the response cache.`,
      { hint: "remove response_cache or set enable: false" },
    );
  }
}

/** MC-101…MC-105: ValidateModelMetrics, then the load-time warning. */
export function checkModelMetrics(ctx: RuleContext<(typeof MODEL_METRICS_REPORTS)[number]>): void {
  const metrics = msg(ctx.config, "model_metrics");
  if (!metrics) return;
  messages(metrics, "metric_control").forEach((control, i) => {
    const path = `model_metrics.metric_control[${i}]`;
    const identifier = msg(control, "metric_identifier");
    if (!identifier) {
      ctx.report("MC-101", path, "metric control must specify 'metric_identifier'", {
        hint: 'add metric_identifier { family: "nv_inference_first_response_histogram_ms" }',
      });
      return;
    }
    const family = str(identifier, "family");
    if (family === "") {
      ctx.report("MC-102", `${path}.metric_identifier`, "metric identifier must specify non-empty 'family'", {
        hint: 'set family: "nv_inference_first_response_histogram_ms"',
      });
      return;
    }
    const histogram = msg(control, "histogram_options");
    if (!histogram) {
      ctx.report("MC-103", path, "metric control must specify 'histogram_options'", {
        hint: "add histogram_options { buckets: [ … ] }",
      });
      return;
    }
    const buckets = numbers(histogram, "buckets");
    if (buckets.length === 0) {
      ctx.report("MC-104", `${path}.histogram_options`, "histogram options must specify non-empty 'buckets'", {
        hint: "list the bucket bounds in milliseconds, ascending",
      });
      return;
    }
    if (!CUSTOMIZABLE_METRICS.has(family)) {
      ctx.report(
        "MC-105",
        `${path}.metric_identifier.family`,
        `Metric family '${family}' in 'metric_identifier' is not a customizable metric in Triton core.`,
        {
          hint: `customizable families: ${[...CUSTOMIZABLE_METRICS].join(", ")}`,
        },
      );
    }
    if (buckets.some((b, k) => k > 0 && b <= (buckets[k - 1] as number))) {
      ctx.report(
        "MC-105",
        `${path}.histogram_options.buckets`,
        `histogram buckets of metric family '${family}' are not in ascending order`,
        {
          hint: "Triton does not sort them: list the bounds in ascending order",
        },
      );
    }
  });
}

/** PY-11, RL-19 (parameter form) and RL-16 (relative form): parameters with load-time meaning. */
export function checkParameters(ctx: RuleContext<(typeof PARAMETERS_REPORTS)[number]>): void {
  const backend = str(ctx.config, "backend");
  const force = parameter(ctx.config, "FORCE_CPU_ONLY_INPUT_TENSORS");
  if (backend === "python" && force !== undefined && force !== "yes" && force !== "no") {
    ctx.report(
      "PY-11",
      'parameters["FORCE_CPU_ONLY_INPUT_TENSORS"]',
      `Incorrect value for FORCE_CPU_ONLY_INPUT_TENSORS: ${force}'`,
      {
        hint: 'use "yes" or "no"',
      },
    );
  }
  const strategy = parameter(ctx.config, "TRITON_BATCH_STRATEGY_PATH");
  if (strategy !== undefined && has(ctx.config, "sequence_batching")) {
    ctx.report(
      "RL-19",
      'parameters["TRITON_BATCH_STRATEGY_PATH"]',
      "TRITON_BATCH_STRATEGY_PATH cannot be specified with sequence batcher, using default batching strategy",
      {
        hint: "despite the wording the model fails to load: remove the parameter or the sequence batcher",
      },
    );
  }
  const env = parameter(ctx.config, "EXECUTION_ENV_PATH");
  if (backend === "python" && env !== undefined && env.startsWith(MODEL_DIRECTORY_VARIABLE))
    checkExecutionEnvironment(ctx, env);
}

const MODEL_DIRECTORY_VARIABLE = "$$TRITON_MODEL_DIRECTORY";

/**
 * RL-16, the form relative to the model directory (decidable offline): core
 * replaces the variable by the model directory and collapses `..`; the stub
 * then needs a path realpath(3) resolves (pb_env.cc ExtractIfNotExtracted),
 * and a directory must hold bin/activate (stub_launcher.cc). A file is taken
 * as a conda-pack archive and extracted: its content is not checked here.
 * Absolute paths depend on the serving host and stay unchecked.
 */
function checkExecutionEnvironment(ctx: RuleContext<(typeof PARAMETERS_REPORTS)[number]>, env: string): void {
  const rest = env.slice(MODEL_DIRECTORY_VARIABLE.length);
  let depth = 0;
  let escapes = false;
  for (const part of rest.split("/")) {
    if (part === "" || part === ".") continue;
    depth += part === ".." ? -1 : 1;
    if (depth < 0) escapes = true;
  }
  const path = 'parameters["EXECUTION_ENV_PATH"]';
  if (escapes) {
    ctx.report("RL-16", path, `EXECUTION_ENV_PATH '${env}' of model '${ctx.name}' leaves the model directory`, {
      severity: "warning",
      hint: "the Python backend documents this as undefined behaviour: keep the environment inside the model directory",
    });
  }
  const folder = ctx.folder;
  if (folder === undefined) return;
  // Core replaces the variable text as is (no separator added), then collapses `..`.
  // Stryker disable next-line Regex: normalize() has already collapsed repeated slashes, one is all that can end it
  const target = posix.normalize(`${folder.path}${rest}`).replace(/(.)\/+$/, "$1");
  const canonical = canonicalPath(target);
  if (canonical === undefined) {
    ctx.report("RL-16", path, `Failed to get the canonical path for ${target}.`, {
      hint: `put the environment (a folder with bin/activate, or a conda-pack .tar.gz) at ${target}`,
    });
    return;
  }
  if (statKind(canonical).kind === "directory" && statKind(`${canonical}/bin/activate`).kind === "broken") {
    ctx.report(
      "RL-16",
      path,
      `Path ${canonical}/bin/activate does not exist. The Python environment should contain an 'activate' script.`,
      {
        hint: "point EXECUTION_ENV_PATH at an unpacked Python environment (conda-pack, venv) or at its .tar.gz archive",
      },
    );
  }
}

/** MC-100: the documented constraint on CUDA graph batch sizes (enforced by TensorRT). */
export function checkOptimization(ctx: RuleContext<(typeof OPTIMIZATION_REPORTS)[number]>): void {
  const maxBatch = num(ctx.config, "max_batch_size");
  messages(msg(msg(ctx.config, "optimization"), "cuda"), "graph_spec").forEach((spec, i) => {
    const size = num(spec, "batch_size");
    const ok = maxBatch === 0 ? size === 0 : size >= 1 && size <= maxBatch;
    if (!ok) {
      ctx.report(
        "MC-100",
        `optimization.cuda.graph_spec[${i}].batch_size`,
        `CUDA graph batch_size ${size} of model '${ctx.name}' must be ${maxBatch === 0 ? "0 for a non-batching model" : `in [1, ${maxBatch}]`}`,
        {
          hint: "TensorRT refuses graph specs outside the model's batch range",
        },
      );
    }
  });
}
