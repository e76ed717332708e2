import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { GEN_CODES } from "./codes.js";
import { sequenceControlNames } from "./defaults.js";
import type { ModelSpec, RepoSpec, TensorSpec } from "./spec.js";
import { formatSpecPath, specDiagnostic, type SpecPathSegment, type SpecSource } from "./spec-source.js";

/**
 * Rules the JSON Schema cannot say: names unique across the spec, fields the
 * chosen template cannot honour, ensemble references. Runs on a spec that
 * already passed the schema.
 */
export function checkSpecRules(spec: RepoSpec, source: SpecSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: string, path: SpecPathSegment[], message: string, hint?: string) =>
    out.push(specDiagnostic(source, code, path, message, hint === undefined ? {} : { hint }));

  // Folder names must differ even on case-insensitive file systems (macOS, Windows).
  const folders = new Map<string, string>();
  const claim = (name: string, path: SpecPathSegment[]) => {
    const first = folders.get(name.toLowerCase());
    if (first !== undefined) {
      report(
        GEN_CODES.duplicateName,
        path,
        `model name ${JSON.stringify(name)} is already used by ${first}`,
        "every model and ensemble needs its own folder name (compared ignoring case)",
      );
    } else {
      folders.set(name.toLowerCase(), formatSpecPath(path));
    }
  };
  if (spec.repository === "scripts") {
    report(
      GEN_CODES.duplicateName,
      ["repository"],
      'repository folder "scripts" is where the scripts go',
      "name the repository folder something else (default model_repository)",
    );
  }
  spec.models.forEach((model, i) => {
    claim(model.name, ["models", i, "name"]);
    checkModel(model, ["models", i], report);
  });
  spec.ensembles?.forEach((ensemble, i) => {
    claim(ensemble.name, ["ensembles", i, "name"]);
    checkTensors(ensemble.inputs, ["ensembles", i, "inputs"], report);
    checkTensors(ensemble.outputs, ["ensembles", i, "outputs"], report);
    ensemble.steps.forEach((step, s) => {
      const target = spec.models.find((m) => m.name === step.model);
      const path: SpecPathSegment[] = ["ensembles", i, "steps", s];
      if (!target) {
        report(
          GEN_CODES.ensembleReference,
          [...path, "model"],
          `ensemble step uses model ${JSON.stringify(step.model)}, which the spec does not define`,
          `define it under models: (${spec.models.map((m) => m.name).join(", ")})`,
        );
        return;
      }
      for (const key of Object.keys(step.input_map)) {
        if (!target.inputs.some((t) => t.name === key)) {
          report(
            GEN_CODES.ensembleReference,
            [...path, "input_map", key],
            `model ${JSON.stringify(target.name)} has no input ${JSON.stringify(key)}`,
            `its inputs: ${target.inputs.map((t) => t.name).join(", ")}`,
          );
        }
      }
      for (const key of Object.keys(step.output_map)) {
        if (!target.outputs.some((t) => t.name === key)) {
          report(
            GEN_CODES.ensembleReference,
            [...path, "output_map", key],
            `model ${JSON.stringify(target.name)} has no output ${JSON.stringify(key)}`,
            `its outputs: ${target.outputs.map((t) => t.name).join(", ")}`,
          );
        }
      }
    });
  });

  const targets = new Set<string>(["/models"]);
  spec.deployment?.mounts?.forEach((mount, i) => {
    if (targets.has(mount.target)) {
      report(
        GEN_CODES.duplicateName,
        ["deployment", "mounts", i, "target"],
        `mount target ${JSON.stringify(mount.target)} is already used`,
        "/models holds the model repository; give each mount its own target",
      );
    }
    targets.add(mount.target);
  });
  return out;
}

/** ModelConfig fields the spec writes itself; `config` may not set them (JSON names of both spellings). */
const SPEC_OWNED_CONFIG_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "backend",
  "platform",
  "max_batch_size",
  "maxBatchSize",
  "input",
  "output",
]);

type Report = (code: string, path: SpecPathSegment[], message: string, hint?: string) => void;

