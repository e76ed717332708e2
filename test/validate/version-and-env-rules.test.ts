import { realpathSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import { selectVersions } from "../../src/validate/versions.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { PLAIN_MODEL_PY, type TreeSpec, makeTree, pythonModel, removeTrees } from "./support/tree.js";

/**
 * Regressions of RL-8 (version directory names), RL-9 (the duplicate
 * `specific` listing quirk) and RL-16 (EXECUTION_ENV_PATH relative to the
 * model directory), each as the catalogue states it.
 */

afterAll(removeTrees);

const byCode = (ds: readonly Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const errors = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === "error");

function envModel(value: string, extra: TreeSpec = {}): { root: string; model: string } {
  const root = makeTree({
    ...pythonModel("m", `parameters { key: "EXECUTION_ENV_PATH" value { string_value: "${value}" } }`),
    ...extra,
  });
  return { root, model: join(root, "m") };
}

describe("RL-8: non-canonical version directory names", () => {
  it("reports '-1' as an error: a numeric prefix but not a canonical name", () => {
    const root = makeTree({ ...pythonModel("m"), "m/-1/model.py": PLAIN_MODEL_PY });
    const found = byCode(validateRepository(root).diagnostics, "RL-8");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", file: "m/-1" });
    expect(found[0]?.message).toContain("negative version -1");
  });

  it("reports '+1' as an error read as version 1", () => {
    const root = makeTree({ ...pythonModel("m"), "m/+1/model.py": PLAIN_MODEL_PY });
    const found = byCode(validateRepository(root).diagnostics, "RL-8");
    expect(found.map((d) => [d.severity, d.file])).toEqual([["error", "m/+1"]]);
    expect(found[0]?.message).toContain("read by Triton as version 1");
  });

  it("notes '01' as ignored by Triton (info), never an error", () => {
    const root = makeTree({ ...pythonModel("m"), "m/01/model.py": PLAIN_MODEL_PY });
    const result = validateRepository(root);
    expect(byCode(result.diagnostics, "RL-8").map((d) => [d.severity, d.message])).toEqual([
      ["info", "ignore version directory '01' which contains leading zeros in its directory name"],
    ]);
    expect(errors(result.diagnostics)).toEqual([]);
  });

  it("keeps '0' and '10' canonical", () => {
    const root = makeTree({ ...pythonModel("m"), "m/0/model.py": PLAIN_MODEL_PY, "m/10/model.py": PLAIN_MODEL_PY });
    expect(byCode(validateRepository(root).diagnostics, "RL-8")).toEqual([]);
  });
});

describe("RL-9: a missing version listed twice in specific counts as present", () => {
  const config = (versions: string): ReturnType<typeof parseConfig>["value"] =>
    parseConfig(`version_policy { specific { versions: [${versions}] } }`).value;

  it("selects the version on its second listing, as VersionsToLoad's set insert does", () => {
    expect(selectVersions(config("2, 2"), [1])).toMatchObject({ selected: [2], missing: [2], phantom: [2] });
    expect(selectVersions(config("2"), [1])).toMatchObject({ selected: [], missing: [2], phantom: [] });
    expect(selectVersions(config("1, 1"), [1])).toMatchObject({ selected: [1], missing: [], phantom: [] });
    expect(selectVersions(config("2, 1, 2"), [1])).toMatchObject({ selected: [1, 2], missing: [2], phantom: [2] });
  });

  it("reports the load failure of the phantom version instead of 'at least one version must be available'", () => {
    const root = makeTree(pythonModel("m", "version_policy { specific { versions: [2, 2] } }"));
    const result = validateRepository(root);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.startsWith("at least one version must be available"))).toBe(false);
    expect(byCode(result.diagnostics, "RL-9").map((d) => [d.severity, d.message])).toEqual([
      ["warning", "version 2 is specified for model 'm', but the version directory is not present"],
    ]);
    const load = byCode(result.diagnostics, "RL-12");
    expect(load.map((d) => d.message)).toEqual([`Python model file not found in '${join(root, "m")}/2/model.py'`]);
    expect(result.ok).toBe(false);
  });

  it("says the load fails for a backend whose model file it does not know", () => {
    const root = makeTree({
      "m/config.pbtxt": 'name: "m"\nbackend: "identity"\nversion_policy { specific { versions: [2, 2] } }',
      "m/1/": null,
    });
    const rl9 = errors(validateRepository(root).diagnostics).filter((d) => d.code === "RL-9");
    expect(rl9).toHaveLength(1);
    expect(rl9[0]?.message).toContain("listed twice");
  });

  it("still fails a single missing listing with 'at least one version must be available'", () => {
    const root = makeTree(pythonModel("m", "version_policy { specific { versions: [2] } }"));
    expect(errors(validateRepository(root).diagnostics).map((d) => d.message)).toEqual([
      "at least one version must be available under the version policy of model 'm'",
    ]);
  });
});

