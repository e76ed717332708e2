/**
 * The repository spec: one file (YAML or JSON) that describes every model of a
 * Triton Python-backend deployment and how to run it. Its JSON Schema,
 * `schemas/repo-spec.schema.json`, is the one source: `npm run codegen` turns
 * it into `generated/repo-spec.ts`, and this module gives those types (and the
 * objects the schema nests inline) the names the generator uses. These are
 * what `generateRepository` accepts from TypeScript.
 */
import type {
  RepoSpecDeployment,
  RepoSpecEnsemble,
  RepoSpecKubernetes,
  RepoSpecModel,
  RepoSpec as GeneratedRepoSpec,
} from "../../generated/repo-spec.js";

export type {
  RepoSpec,
  RepoSpecDataType as TensorDataType,
  RepoSpecDeployment as DeploymentSpec,
  RepoSpecEnsemble as EnsembleSpec,
  RepoSpecKubernetes as KubernetesSpec,
  RepoSpecModel as ModelSpec,
  RepoSpecTensor as TensorSpec,
} from "../../generated/repo-spec.js";

/** The three model.py skeletons. */
export type ModelTemplate = RepoSpecModel["template"];

/** A model's instance groups: `kind` gpu or cpu, `count` per GPU (gpu) or in total (cpu), and `gpus`. */
export type InstancesSpec = NonNullable<RepoSpecModel["instances"]>;

/** The dynamic batcher's settings, when `dynamic_batching` is an object rather than `true`. */
export type DynamicBatchingSpec = Exclude<NonNullable<RepoSpecModel["dynamic_batching"]>, boolean>;

/** Sequence batching of the stateful template: strategy, idle time and control tensor names. */
export type SequenceSpec = NonNullable<RepoSpecModel["sequence"]>;

/** Where the model finds its weights: a config parameter, overridable by an environment variable. */
export type CheckpointSpec = NonNullable<RepoSpecModel["checkpoint"]>;

/** One step of an ensemble: the model it runs and how its tensors map to the ensemble's. */
export type EnsembleStepSpec = RepoSpecEnsemble["steps"][number];

/** A host folder mounted into the containers. */
export type MountSpec = NonNullable<RepoSpecDeployment["mounts"]>[number];

/** The application container that calls Triton, when `deployment.app` is not `false`. */
export type AppServiceSpec = Exclude<NonNullable<RepoSpecDeployment["app"]>, false>;

/** Which scripts to write. */
export type ScriptsSpec = NonNullable<GeneratedRepoSpec["scripts"]>;

/** Where Triton reads the model repository from in Kubernetes. */
export type KubernetesStorageSpec = NonNullable<RepoSpecKubernetes["storage"]>;
