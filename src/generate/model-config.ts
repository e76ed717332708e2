import {
  cpuInstances,
  dynamicBatching,
  ensemble,
  gpuInstances,
  pythonModel,
  sequenceBatching,
  tensor,
  type ModelConfig,
  type ModelDynamicBatching,
  type ModelInput,
  type ModelSequenceBatching,
  type ModelOutput,
  type ModelParameter,
  type PythonModelSpec,
} from "../builder/index.js";
import { isDiagnosticError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { fromProtoJSON } from "../pbtxt/json.js";
import { setOwn, type MessageValue } from "../pbtxt/types.js";
import { GEN_CODES } from "./codes.js";
import { DEFAULTS, sequenceControlNames } from "./defaults.js";
import type { EnsembleSpec, ModelSpec, TensorSpec } from "./spec.js";
import { formatSpecPath, specDiagnostic, type SpecPathSegment, type SpecSource } from "./spec-source.js";

/**
 * Spec → ModelConfig through the typed builder. Everything that decides what
 * goes into a config.pbtxt lives here; the result is the in-memory message
 * the printer and the validator read.
 */

export interface BuiltConfig {
  /** Absent when the spec could not be turned into a config (see diagnostics). */
  config: MessageValue | undefined;
  diagnostics: Diagnostic[];
}

function input(spec: TensorSpec): ModelInput {
  const out: ModelInput = tensor(spec.name, spec.data_type, spec.dims);
  if (spec.optional === true) out.optional = true;
  return out;
}

function output(spec: TensorSpec): ModelOutput {
  return tensor(spec.name, spec.data_type, spec.dims);
}

type Scheduler =
  | { dynamicBatching: ModelDynamicBatching }
  | { sequenceBatching: ModelSequenceBatching }
  | Record<string, never>;

function scheduler(model: ModelSpec): Scheduler {
  if (model.template === "stateful") {
    const names = sequenceControlNames(model);
    const controls = {
      start: names.start,
      end: names.end,
      ready: names.ready,
      correlationId: {
        name: names.corrid,
        dataType: model.sequence?.controls?.corrid_data_type ?? DEFAULTS.corridDataType,
      },
    };
    const idle = model.sequence?.max_sequence_idle_microseconds ?? DEFAULTS.maxSequenceIdleMicroseconds;
    return {
      sequenceBatching:
        model.sequence?.strategy === "oldest"
          ? sequenceBatching({
              strategy: "oldest",
              controls,
              maxSequenceIdleMicroseconds: idle,
              maxCandidateSequences: Math.max(1, model.max_batch_size ?? 1),
            })
          : sequenceBatching({ controls, maxSequenceIdleMicroseconds: idle }),
    };
  }
  const batching = model.dynamic_batching;
  if (batching === undefined || batching === false) return {};
  if (batching === true) return { dynamicBatching: dynamicBatching() };
  return {
    dynamicBatching: dynamicBatching({
      ...(batching.preferred_batch_size ? { preferredBatchSize: batching.preferred_batch_size } : {}),
      ...(batching.max_queue_delay_microseconds !== undefined
        ? { maxQueueDelayMicroseconds: batching.max_queue_delay_microseconds }
        : {}),
    }),
  };
}

/**
 * The model's parameters: `parameters:`, then `checkpoint:`, then the
 * `config.parameters` of the escape hatch, key by key (the spec documents
 * `config` as applied last, so its parameters join the others). A key set in
 * two places is refused rather than one value silently winning. Keys are user
 * text: `__proto__` and `constructor` are plain own keys here.
 */
function parameterValues(
  model: ModelSpec,
  configParameters: unknown,
  source: SpecSource,
  path: readonly SpecPathSegment[],
  diagnostics: Diagnostic[],
): Record<string, string | ModelParameter> {
  const values: Record<string, string | ModelParameter> = Object.create(null) as Record<
    string,
    string | ModelParameter
  >;
  for (const [key, value] of Object.entries(model.parameters ?? {})) setOwn(values, key, value);
  if (model.checkpoint)
    setOwn(values, model.checkpoint.parameter ?? DEFAULTS.checkpointParameter, model.checkpoint.path);
  if (typeof configParameters === "object" && configParameters !== null) {
    for (const [key, value] of Object.entries(configParameters as Record<string, ModelParameter>)) {
      if (Object.hasOwn(values, key)) {
        const owner = Object.hasOwn(model.parameters ?? {}, key) ? "parameters:" : "checkpoint:";
        diagnostics.push(
          specDiagnostic(
            source,
            GEN_CODES.specConfig,
            [...path, "config", "parameters", key],
            `config: parameter ${JSON.stringify(key)} is also set by ${owner}`,
            {
              hint: `set it in one place: ${owner} or config.parameters`,
              at: "key",
            },
          ),
        );
        continue;
      }
      setOwn(values, key, value);
    }
  }
  return { ...values };
}

/**
 * `config` fields that a spec field of this model also writes: applying one
 * would silently drop the other, so the pair is refused. (`parameters` are
 * merged key by key, and `model_warmup` replaces the automatic warmup.)
 */
function conflictingConfigFields(model: ModelSpec, extra: Record<string, unknown>, sched: object): [string, string][] {
  const conflicts: [string, string][] = [];
  if (Object.hasOwn(extra, "instance_group") && model.instances !== undefined)
    conflicts.push(["instance_group", "instances:"]);
  if (Object.hasOwn(extra, "model_transaction_policy") && model.template === "decoupled")
    conflicts.push(["model_transaction_policy", "template: decoupled"]);
  if (Object.hasOwn(extra, "dynamic_batching") && "dynamicBatching" in sched)
    conflicts.push(["dynamic_batching", "dynamic_batching:"]);
  if (Object.hasOwn(extra, "sequence_batching") && "sequenceBatching" in sched)
    conflicts.push(["sequence_batching", "template: stateful"]);
  return conflicts;
}

/** Fields of the `config` escape hatch, read with the protobuf JSON mapping; problems are located in the spec. */
function extraFields(
  model: ModelSpec,
  source: SpecSource,
  path: readonly SpecPathSegment[],
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  if (model.config === undefined) return {};
  const configPath: SpecPathSegment[] = [...path, "config"];
  const read = fromProtoJSON(model.config, "ModelConfig");
  for (const d of read.diagnostics) {
    const located = specDiagnostic(
      source,
      GEN_CODES.specConfig,
      configPath,
      `config: ${d.message}`,
      d.hint === undefined ? { severity: d.severity } : { severity: d.severity, hint: d.hint },
    );
    if (d.path) located.path = `${formatSpecPath(configPath)}.${d.path}`;
    diagnostics.push(located);
  }
  // Fields the spec owns (name, max_batch_size, tensors, ...) were refused by checkSpecRules.
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(read.value)) if (value !== undefined) setOwn(extra, key, value);
  return extra;
}

