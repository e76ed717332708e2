import type { MessageValue } from "../pbtxt/types.js";
import { enumName, has, messages, num, numbers, str } from "../config/view.js";

/**
 * Instance counts a backend uses for KIND_CPU groups without a count
 * (SetDefaultInstanceCount): 2 for ONNX Runtime and TensorFlow, else 1.
 */
function defaultCount(kind: string, backend: string): number {
  return kind === "KIND_CPU" && (backend === "onnxruntime" || backend === "tensorflow") ? 2 : 1;
}

/**
 * ND-7/ND-8, in place (core's NormalizeInstanceGroup) for a host with the
 * given GPUs. Backend-preferred groups are not modelled: the one stock
 * backend that declares one (Python, KIND_GPU without count) resolves to
 * the same groups as the default.
 */
export function normalizeInstanceGroups(config: MessageValue, gpus: readonly number[]): void {
  if (has(config, "ensemble_scheduling")) return;
  const supported = new Set(gpus);
  const sorted = [...supported].sort((a, b) => a - b);
  // Groups are rewritten in place: work on copies so that a shared written config stays as written.
  let groups = messages(config, "instance_group").map((g) => ({ ...g }));
  config.instance_group = groups;
  if (groups.length === 0) {
    groups = [{ name: str(config, "name") }];
    config.instance_group = groups;
  }
  const backend = str(config, "backend");
  groups.forEach((group, index) => {
    if (str(group, "name") === "") group.name = `${str(config, "name")}_${index}`;
    if (enumName(group, "kind", "KIND_AUTO") === "KIND_AUTO") {
      // No CPU fallback that drops the GPU list: a missing GPU makes the group KIND_CPU with its gpus kept (MC-39).
      const gpuList = numbers(group, "gpus");
      group.kind = supported.size === 0 || gpuList.some((g) => !supported.has(g)) ? "KIND_CPU" : "KIND_GPU";
    }
    // Stryker disable next-line StringLiteral: KIND_AUTO was resolved above, so the default is never read
    const kind = enumName(group, "kind", "KIND_AUTO");
    if (num(group, "count") < 1) group.count = defaultCount(kind, backend);
    if (kind === "KIND_GPU" && numbers(group, "gpus").length === 0) group.gpus = [...sorted];
  });
}

/** The instance groups NormalizeInstanceGroup makes of `config` on a host with `gpus`, leaving `config` as it is. */
export function instanceGroupsOnHost(config: MessageValue, gpus: readonly number[]): MessageValue[] {
  const copy = { ...config };
  normalizeInstanceGroups(copy, gpus);
  return messages(copy, "instance_group");
}
