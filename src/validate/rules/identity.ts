import { has, msg, num, numbers, str } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const IDENTITY_REPORTS = ["MC-10", "MC-11", "MC-12", "MC-14", "MC-15"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof IDENTITY_REPORTS)[number]>;

/** Backend types core knows by name; every other backend accepts any platform (MC-12). */
const BACKEND_TYPE: Record<string, string> = {
  tensorrt: "tensorrt",
  onnxruntime: "onnxruntime",
  pytorch: "pytorch",
  tensorflow: "tensorflow",
};
const PLATFORM_TYPE: Record<string, string> = {
  tensorrt_plan: "tensorrt",
  onnxruntime_onnx: "onnxruntime",
  pytorch_libtorch: "pytorch",
  torch_aoti: "pytorch",
  tensorflow_graphdef: "tensorflow",
  tensorflow_savedmodel: "tensorflow",
};
const PLATFORMS_OF: Record<string, string> = {
  tensorrt: '"tensorrt_plan"',
  onnxruntime: '"onnxruntime_onnx"',
  pytorch: '"pytorch_libtorch" or "torch_aoti"',
  tensorflow: '"tensorflow_graphdef" or "tensorflow_savedmodel"',
};

/** MC-10…MC-15: backend and platform, max_batch_size, version policy (S3, in Triton's order). */
export function checkIdentity(ctx: Ctx): void {
  const { config, name } = ctx;
  const backend = str(config, "backend");
  const platform = str(config, "platform");
  if (backend === "") {
    if (platform !== "ensemble") {
      ctx.report(
        "MC-10",
        has(ctx.written, "platform") ? "platform" : undefined,
        `unexpected platform type '${platform}' for ${name}`,
        {
          // With neither backend nor platform, server autofill stops the model first (RL-11): the empty-platform
          // hint below is never reached.
          hint:
            // Stryker disable next-line StringLiteral: unreachable, see above
            platform === ""
              ? // Stryker disable next-line StringLiteral: unreachable, see above
                'name the backend: backend: "python", "onnxruntime", "tensorrt", …'
              : `"${platform}" is not a platform Triton knows: set backend: "<name>" (platforms are only needed for TensorRT, ONNX Runtime, PyTorch, TensorFlow and ensembles)`,
        },
      );
    }
  } else if (platform === "ensemble") {
    ctx.report(
      "MC-11",
      "backend",
      `Ensemble model '${name}' must have platform type 'ensemble' and empty backend type`,
      {
        hint: "remove the backend field: an ensemble runs in Triton itself",
      },
    );
  }
  const backendType = BACKEND_TYPE[backend];
  if (backendType !== undefined && backendType !== PLATFORM_TYPE[platform]) {
    ctx.report(
      "MC-12",
      has(ctx.written, "platform") ? "platform" : "backend",
      `unexpected 'platform' and 'backend' pair, got:${platform}, ${backend}`,
      {
        hint: `backend "${backend}" takes platform ${PLATFORMS_OF[backendType] ?? "(none)"}; or drop the platform line and let Triton fill it in`,
      },
    );
  }
  if (num(config, "max_batch_size") < 0) {
    ctx.report("MC-14", "max_batch_size", `'max_batch_size' must be non-negative value for ${name}`, {
      hint: "use 0 for a model that does not batch, or the largest batch it accepts",
    });
  }
  const policy = msg(config, "version_policy");
  const latest = msg(policy, "latest");
  if (latest && num(latest, "num_versions") === 0) {
    ctx.report(
      "MC-15",
      "version_policy.latest",
      `at least one version must be available under the version policy of model '${name}'`,
      {
        hint: "`latest {}` selects no version: write latest { num_versions: 1 } (or all {})",
      },
    );
  }
  const specific = msg(policy, "specific");
  if (specific && numbers(specific, "versions").length === 0) {
    ctx.report(
      "MC-15",
      "version_policy.specific",
      `at least one version must be available under the version policy of model '${name}'`,
      {
        hint: "`specific {}` selects no version: list versions: [1]",
      },
    );
  }
}
