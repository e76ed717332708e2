import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifyDirectory, locateTarget, scanRepository } from "../../src/repository/index.js";
import { PLAIN_MODEL_PY, makeTree, pythonModel, removeTrees } from "../validate/support/tree.js";

/** What a command-line path designates: a repository, a model, a config file of a model, or nothing. */

afterAll(removeTrees);

describe("classifyDirectory", () => {
  it("takes a root of config-less models, one of them numbered, for a repository", () => {
    const root = makeTree({ "2/1/model.py": PLAIN_MODEL_PY, "m/1/model.py": PLAIN_MODEL_PY });
    expect(classifyDirectory(root)).toBe("repository");
    expect(locateTarget(root)).toEqual({ root });
    expect(classifyDirectory(join(root, "2"))).toBe("model");
    expect(locateTarget(join(root, "2"))).toEqual({ root, model: "2" });
  });

  it("takes a root whose models are all numbered and configured for a repository", () => {
    const root = makeTree({ ...pythonModel("1"), ...pythonModel("2") });
    expect(classifyDirectory(root)).toBe("repository");
    expect(locateTarget(root)).toEqual({ root });
    expect(locateTarget(join(root, "2", "config.pbtxt"))).toEqual({ root, model: "2" });
  });

  it("takes a config-less model with version folders, and a configured one, for models", () => {
    const root = makeTree({
      "m/1/model.py": PLAIN_MODEL_PY,
      "m/2/model.py": PLAIN_MODEL_PY,
      ...pythonModel("c"),
      "c/configs/": null,
    });
    expect(classifyDirectory(join(root, "m"))).toBe("model");
    expect(classifyDirectory(join(root, "c"))).toBe("model");
  });

  it("does not take a model whose configs/ holds a config.pbtxt for a repository", () => {
    const root = makeTree({ ...pythonModel("m"), "m/configs/config.pbtxt": 'backend: "python"' });
    expect(classifyDirectory(join(root, "m"))).toBe("model");
  });

  it("takes a root for a repository whichever of its children holds the config.pbtxt", () => {
    // The children are listed lazily, stopping at the first configured model: every position must still count.
    for (const configured of ["a", "m", "z"]) {
      const tree: Record<string, string | null> = { "a/notes/": null, "m/notes/": null, "z/notes/": null };
      delete tree[`${configured}/notes/`];
      // No version folder: only the configured child makes this a repository.
      const root = makeTree({ ...tree, [`${configured}/config.pbtxt`]: 'backend: "python"' });
      expect(classifyDirectory(root), configured).toBe("repository");
    }
  });

  it("takes an empty folder for neither", () => {
    expect(classifyDirectory(makeTree({}))).toBe("other");
  });
});

describe("locateTarget", () => {
  it("walks up from a version folder to its model", () => {
    const root = makeTree({ ...pythonModel("m"), "m/2/": null, "x/1/model.py": PLAIN_MODEL_PY });
    expect(locateTarget(join(root, "m", "1"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "m", "2"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "x", "1"))).toEqual({ root, model: "x" });
  });

  it("names the config file a path points at when Triton would not read it by default", () => {
    const root = makeTree({ ...pythonModel("m"), "m/configs/prod.pbtxt": "", "m/ok.pbtxt": "", "m/labels.txt": "a\n" });
    expect(locateTarget(join(root, "m", "configs", "prod.pbtxt"))).toEqual({
      root,
      model: "m",
      config: "configs/prod.pbtxt",
    });
    expect(locateTarget(join(root, "m", "ok.pbtxt"))).toEqual({ root, model: "m", config: "ok.pbtxt" });
    expect(locateTarget(join(root, "m", "config.pbtxt"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "m", "labels.txt"))).toEqual({ root, model: "m" });
  });

  it("says when a path holds no model: an empty folder, a file at the repository root", () => {
    const empty = makeTree({});
    expect(locateTarget(empty).noModel).toContain("no model found under");
    const root = makeTree({ ...pythonModel("m"), "config.pbtxt": 'name: "m"' });
    const atRoot = locateTarget(join(root, "config.pbtxt"));
    expect(atRoot.root).toBe(root);
    expect(atRoot.model).toBeUndefined();
    expect(atRoot.noModel).toContain("Triton ignores files at the repository root");
  });

  it("validates a folder that holds folders but no recognisable model as a repository, as before", () => {
    const root = makeTree({ "a/notes/": null });
    expect(locateTarget(root)).toEqual({ root });
  });
});

describe("scanRepository configFiles", () => {
  it("reads the chosen config file of a model, and notes a name Triton never reads (RL-5)", () => {
    const root = makeTree({
      ...pythonModel("m"),
      ...pythonModel("n"),
      "m/ok.pbtxt": 'name: "m"',
      "n/configs/prod.pbtxt": 'name: "n"',
    });
    const tree = scanRepository(root, {
      configFiles: new Map([
        ["m", "ok.pbtxt"],
        ["n", "configs/prod.pbtxt"],
      ]),
    });
    expect(tree.models.map((f) => [f.name, f.config?.relPath, f.config?.text])).toEqual([
      ["m", "m/ok.pbtxt", 'name: "m"'],
      ["n", "n/configs/prod.pbtxt", 'name: "n"'],
    ]);
    expect(tree.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([["RL-5", "info", "m/ok.pbtxt"]]);
  });

  it("falls back to config.pbtxt when the chosen file is not there", () => {
    const root = makeTree(pythonModel("m"));
    const tree = scanRepository(root, { configFiles: new Map([["m", "configs/gone.pbtxt"]]) });
    expect(tree.models[0]?.config?.relPath).toBe("m/config.pbtxt");
  });
});
