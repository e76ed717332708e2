import type { ModelInstanceGroup } from "../../generated/model-config.js";

/** Options shared by the instance-group helpers. */
export interface InstancesOptions {
  /** Instances per device (per listed GPU for GPU groups). Default 1. */
  count?: number;
  /** Group name; Triton derives one when left out. */
  name?: string;
  /** Settings of `ModelInstanceGroup` the helper does not name (rate limiter, host policy, ...). */
  extra?: Omit<ModelInstanceGroup, "kind" | "count" | "gpus" | "name">;
}

export interface GpuInstancesOptions extends InstancesOptions {
  /** GPU ids the instances run on; every visible GPU when left out. */
  gpus?: readonly number[];
}

/**
 * Instances on GPUs: `gpuInstances({ count: 2, gpus: [0] })` is two instances
 * on GPU 0 (`kind: KIND_GPU`). `count` is written even when it is 1, so the
 * printed config says what runs.
 */
export function gpuInstances(options: GpuInstancesOptions = {}): ModelInstanceGroup {
  const group: ModelInstanceGroup = {};
  if (options.name !== undefined) group.name = options.name;
  group.kind = "KIND_GPU";
  group.count = options.count ?? 1;
  if (options.gpus !== undefined) group.gpus = [...options.gpus];
  return { ...group, ...options.extra };
}

/** Instances on the CPU: `cpuInstances({ count: 4 })` (`kind: KIND_CPU`). */
export function cpuInstances(options: InstancesOptions = {}): ModelInstanceGroup {
  const group: ModelInstanceGroup = {};
  if (options.name !== undefined) group.name = options.name;
  group.kind = "KIND_CPU";
  group.count = options.count ?? 1;
  return { ...group, ...options.extra };
}
