import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareConfigs } from "../../src/diff/report.js";
import { runInProcess } from "../support/run-cli.js";
import { makeTree, removeTrees } from "./support/tree.js";

/**
 * `print --effective` and `diff` agree with `validate` on what they assume
 * (issue 10, item 8): the same host when no --gpus is given, and an empty
 * `name` meaning the model folder's name (Triton's ND-1 autofill).
 */

afterAll(removeTrees);

const GPU_ONLY = {
  "gpu_only/config.pbtxt": 'backend: "python"\ninstance_group [{ kind: KIND_GPU }]\n',
  "gpu_only/1/model.py": "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
};

describe("print --effective without --gpus", () => {
  it("refuses what validate refuses without --gpus, and no more", async () => {
    const root = makeTree(GPU_ONLY);
    const config = join(root, "gpu_only", "config.pbtxt");
    const validate = await runInProcess(["validate", root, "--format", "json"]);
    const print = await runInProcess(["print", config, "--effective"]);
    expect(validate.code).toBe(0);
    expect(print.code).toBe(validate.code);
    expect(print.stderr).toBe("");
    // On a host described as GPU-less, both refuse the KIND_GPU group.
    expect((await runInProcess(["validate", root, "--gpus", "none"])).code).toBe(1);
    expect((await runInProcess(["print", config, "--effective", "--gpus", "none"])).code).toBe(1);
  });
});

describe("diff and an empty name", () => {
  const named = { name: "m", backend: "python", max_batch_size: 8 };
  const unnamed = { backend: "python", max_batch_size: 8 };

  it("an empty name is the folder's name: no change, no reload", () => {
    const diff = compareConfigs(unnamed, named, { before: "m/config.pbtxt@HEAD", after: "m/config.pbtxt" });
    expect(diff.identical).toBe(true);
    expect(compareConfigs(named, unnamed, { before: "a.pbtxt", after: "b.pbtxt" }).identical).toBe(true);
    expect(
      compareConfigs(unnamed, named, { before: "repo/m/configs/prod.pbtxt", after: "repo/m/configs/prod.pbtxt" })
        .identical,
    ).toBe(true);
  });

  it("a name that differs from the folder is still a change", () => {
    const diff = compareConfigs(unnamed, named, { before: "other/config.pbtxt@HEAD", after: "other/config.pbtxt" });
    expect(diff.identical).toBe(false);
    expect(diff.changes.map((c) => c.path)).toEqual(["name"]);
    expect(compareConfigs({ ...named, name: "x" }, named).identical).toBe(false);
  });
});