function checkTensors(tensors: readonly TensorSpec[], path: SpecPathSegment[], report: Report): Set<string> {
  const names = new Set<string>();
  tensors.forEach((tensor, t) => {
    if (names.has(tensor.name)) {
      report(GEN_CODES.duplicateName, [...path, t, "name"], `tensor name ${JSON.stringify(tensor.name)} is used twice`);
    }
    names.add(tensor.name);
    if (tensor.dims.length === 0) {
      // Triton refuses a tensor without dims (MC-18); the spec has no reshape to a scalar, so say what it can write.
      report(
        GEN_CODES.specSchema,
        [...path, t, "dims"],
        `${JSON.stringify(tensor.name)} has no dimensions; Triton requires at least one`,
        "write dims: [1] for a single value (per batch item when max_batch_size > 0)",
      );
    }
    tensor.dims.forEach((dim, d) => {
      if (dim === 0) {
        report(
          GEN_CODES.specSchema,
          [...path, t, "dims", d],
          `dimension 0 of ${JSON.stringify(tensor.name)} is not allowed`,
          "use a size >= 1, or -1 for a variable-size dimension",
        );
      }
    });
  });
  return names;
}

function checkModel(model: ModelSpec, path: SpecPathSegment[], report: Report): void {
  const inputs = checkTensors(model.inputs, [...path, "inputs"], report);
  checkTensors(model.outputs, [...path, "outputs"], report);
  const maxBatch = model.max_batch_size ?? 0;

  if (model.template === "stateful") {
    if (model.dynamic_batching !== undefined && model.dynamic_batching !== false) {
      report(
        GEN_CODES.templateMismatch,
        [...path, "dynamic_batching"],
        `model ${JSON.stringify(model.name)} uses the stateful template, which cannot use dynamic batching`,
        "the action queue is kept per sequence: dynamic batching would mix requests of different sequences on one instance. Remove dynamic_batching; the sequence batcher batches sequences instead (see sequence:)",
      );
    }
    const controls = sequenceControlNames(model);
    const seen = new Set<string>();
    for (const [role, name] of Object.entries(controls)) {
      if (inputs.has(name) || seen.has(name)) {
        report(
          GEN_CODES.duplicateName,
          [...path, "sequence", "controls", role],
          `control tensor name ${JSON.stringify(name)} is also used by another input or control`,
        );
      }
      seen.add(name);
    }
  } else if (model.sequence !== undefined) {
    report(
      GEN_CODES.templateMismatch,
      [...path, "sequence"],
      `sequence: is only for the stateful template, and model ${JSON.stringify(model.name)} uses ${model.template}`,
      "set template: stateful, or remove sequence:",
    );
  }
  if (model.responses_per_request !== undefined && model.template !== "decoupled") {
    report(
      GEN_CODES.templateMismatch,
      [...path, "responses_per_request"],
      `responses_per_request is only for the decoupled template, and model ${JSON.stringify(model.name)} uses ${model.template}`,
    );
  }

  const batching = model.dynamic_batching;
  if (batching !== undefined && batching !== false && model.template !== "stateful") {
    if (maxBatch === 0) {
      report(
        GEN_CODES.templateMismatch,
        [...path, "dynamic_batching"],
        `dynamic batching needs max_batch_size > 0, and model ${JSON.stringify(model.name)} has ${maxBatch}`,
        "set max_batch_size to the largest batch the model accepts",
      );
    } else if (typeof batching === "object") {
      batching.preferred_batch_size?.forEach((size, i) => {
        if (size > maxBatch) {
          report(
            GEN_CODES.templateMismatch,
            [...path, "dynamic_batching", "preferred_batch_size", i],
            `preferred batch size ${size} is larger than max_batch_size ${maxBatch}`,
            "Triton refuses such a config; raise max_batch_size or lower the preferred size",
          );
        }
      });
    }
  }
  if (model.instances?.kind === "cpu" && model.instances.gpus !== undefined) {
    report(GEN_CODES.templateMismatch, [...path, "instances", "gpus"], "gpus: is only for kind gpu");
  }
  for (const key of Object.keys(model.config ?? {})) {
    if (SPEC_OWNED_CONFIG_FIELDS.has(key)) {
      report(
        GEN_CODES.specConfig,
        [...path, "config", key],
        `config: ${key} is set by the spec and cannot be overridden here`,
        "use the spec's own field (name, max_batch_size, inputs, outputs); every model is a Python-backend model",
      );
    }
  }
  const checkpointParameter = model.checkpoint ? (model.checkpoint.parameter ?? "CHECKPOINT_PATH") : undefined;
  if (checkpointParameter !== undefined && model.parameters && Object.hasOwn(model.parameters, checkpointParameter)) {
    report(
      GEN_CODES.duplicateName,
      [...path, "parameters", checkpointParameter],
      `parameter ${JSON.stringify(checkpointParameter)} is also set by checkpoint:`,
      "remove it from parameters:, checkpoint.path sets it",
    );
  }
}
