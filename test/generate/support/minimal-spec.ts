import type { RepoSpec } from "../../../src/generate/spec.js";

/** The smallest spec that generates a deployment: one basic model, and the deployment options under test. */
export function minimalSpec(deployment: RepoSpec["deployment"] | undefined): RepoSpec {
  return {
    version: 1,
    models: [
      {
        name: "m",
        template: "basic",
        inputs: [{ name: "x", data_type: "TYPE_FP32", dims: [1] }],
        outputs: [{ name: "y", data_type: "TYPE_FP32", dims: [1] }],
      },
    ],
    ...(deployment ? { deployment } : {}),
  };
}
