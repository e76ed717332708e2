import { DEFAULTS, deploymentGpus, sequenceControlNames } from "./defaults.js";
import type { EnsembleSpec, ModelSpec, RepoSpec, TensorSpec } from "./spec.js";

/**
 * Spec → the plain data each template prints. All decisions are made here;
 * templates only lay the values out, through the literal helpers.
 */

export interface TensorView {
  name: string;
  data_type: string;
  dims: number[];
  optional: boolean;
}

export interface ModelPyView {
  name: string;
  maxBatchSize: number;
  inputs: TensorView[];
  outputs: { name: string; data_type: string; dims: number[] }[];
  checkpoint: { parameter: string; env: string } | false;
  autoComplete: boolean;
  dynamicBatching: boolean;
  stateful: boolean;
  decoupled: boolean;
  controls: { start: string; end: string; ready: string; corrid: string } | false;
  idleSeconds: number;
  responsesPerRequest: number;
}

function inputView(t: TensorSpec): TensorView {
  return { name: t.name, data_type: t.data_type, dims: [...t.dims], optional: t.optional === true };
}

function outputView(t: TensorSpec): { name: string; data_type: string; dims: number[] } {
  return { name: t.name, data_type: t.data_type, dims: [...t.dims] };
}

/** The view of `<model>/1/model.py`. */
export function modelPyView(model: ModelSpec): ModelPyView {
  const stateful = model.template === "stateful";
  return {
    name: model.name,
    maxBatchSize: model.max_batch_size ?? 0,
    inputs: model.inputs.map(inputView),
    outputs: model.outputs.map(outputView),
    checkpoint: model.checkpoint
      ? { parameter: model.checkpoint.parameter ?? DEFAULTS.checkpointParameter, env: model.checkpoint.env ?? DEFAULTS.checkpointEnv }
      : false,
    autoComplete: model.auto_complete_config === true,
    dynamicBatching: !stateful && model.dynamic_batching !== undefined && model.dynamic_batching !== false,
    stateful,
    decoupled: model.template === "decoupled",
    controls: stateful ? sequenceControlNames(model) : false,
    idleSeconds: (model.sequence?.max_sequence_idle_microseconds ?? DEFAULTS.maxSequenceIdleMicroseconds) / 1_000_000,
    responsesPerRequest: model.responses_per_request ?? 1,
  };
}

/** What the client scripts know of a model: how to call it. */
export interface ClientModelView {
  name: string;
  max_batch_size: number;
  /** "basic", "stateful", "decoupled" or "ensemble". */
  kind: string;
  inputs: { name: string; datatype: string; shape: number[]; optional: boolean }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

/** Triton's protocol name of a data type (`FP32`, `BYTES`), as tritonclient expects it. */
export function protocolDataType(dataType: string): string {
  return dataType === "TYPE_STRING" ? "BYTES" : dataType.replace(/^TYPE_/, "");
}

/** A concrete request shape: batch of 1 first when batching, variable dims as 1. */
function requestShape(dims: readonly number[], maxBatchSize: number): number[] {
  return [...(maxBatchSize > 0 ? [1] : []), ...dims.map((d) => (d === -1 ? 1 : d))];
}

function clientModel(model: ModelSpec | EnsembleSpec, kind: string): ClientModelView {
  const maxBatch = model.max_batch_size ?? 0;
  return {
    name: model.name,
    max_batch_size: maxBatch,
    kind,
    inputs: model.inputs.map((t) => ({ name: t.name, datatype: protocolDataType(t.data_type), shape: requestShape(t.dims, maxBatch), optional: t.optional === true })),
    // Output shapes keep -1: the model decides those sizes.
    outputs: model.outputs.map((t) => ({ name: t.name, datatype: protocolDataType(t.data_type), shape: [...(maxBatch > 0 ? [1] : []), ...t.dims] })),
  };
}

export interface ScriptsView {
  models: ClientModelView[];
  /** The model the inference client drives by default: the first stateful one, else the first. */
  defaultModel: string;
}

export function scriptsView(spec: RepoSpec): ScriptsView {
  const models = [
    ...spec.models.map((m) => clientModel(m, m.template)),
    ...(spec.ensembles ?? []).map((e) => clientModel(e, "ensemble")),
  ];
  const preferred = spec.models.find((m) => m.template === "stateful") ?? spec.models[0];
  return { models, defaultModel: preferred?.name ?? "" };
}

export interface ComposeView {
  tritonImage: string;
  customImage: boolean;
  repository: string;
  /** False when no GPU is reserved (a count of 0). */
  gpus: { count: number | false; ids: string[] | false } | false;
  shmSize: string;
  volumes: { source: string; target: string; readOnly: boolean }[];
  environment: { name: string; value: string }[];
  app: { name: string; image: string; command: string[]; environment: { name: string; value: string }[]; volumes: { source: string; target: string; readOnly: boolean }[] } | false;
}

/** Without a command of its own, the app container installs the client and runs the demo episode. */
const DEFAULT_APP_COMMAND = ["sh", "-c", "pip install --no-cache-dir 'tritonclient[grpc]' numpy && python scripts/inference_client.py"];

function env(record: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

/** The view of docker-compose.yml. */
export function composeView(spec: RepoSpec): ComposeView {
  const d = spec.deployment ?? {};
  const repository = spec.repository ?? DEFAULTS.repository;
  const gpus = deploymentGpus(d);
  const mounts = (d.mounts ?? []).map((m) => ({ source: m.source, target: m.target, readOnly: m.read_only === true }));
  if (d.checkpoint_dir) mounts.push({ source: d.checkpoint_dir.source, target: d.checkpoint_dir.target, readOnly: false });
  const scriptsMount = { source: "./scripts", target: "/workspace/scripts", readOnly: true };
  const environment: Record<string, string> = { PYTHONPATH: d.pythonpath ?? DEFAULTS.pythonpath };
  if (d.checkpoint_dir) environment[DEFAULTS.checkpointEnv] = d.checkpoint_dir.target;
  Object.assign(environment, d.environment ?? {});
  const app = d.app === false ? false : (d.app ?? {});
  return {
    tritonImage: `nvcr.io/nvidia/tritonserver:${d.triton_image_tag ?? DEFAULTS.tritonImageTag}`,
    customImage: (d.python_packages ?? []).length > 0,
    repository: `./${repository}`,
    gpus: "count" in gpus ? (gpus.count > 0 ? { count: gpus.count, ids: false } : false) : { count: false, ids: gpus.ids.map(String) },
    shmSize: d.shm_size ?? DEFAULTS.shmSize,
    volumes: [...mounts, scriptsMount],
    environment: env(environment),
    app:
      app === false
        ? false
        : {
            name: app.name ?? DEFAULTS.appName,
            image: app.image ?? DEFAULTS.appImage,
            command: app.command ?? DEFAULT_APP_COMMAND,
            environment: env({
              PYTHONPATH: d.pythonpath ?? DEFAULTS.pythonpath,
              INFERENCE_MODE: "triton",
              TRITON_URL: "triton:8001",
              ...(app.environment ?? {}),
            }),
            volumes: [...mounts, scriptsMount],
          },
  };
}

export interface DockerfileView {
  tritonImage: string;
  packages: string[];
}

export function dockerfileView(spec: RepoSpec): DockerfileView {
  return {
    tritonImage: `nvcr.io/nvidia/tritonserver:${spec.deployment?.triton_image_tag ?? DEFAULTS.tritonImageTag}`,
    packages: [...(spec.deployment?.python_packages ?? [])],
  };
}