describe("RL-16: EXECUTION_ENV_PATH relative to the model directory", () => {
  it("reports a missing target with Triton's canonical-path message", () => {
    const { root, model } = envModel("$$TRITON_MODEL_DIRECTORY/env/../python-env.tar.gz");
    const found = byCode(validateRepository(root).diagnostics, "RL-16");
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ["error", `Failed to get the canonical path for ${model}/python-env.tar.gz.`],
    ]);
    expect(found[0]?.line).toBeDefined();
  });

  it("reports a folder without bin/activate with Triton's message, on the canonical path", () => {
    const { root, model } = envModel("$$TRITON_MODEL_DIRECTORY/env", { "m/env/lib/python3.12/site.py": "" });
    const found = byCode(validateRepository(root).diagnostics, "RL-16");
    expect(found.map((d) => d.message)).toEqual([
      `Path ${realpathSync(join(model, "env"))}/bin/activate does not exist. The Python environment should contain an 'activate' script.`,
    ]);
  });

  it("accepts a folder with bin/activate and an existing archive file (extracted at load, not inspected)", () => {
    const folder = envModel("$$TRITON_MODEL_DIRECTORY/env", { "m/env/bin/activate": "" });
    expect(byCode(validateRepository(folder.root).diagnostics, "RL-16")).toEqual([]);
    const archive = envModel("$$TRITON_MODEL_DIRECTORY/env.tar.gz", { "m/env.tar.gz": "not really gzip" });
    expect(byCode(validateRepository(archive.root).diagnostics, "RL-16")).toEqual([]);
  });

  it("checks a path that leaves the model directory too, besides the warning", () => {
    const { root } = envModel("$$TRITON_MODEL_DIRECTORY/../shared-env");
    const found = byCode(validateRepository(root).diagnostics, "RL-16");
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      [
        "warning",
        "EXECUTION_ENV_PATH '$$TRITON_MODEL_DIRECTORY/../shared-env' of model 'm' leaves the model directory",
      ],
      ["error", `Failed to get the canonical path for ${root}/shared-env.`],
    ]);
    const present = envModel("$$TRITON_MODEL_DIRECTORY/../shared-env", { "shared-env/bin/activate": "" });
    expect(errors(byCode(validateRepository(present.root).diagnostics, "RL-16"))).toEqual([]);
  });

  it("leaves absolute paths and single configs unchecked (not decidable offline)", () => {
    const { root } = envModel("/opt/envs/does-not-exist.tar.gz");
    expect(byCode(validateRepository(root).diagnostics, "RL-16")).toEqual([]);
    const alone = validateConfig(
      `name: "m"\nbackend: "python"\nparameters { key: "EXECUTION_ENV_PATH" value { string_value: "$$TRITON_MODEL_DIRECTORY/missing" } }`,
    );
    expect(byCode(alone, "RL-16")).toEqual([]);
  });
});
