import { bool, enumName, mapEntries, isMessage, msg, num, numbers } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const DYNAMIC_BATCHING_REPORTS = [
  "MC-51",
  "MC-52",
  "MC-53",
  "MC-54",
  "MC-55",
  "MC-56",
  "TR-4",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof DYNAMIC_BATCHING_REPORTS)[number]>;

/** MC-51…MC-56 and TR-4 for `dynamic_batching` (S3, ValidateModelConfig). */
export function checkDynamicBatching(ctx: Ctx): void {
  const dynamic = msg(ctx.config, "dynamic_batching");
  if (!dynamic) return;
  const name = ctx.name;
  const maxBatch = num(ctx.config, "max_batch_size");
  const preferred = numbers(dynamic, "preferred_batch_size");
  preferred.forEach((size, i) => {
    const path = `dynamic_batching.preferred_batch_size[${i}]`;
    if (size <= 0) {
      ctx.report("MC-51", path, `dynamic batching preferred size must be positive for ${name}`, {
        hint: "preferred sizes are batch sizes: 1 or more",
      });
    } else if (size > maxBatch) {
      ctx.report("MC-51", path, `dynamic batching preferred size must be <= max batch size for ${name}`, {
        hint:
          maxBatch === 0
            ? "max_batch_size is 0 (no batching): set max_batch_size, or remove dynamic_batching"
            : `max_batch_size is ${maxBatch}: lower this size or raise max_batch_size`,
      });
    }
  });
  const seen = new Set<number>();
  preferred.forEach((size, i) => {
    if (seen.has(size)) {
      ctx.report(
        "TR-4",
        `dynamic_batching.preferred_batch_size[${i}]`,
        `preferred batch size ${size} of model '${name}' is listed twice`,
        { hint: "remove the repeated size" },
      );
    }
    seen.add(size);
  });
  if (maxBatch === 0) {
    ctx.report(
      "MC-56",
      "dynamic_batching",
      `dynamic batching is set for model '${name}' whose max_batch_size is 0: no request is ever batched`,
      {
        hint: "set max_batch_size > 0 for the batcher to form batches, or remove dynamic_batching",
      },
    );
  }

  const levels = num(dynamic, "priority_levels");
  const policies = mapEntries(dynamic, "priority_queue_policy");
  if (levels !== 0) {
    const level = num(dynamic, "default_priority_level");
    if (level === 0 || level > levels) {
      ctx.report(
        "MC-52",
        dynamic.default_priority_level === undefined ? "dynamic_batching" : "dynamic_batching.default_priority_level",
        `default priority level must be in range [1, ${levels}] for ${name}`,
        {
          hint: `set default_priority_level between 1 and ${levels}`,
        },
      );
    }
    for (const [key] of policies) {
      const k = Number(key);
      if (k === 0 || k > levels) {
        ctx.report(
          "MC-53",
          `dynamic_batching.priority_queue_policy["${key}"]`,
          `priority queue policy must have priority level in range [1, ${levels}] for ${name}`,
          {
            hint: `priority_queue_policy keys are priority levels, 1 to ${levels}`,
          },
        );
      }
    }
  } else if (num(dynamic, "default_priority_level") !== 0 || policies.length > 0) {
    ctx.report(
      "MC-53",
      "dynamic_batching",
      `priority settings of model '${name}' are ignored because priority_levels is 0`,
      {
        severity: "warning",
        hint: "set priority_levels, or remove default_priority_level and priority_queue_policy",
      },
    );
  }

  if (bool(dynamic, "preserve_ordering")) {
    if (levels > 1) {
      ctx.report(
        "MC-54",
        "dynamic_batching.preserve_ordering",
        `Only one priority level is allowed when 'preserve_ordering' is true for ${name}`,
        {
          hint: "drop preserve_ordering or use a single priority level",
        },
      );
    }
    const delays = (policy: unknown): boolean =>
      isMessage(policy) &&
      num(policy, "default_timeout_microseconds") !== 0 &&
      enumName(
        policy,
        "timeout_action",
        // Stryker disable next-line StringLiteral: an unset action is not DELAY whatever the default's spelling
        "REJECT",
      ) === "DELAY";
    if (delays(dynamic.default_queue_policy)) {
      ctx.report(
        "MC-55",
        "dynamic_batching.default_queue_policy.timeout_action",
        `Queue policy can not have DELAY as timeout action when 'preserve_ordering' is true for ${name}`,
        {
          hint: "use timeout_action: REJECT, or drop preserve_ordering",
        },
      );
    }
    for (const [key, policy] of policies) {
      if (delays(policy)) {
        ctx.report(
          "MC-55",
          `dynamic_batching.priority_queue_policy["${key}"]`,
          `Queue policy can not have DELAY as timeout action when 'preserve_ordering' is true for ${name}`,
          {
            hint: "use timeout_action: REJECT, or drop preserve_ordering",
          },
        );
      }
    }
  }
}
