import { protocolType } from "../config/protocol-type.js";
import { DEFAULTS, deploymentGpus, tritonImage } from "./defaults.js";
import type { EnsembleSpec, EnsembleStepSpec, ModelSpec, RepoSpec, TensorSpec } from "./spec.js";
import { KUBERNETES_DEFAULTS } from "./kubernetes/settings.js";

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
  responsesPerRequest: number;
}

function inputView(t: TensorSpec): TensorView {
  return { name: t.name, data_type: t.data_type, dims: [...t.dims], optional: t.optional === true };
}

function outputView(t: TensorSpec): { name: string; data_type: string; dims: number[] } {
  return { name: t.name, data_type: t.data_type, dims: [...t.dims] };
}

/**
 * The view of `<model>/1/model.py` and of its companion `<model>/1/gen_repo_spec.py`.
 * model.py prints none of the tensors, batch size or controls (it reads them
 * from the config Triton loads); the companion, rewritten on every run, holds
 * what auto-complete declares and what config.pbtxt cannot say.
 */
export function modelPyView(model: ModelSpec): ModelPyView {
  const stateful = model.template === "stateful";
  return {
    name: model.name,
    maxBatchSize: model.max_batch_size ?? 0,
    inputs: model.inputs.map(inputView),
    outputs: model.outputs.map(outputView),
    checkpoint: model.checkpoint
      ? {
          parameter: model.checkpoint.parameter ?? DEFAULTS.checkpointParameter,
          env: model.checkpoint.env ?? DEFAULTS.checkpointEnv,
        }
      : false,
    autoComplete: model.auto_complete_config === true,
    dynamicBatching: !stateful && model.dynamic_batching !== undefined && model.dynamic_batching !== false,
    stateful,
    decoupled: model.template === "decoupled",
    responsesPerRequest: model.responses_per_request ?? 1,
  };
}

/** What the client scripts know of a model: how to call it. */
export interface ClientModelView {
  name: string;
  max_batch_size: number;
  /** "basic", "stateful", "decoupled" or "ensemble": what the model is; the two flags below say how to call it. */
  kind: string;
  /** Call over a gRPC stream: Triton refuses unary ModelInfer on a decoupled model. */
  decoupled: boolean;
  /** Send a correlation id and START/END flags: a sequence-batched model refuses requests without them. */
  sequence: boolean;
  /** The correlation id's kind: "string" for a TYPE_STRING CORRID (Triton refuses numbers then), else "number". */
  correlation_id: "string" | "number";
  inputs: { name: string; datatype: string; shape: number[]; optional: boolean }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

/** How a client must call a model. */
export interface CallingConvention {
  decoupled: boolean;
  sequence: boolean;
  /** The sequence batcher's CORRID is TYPE_STRING: correlation ids must be strings. */
  stringIds: boolean;
}

/**
 * How to call each model and ensemble of a spec, by name. A model's template
 * decides: `decoupled` streams, `stateful` is sequence-batched. An ensemble
 * follows its steps, walking the data flow from its inputs as Triton does:
 * it is decoupled iff some step reached from the inputs is decoupled (ND-10,
 * Triton rewrites `model_transaction_policy.decoupled` to that), and it needs
 * sequence flags iff such a step is sequence-batched, because the ensemble
 * passes the request's correlation id and flags on to every step and the
 * step's sequence batcher refuses a request without them. A nested ensemble
 * counts with its own convention.
 */
export function callingConventions(spec: RepoSpec): Map<string, CallingConvention> {
  const models = new Map(spec.models.map((m) => [m.name, m] as const));
  const ensembles = new Map((spec.ensembles ?? []).map((e) => [e.name, e] as const));
  const known = new Map<string, CallingConvention>();
  const resolve = (name: string, seen: ReadonlySet<string>): CallingConvention => {
    const done = known.get(name);
    if (done) return done;
    const model = models.get(name);
    if (model) {
      const stateful = model.template === "stateful";
      return {
        decoupled: model.template === "decoupled",
        sequence: stateful,
        stringIds: stateful && model.sequence?.controls?.corrid_data_type === "TYPE_STRING",
      };
    }
    const ensemble = ensembles.get(name);
    // An unknown step or a cycle is refused elsewhere (spec rules, MC-81, MC-82); it adds nothing here.
    if (!ensemble || seen.has(name)) return { decoupled: false, sequence: false, stringIds: false };
    const convention = { decoupled: false, sequence: false, stringIds: false };
    for (const step of reachableSteps(ensemble)) {
      const own = resolve(step.model, new Set([...seen, name]));
      convention.decoupled ||= own.decoupled;
      convention.sequence ||= own.sequence;
      // The ensemble hands the request's correlation id to every step as sent: a string step needs a string.
      convention.stringIds ||= own.stringIds;
    }
    known.set(name, convention);
    return convention;
  };
  for (const name of [...models.keys(), ...ensembles.keys()]) known.set(name, resolve(name, new Set()));
  return known;
}

/**
 * The steps Triton's data flow reaches: a step runs once every tensor it
 * reads is an ensemble input or the output of a step that ran. Steps left
 * over never run (the config is then refused, MC-79/MC-80) and so decide
 * nothing, as in Triton's walk.
 */
function reachableSteps(ensemble: EnsembleSpec): EnsembleStepSpec[] {
  const available = new Set(ensemble.inputs.map((t) => t.name));
  const pending = [...ensemble.steps];
  const reached: EnsembleStepSpec[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const step of [...pending]) {
      if (!Object.values(step.input_map).every((tensor) => available.has(tensor))) continue;
      for (const tensor of Object.values(step.output_map)) available.add(tensor);
      pending.splice(pending.indexOf(step), 1);
      reached.push(step);
      progress = true;
    }
  }
  return reached;
}