function fromBuilderError(error: unknown, source: SpecSource, path: readonly SpecPathSegment[]): Diagnostic[] {
  if (!isDiagnosticError(error)) throw error;
  return error.diagnostics.map((d) => {
    const located = specDiagnostic(
      source,
      d.code,
      path,
      d.message,
      d.hint === undefined ? { severity: d.severity } : { severity: d.severity, hint: d.hint },
    );
    if (d.path) located.path = `${formatSpecPath(path)} (config ${d.path})`;
    return located;
  });
}

/**
 * The config of one Python-backend model: tensors, instances, the template's
 * scheduler (sequence batching with START/END/READY/CORRID for `stateful`,
 * decoupled transaction policy for `decoupled`), parameters, an automatic
 * zero-data warmup (variable dims as 1, which Triton requires, MC-93), then the
 * spec's `config` fields on top.
 */
export function buildModelConfig(model: ModelSpec, source: SpecSource, path: readonly SpecPathSegment[]): BuiltConfig {
  const diagnostics: Diagnostic[] = [];
  const extra = extraFields(model, source, path, diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { config: undefined, diagnostics };
  const instances = model.instances
    ? model.instances.kind === "gpu"
      ? gpuInstances({
          count: model.instances.count ?? 1,
          ...(model.instances.gpus ? { gpus: model.instances.gpus } : {}),
        })
      : cpuInstances({ count: model.instances.count ?? 1 })
    : undefined;
  const warmupDims: Record<string, number[]> = {};
  for (const t of model.inputs)
    if (t.dims.includes(-1))
      setOwn(
        warmupDims,
        t.name,
        t.dims.map((d) => (d === -1 ? 1 : d)),
      );
  const sched = scheduler(model);
  for (const [field, owner] of conflictingConfigFields(model, extra, sched)) {
    diagnostics.push(
      specDiagnostic(
        source,
        GEN_CODES.specConfig,
        [...path, "config", field],
        `config: ${field} is also set by ${owner}; one of them would be dropped`,
        { hint: `set it in one place: ${owner} or config.${field}`, at: "key" },
      ),
    );
  }
  const { parameters: configParameters, ...rest } = extra;
  const params = parameterValues(model, configParameters, source, path, diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { config: undefined, diagnostics };
  // config.model_warmup is applied last, as documented: it replaces the automatic warmup.
  const autoWarmup = (model.warmup ?? "auto") === "auto" && !Object.hasOwn(rest, "model_warmup");
  const spec: PythonModelSpec = {
    name: model.name,
    maxBatchSize: model.max_batch_size ?? 0,
    inputs: model.inputs.map(input),
    outputs: model.outputs.map(output),
    ...(instances ? { instances } : {}),
    parameters: params,
    ...(model.template === "decoupled" ? { decoupled: true } : {}),
    ...(autoWarmup ? { warmup: { data: "zero" as const, name: "warmup_zero", dims: warmupDims } } : {}),
    ...sched,
    extra: rest as NonNullable<PythonModelSpec["extra"]>,
  };
  try {
    return { config: pythonModel(spec) as unknown as MessageValue, diagnostics };
  } catch (error: unknown) {
    return { config: undefined, diagnostics: [...diagnostics, ...fromBuilderError(error, source, path)] };
  }
}

/**
 * The config of an ensemble: tensors, and one step per model with its name
 * maps. `decoupled` (from the steps, see callingConventions) is written as
 * `model_transaction_policy { decoupled: true }`: Triton derives the same
 * value and overwrites whatever is written (ND-10), so this changes nothing
 * at load, but the written config then says how clients must call it.
 */
export function buildEnsembleConfig(
  spec: EnsembleSpec,
  source: SpecSource,
  path: readonly SpecPathSegment[],
  decoupled = false,
): BuiltConfig {
  try {
    const config: ModelConfig = ensemble({
      name: spec.name,
      maxBatchSize: spec.max_batch_size ?? 0,
      inputs: spec.inputs.map(input),
      outputs: spec.outputs.map(output),
      steps: spec.steps.map((s) => ({
        model: s.model,
        inputs: s.input_map,
        outputs: s.output_map,
        ...(s.version !== undefined ? { version: s.version } : {}),
      })),
      ...(decoupled ? { extra: { model_transaction_policy: { decoupled: true } } } : {}),
    });
    return { config: config as unknown as MessageValue, diagnostics: [] };
  } catch (error: unknown) {
    return { config: undefined, diagnostics: fromBuilderError(error, source, path) };
  }
}
