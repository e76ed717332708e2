/**
 * `--device cpu|gpu`: which hardware the generated deployment targets. `gpu`
 * is the spec as written. `cpu` is the same deployment for laptops and CI
 * (and the CPU-only Triton of `npm run triton:install`): every GPU instance
 * group becomes a CPU group and compose reserves no GPU; warmup, batching and
 * the scripts stay exactly as they are.
 */
import type { ModelSpec, RepoSpec } from "./spec.js";

export type Device = "cpu" | "gpu";

export const DEVICES: readonly Device[] = ["cpu", "gpu"];

/**
 * An `instance_group` list (protobuf JSON, from a spec's `config` escape hatch)
 * with every KIND_GPU group as KIND_CPU. Triton refuses a CPU group that
 * names GPUs, so `gpus` goes too. `count` is kept: on GPUs it counts per
 * device, here it counts in total, one device.
 */
function cpuInstanceGroups(groups: unknown): unknown {
  if (!Array.isArray(groups)) return groups;
  return groups.map((group: unknown) => {
    if (typeof group !== "object" || group === null) return group;
    const { kind, gpus: _gpus, ...rest } = group as Record<string, unknown>;
    return kind === "KIND_GPU" ? { ...rest, kind: "KIND_CPU" } : group;
  });
}

function cpuModel(model: ModelSpec): ModelSpec {
  const copy: ModelSpec = { ...model };
  if (model.instances?.kind === "gpu")
    copy.instances = { kind: "cpu", ...(model.instances.count !== undefined ? { count: model.instances.count } : {}) };
  if (model.config && "instance_group" in model.config)
    copy.config = { ...model.config, instance_group: cpuInstanceGroups(model.config.instance_group) };
  return copy;
}

/**
 * The spec for a device. Pure: the input is not changed, and model and
 * ensemble order (and so every spec path a diagnostic names) stays the same.
 */
export function specForDevice(spec: RepoSpec, device: Device): RepoSpec {
  if (device === "gpu") return spec;
  return { ...spec, models: spec.models.map(cpuModel), deployment: { ...spec.deployment, gpus: 0 } };
}