/** A concrete request shape: batch of 1 first when batching, variable dims as 1. */
function requestShape(dims: readonly number[], maxBatchSize: number): number[] {
  return [...(maxBatchSize > 0 ? [1] : []), ...dims.map((d) => (d === -1 ? 1 : d))];
}

function clientModel(model: ModelSpec | EnsembleSpec, kind: string, convention: CallingConvention): ClientModelView {
  const maxBatch = model.max_batch_size ?? 0;
  return {
    name: model.name,
    max_batch_size: maxBatch,
    kind,
    decoupled: convention.decoupled,
    sequence: convention.sequence,
    correlation_id: convention.stringIds ? "string" : "number",
    inputs: model.inputs.map((t) => ({
      name: t.name,
      datatype: protocolType(t.data_type),
      shape: requestShape(t.dims, maxBatch),
      optional: t.optional === true,
    })),
    // Output shapes keep -1: the model decides those sizes.
    outputs: model.outputs.map((t) => ({
      name: t.name,
      datatype: protocolType(t.data_type),
      shape: [...(maxBatch > 0 ? [1] : []), ...t.dims],
    })),
  };
}

export interface ScriptsView {
  models: ClientModelView[];
  /** The model the inference client drives by default: the first stateful one, else the first. */
  defaultModel: string;
  /** Header carrying the sequence id on every request of a sequence; the Kubernetes router hashes on it. */
  sequenceHeader: string;
}

export function scriptsView(spec: RepoSpec): ScriptsView {
  const conventions = callingConventions(spec);
  const convention = (name: string): CallingConvention =>
    conventions.get(name) ?? { decoupled: false, sequence: false, stringIds: false };
  const models = [
    ...spec.models.map((m) => clientModel(m, m.template, convention(m.name))),
    ...(spec.ensembles ?? []).map((e) => clientModel(e, "ensemble", convention(e.name))),
  ];
  const preferred = spec.models.find((m) => m.template === "stateful") ?? spec.models[0];
  return {
    models,
    defaultModel: preferred?.name ?? "",
    sequenceHeader: spec.kubernetes?.router?.header ?? KUBERNETES_DEFAULTS.header,
  };
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
  app:
    | {
        name: string;
        image: string;
        command: string[];
        environment: { name: string; value: string }[];
        volumes: { source: string; target: string; readOnly: boolean }[];
      }
    | false;
}

