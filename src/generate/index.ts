/**
 * The generator: a repository spec (YAML, JSON or an object) → a whole Triton
 * deployment (model repository, model.py skeletons, docker-compose.yml,
 * scripts), validated before anything is written.
 */
export { generateRepository } from "./generate.js";
export type { GenerateOptions, GenerateResult } from "./generate.js";
export { checkSpecValue, loadSpecFile, loadSpecText } from "./load-spec.js";
export type { LoadedSpec } from "./load-spec.js";
export { planRepository } from "./plan.js";
export type { DeploymentTarget, PlannedFile, RepositoryPlan } from "./plan.js";
export { kubernetesManifests, planKubernetes } from "./kubernetes/plan.js";
export { renderRouterConfig } from "./kubernetes/router-config.js";
export type { RouterConfigOptions, RouterReplica } from "./kubernetes/router-config.js";
export { starterSpec } from "./starter.js";
export type { StarterOptions } from "./starter.js";
export type { FileAction, FileOutcome } from "./write.js";
export type { SpecSource, SpecPathSegment } from "./spec-source.js";
export { GEN_CODES } from "./codes.js";
export type { GenCode } from "./codes.js";
// Spec types under names that do not collide with the builder's (`TensorSpec`, `EnsembleSpec`).
export type {
  AppServiceSpec as RepoSpecApp,
  CheckpointSpec as RepoSpecCheckpoint,
  DeploymentSpec as RepoSpecDeployment,
  DynamicBatchingSpec as RepoSpecDynamicBatching,
  EnsembleSpec as RepoSpecEnsemble,
  EnsembleStepSpec as RepoSpecEnsembleStep,
  InstancesSpec as RepoSpecInstances,
  KubernetesSpec as RepoSpecKubernetes,
  KubernetesStorageSpec as RepoSpecKubernetesStorage,
  ModelSpec as RepoSpecModel,
  ModelTemplate,
  MountSpec as RepoSpecMount,
  RepoSpec,
  ScriptsSpec as RepoSpecScripts,
  SequenceSpec as RepoSpecSequence,
  TensorDataType as RepoSpecDataType,
  TensorSpec as RepoSpecTensor,
} from "./spec.js";
