import type { DeploymentSpec, ModelSpec } from "./spec.js";

/** Every default of the spec in one place, so the schema, the docs and the generator agree. */
export const DEFAULTS = {
  repository: "model_repository",
  tritonImageTag: "24.08-py3",
  shmSize: "1gb",
  pythonpath: "/workspace",
  appImage: "python:3.10-slim",
  appName: "app",
  checkpointParameter: "CHECKPOINT_PATH",
  checkpointEnv: "CHECKPOINT_DIR",
  maxSequenceIdleMicroseconds: 5_000_000,
  corridDataType: "TYPE_UINT64",
} as const;

export interface SequenceControlNames {
  start: string;
  end: string;
  ready: string;
  corrid: string;
}

/** Names of the stateful template's control tensors. */
export function sequenceControlNames(model: ModelSpec): SequenceControlNames {
  const c = model.sequence?.controls;
  return {
    start: c?.start ?? "START",
    end: c?.end ?? "END",
    ready: c?.ready ?? "READY",
    corrid: c?.corrid ?? "CORRID",
  };
}

/** GPUs the compose file reserves: a count or device ids. */
/** The Triton image a deployment runs: NGC's tritonserver at the spec's tag. */
export function tritonImage(deployment: DeploymentSpec | undefined): string {
  return `nvcr.io/nvidia/tritonserver:${deployment?.triton_image_tag ?? DEFAULTS.tritonImageTag}`;
}

export function deploymentGpus(deployment: DeploymentSpec | undefined): { count: number } | { ids: number[] } {
  const gpus = deployment?.gpus ?? 1;
  return typeof gpus === "number" ? { count: gpus } : { ids: gpus };
}
