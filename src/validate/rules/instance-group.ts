import type { MessageValue } from "../../pbtxt/types.js";
import { bool, enumName, has, messages, msg, numbers, str, strings } from "../../config/view.js";
import { instanceGroupsOnHost } from "../../effective/index.js";
import { MIN_COMPUTE_CAPABILITY } from "../environment.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const INSTANCE_GROUP_REPORTS = [
  "MC-37",
  "MC-38",
  "MC-39",
  "MC-41",
  "MC-42",
  "MC-43",
  "MC-44",
  "MC-48",
  "MC-50",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof INSTANCE_GROUP_REPORTS)[number]>;

/** Profile text as C++ stoi reads it: leading blanks, a sign, digits; trailing text ignored. */
function parseProfile(profile: string): number | undefined {
  const m = /^\s*([+-]?\d+)/.exec(profile);
  return m ? Number(m[1]) : undefined;
}

/**
 * MC-37…MC-50 on the instance groups Triton validates: the written groups
 * after NormalizeInstanceGroup (ND-7/ND-8). GPU facts come from `--gpus`;
 * without it only ids that can never exist (negative ones) are errors.
 */
export function checkInstanceGroups(ctx: Ctx): void {
  const { config, name } = ctx;
  if (has(config, "ensemble_scheduling") || str(config, "platform") === "ensemble") return;
  const gpus = ctx.env.gpus;
  const written = messages(config, "instance_group");
  const groups =
    gpus !== undefined
      ? instanceGroupsOnHost(config, gpus)
      : written.map((g, i) => ({ ...g, name: str(g, "name") || `${name}_${i}` }));
  const supported = gpus ? [...new Set(gpus)].sort((a, b) => a - b) : undefined;
  const platform = str(config, "platform");
  groups.forEach((group, i) => {
    const explicit = i < written.length;
    const path = explicit ? `instance_group[${i}]` : undefined;
    const groupName = str(group, "name");
    const writtenKind = explicit
      ? enumName(written[i], "kind", "KIND_AUTO")
      : // Stryker disable next-line StringLiteral: a default group never lists gpus with KIND_CPU, the one use of it
        "KIND_AUTO";
    const list = numbers(group, "gpus");
    const prefix = `instance group ${groupName} of model ${name}`;
    let kind = enumName(group, "kind", "KIND_AUTO");
    if (kind === "KIND_AUTO" && list.some((g) => g < 0)) kind = "KIND_CPU"; // resolves to CPU on any host
    const gpusPath = explicit ? `instance_group[${i}].gpus` : undefined;
    if (kind === "KIND_MODEL" && list.length > 0) {
      ctx.report("MC-37", gpusPath, `${prefix} has kind KIND_MODEL but specifies one or more GPUs`, {
        hint: "remove gpus: KIND_MODEL instances place themselves",
      });
    } else if (kind === "KIND_CPU" && list.length > 0) {
      if (writtenKind === "KIND_AUTO") {
        ctx.report("MC-39", gpusPath, `${prefix} has kind KIND_CPU but specifies one or more GPUs`, {
          hint: `a group without kind falls back to KIND_CPU when a listed GPU is missing, keeping its gpus, and then fails: ${supported ? `usable GPUs are ${supported.join(", ") || "none"}` : "list only GPUs that exist"}`,
        });
      } else {
        ctx.report("MC-38", gpusPath, `${prefix} has kind KIND_CPU but specifies one or more GPUs`, {
          hint: "remove gpus, or use kind: KIND_GPU",
        });
      }
    } else if (kind === "KIND_GPU") {
      if (supported !== undefined && list.length === 0) {
        ctx.report("MC-41", path, `${prefix} has kind KIND_GPU but no GPUs are available`, {
          hint: "the host has no GPU (--gpus none): use KIND_CPU",
        });
      }
      for (const [k, id] of list.entries()) {
        const bad = supported ? !supported.includes(id) : id < 0;
        if (!bad) continue;
        const known = supported ? ` are: ${supported.join(", ")}` : "";
        ctx.report(
          "MC-42",
          gpusPath ? `${gpusPath}[${k}]` : path,
          `${prefix} specifies invalid or unsupported gpu id ${id}. GPUs with at least the minimum required CUDA compute compatibility of ${MIN_COMPUTE_CAPABILITY}${known}`,
          {
            hint: supported
              ? `usable GPU ids on this host: ${supported.join(", ") || "none"}`
              : "GPU ids are 0 or more",
          },
        );
        break;
      }
    }
    const profiles = strings(group, "profile");
    if (profiles.length > 0 && platform !== "tensorrt_plan") {
      ctx.report(
        "MC-43",
        explicit ? `instance_group[${i}].profile` : undefined,
        `${prefix} and platform ${platform}specifies profile field which is only supported for TensorRT models`,
        {
          hint: "remove profile: only TensorRT plans have optimization profiles",
        },
      );
    } else {
      profiles.forEach((profile, k) => {
        const ppath = explicit ? `instance_group[${i}].profile[${k}]` : undefined;
        if (profile === "")
          ctx.report("MC-44", ppath, `profile name must not be empty`, { hint: 'profiles are indexes: "0", "1", …' });
        else {
          const index = parseProfile(profile);
          if (index === undefined)
            ctx.report("MC-44", ppath, `unable to parse '${profile}': stoi`, {
              hint: 'profiles are indexes: "0", "1", …',
            });
          else if (index < 0) {
            ctx.report(
              "MC-44",
              ppath,
              `${prefix} and platform ${platform} specifies invalid profile ${profile}. The field should contain the string representation of a non-negative integer.`,
              { hint: 'profiles are indexes: "0", "1", …' },
            );
          }
        }
      });
    }
    checkRateLimiter(ctx, group, explicit ? `instance_group[${i}].rate_limiter` : undefined);
  });
  if (written.length > 0 && written.every((g) => bool(g, "passive"))) {
    ctx.report(
      "MC-48",
      "instance_group",
      `every instance group of model '${name}' is passive: the model loads but never serves a request`,
      {
        hint: "make at least one group non-passive",
      },
    );
  }
}

/** MC-50: a resource both global and per-device fails under --rate-limit=execution_count. */
function checkRateLimiter(ctx: Ctx, group: MessageValue, path: string | undefined): void {
  const resources = messages(msg(group, "rate_limiter"), "resources");
  const global = new Set(resources.filter((r) => bool(r, "global")).map((r) => str(r, "name")));
  for (const r of resources) {
    if (!bool(r, "global") && global.has(str(r, "name"))) {
      ctx.report(
        "MC-50",
        path,
        `Resource "${str(r, "name")}" is present as both global and device-specific resource in the model configuration.`,
        {
          severity: "warning",
          hint: "a failure when the server runs with --rate-limit=execution_count: make the resource either global or per device",
        },
      );
      return;
    }
  }
}