/**
 * tritonclient releases follow Triton's: image YY.MM ships server 2.N with N
 * counted in months from 24.08 = 2.49 (23.01 = 2.30, 25.01 = 2.54). Undefined
 * for a tag that is not a release (`latest`, a custom build).
 */
export function tritonclientVersionFor(imageTag: string): string | undefined {
  const release = /^(\d{2})\.(\d{2})(?:-|$)/.exec(imageTag);
  if (!release) return undefined;
  const minor = 49 + (Number(release[1]) - 24) * 12 + (Number(release[2]) - 8);
  return minor > 0 ? `2.${minor}.*` : undefined;
}

/** Without a command of its own, the app container installs the client of the image's release and runs the demo episode. */
function defaultAppCommand(imageTag: string): string[] {
  const version = tritonclientVersionFor(imageTag);
  const client = version ? `'tritonclient[grpc]==${version}'` : "'tritonclient[grpc]'";
  return [
    "sh",
    "-c",
    `pip install --no-cache-dir ${client} 'numpy<2' && python scripts/inference_client.py --wait 300`,
  ];
}

function env(record: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

/**
 * The view of docker-compose.yml. Each service gets only what something in
 * it reads: Triton the repository, the spec's mounts and the checkpoint
 * folder (model code imports from them, through PYTHONPATH, and loads
 * weights), never the scripts; the app its scripts and TRITON_URL (the
 * client reads it), and the spec's mounts and PYTHONPATH only when it runs a
 * command of its own, which may read them.
 */
export function composeView(spec: RepoSpec): ComposeView {
  const d = spec.deployment ?? {};
  const repository = spec.repository ?? DEFAULTS.repository;
  const imageTag = d.triton_image_tag ?? DEFAULTS.tritonImageTag;
  const gpus = deploymentGpus(d);
  const mounts = (d.mounts ?? []).map((m) => ({ source: m.source, target: m.target, readOnly: m.read_only === true }));
  if (d.checkpoint_dir)
    mounts.push({ source: d.checkpoint_dir.source, target: d.checkpoint_dir.target, readOnly: false });
  const scriptsMount = { source: "./scripts", target: "/workspace/scripts", readOnly: true };
  const pythonpath =
    (d.mounts ?? []).length > 0 || d.pythonpath !== undefined
      ? { PYTHONPATH: d.pythonpath ?? DEFAULTS.pythonpath }
      : {};
  const app = d.app === false ? false : (d.app ?? {});
  const ownCommand = app !== false && app.command !== undefined;
  return {
    tritonImage: tritonImage(d),
    customImage: (d.python_packages ?? []).length > 0,
    repository: `./${repository}`,
    gpus:
      "count" in gpus
        ? gpus.count > 0
          ? { count: gpus.count, ids: false }
          : false
        : { count: false, ids: gpus.ids.map(String) },
    shmSize: d.shm_size ?? DEFAULTS.shmSize,
    volumes: mounts,
    environment: env({ ...pythonpath, ...(d.environment ?? {}) }),
    app:
      app === false
        ? false
        : {
            name: app.name ?? DEFAULTS.appName,
            image: app.image ?? DEFAULTS.appImage,
            command: app.command ?? defaultAppCommand(imageTag),
            environment: env({
              ...(ownCommand ? pythonpath : {}),
              TRITON_URL: "triton:8001",
              ...(app.environment ?? {}),
            }),
            volumes: [...(ownCommand ? mounts : []), scriptsMount],
          },
  };
}

export interface DockerfileView {
  tritonImage: string;
  packages: string[];
}

export function dockerfileView(spec: RepoSpec): DockerfileView {
  return {
    tritonImage: tritonImage(spec.deployment),
    packages: [...(spec.deployment?.python_packages ?? [])],
  };
}
