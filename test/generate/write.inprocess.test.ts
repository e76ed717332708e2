/**
 * The generator's decisions and staging (src/generate/write.ts) called
 * in-process on hand-made plans and hand-made output folders: what each file
 * gets (create, update, unchanged, kept, overwrite), the refusals (links and
 * files on the way, folders in the way, unreadable files), stale files, and
 * the staged tree's bytes and modes. The oracle is the disk and
 * docs/robustness.md: never follow a link inside out, keep what the user
 * edited or wrote unless --force, a dry run writes nothing beside out.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMarker } from "../../src/generate/marker.js";
import type { PlannedFile, RepositoryPlan } from "../../src/generate/plan.js";
import { decideActions, filesToCommit, findStale, removeStaging, stage } from "../../src/generate/write.js";
import { makeTree, removeTrees, writeTree } from "../validate/support/tree.js";

let root = "";
let out = "";
beforeEach(() => {
  root = makeTree({ "deploy/": null });
  out = join(root, "deploy");
});
afterEach(removeTrees);

function put(files: Record<string, string>): void {
  writeTree(out, files);
}

function planOf(files: Record<string, string>, directories: string[] = [], executable: string[] = []): RepositoryPlan {
  const planned: PlannedFile[] = Object.entries(files).map(([path, text]) => ({
    path,
    content: addMarker(text),
    executable: executable.includes(path),
  }));
  return { files: planned, directories, diagnostics: [] };
}

function treeOf(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        found[relative(dir, p)] = "<dir>";
        walk(p);
      } else found[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return found;
}

describe("decideActions", () => {
  it("each file's action from what is on disk, and the user's text kept for the kept ones", () => {
    const plan = planOf({
      "new.txt": "n\n",
      "same.txt": "s\n",
      "ours.txt": "o2\n",
      "edited.txt": "e2\n",
      "theirs.txt": "t\n",
      "sub/dir/new.txt": "d\n",
    });
    const edited = `${addMarker("e1\n")}my edit\n`;
    put({ "same.txt": addMarker("s\n"), "ours.txt": addMarker("o1\n"), "edited.txt": edited, "theirs.txt": "mine\n" });
    const { outcomes, existing, diagnostics } = decideActions(plan, out, false, "OUT");
    expect(outcomes).toEqual([
      { path: "new.txt", action: "create" },
      { path: "same.txt", action: "unchanged" },
      { path: "ours.txt", action: "update" },
      { path: "edited.txt", action: "kept-edited" },
      { path: "theirs.txt", action: "kept-foreign" },
      { path: "sub/dir/new.txt", action: "create" },
    ]);
    expect(Object.fromEntries(existing)).toEqual({
      "same.txt": addMarker("s\n"),
      "ours.txt": addMarker("o1\n"),
      "edited.txt": edited,
      "theirs.txt": "mine\n",
    });
    expect(diagnostics).toEqual([
      {
        code: "GEN-USER-EDITED",
        severity: "warning",
        message: "edited.txt was edited since it was generated; kept as it is",
        file: "edited.txt",
        hint: "gen-repo generate --force replaces it (your edits are lost); or generate into a scratch folder and merge the new version by hand",
      },
      {
        code: "GEN-NOT-GENERATED",
        severity: "warning",
        message: "theirs.txt exists and was not written by triton-repo; kept as it is",
        file: "theirs.txt",
        hint: "move it away, or run gen-repo generate --force to replace it",
      },
    ]);
    expect(filesToCommit(outcomes)).toEqual([{ path: "new.txt" }, { path: "ours.txt" }, { path: "sub/dir/new.txt" }]);
  });

  it("--force overwrites edited and foreign files, still updates ours, no warnings", () => {
    const plan = planOf({ "ours.txt": "o2\n", "edited.txt": "e2\n", "theirs.txt": "t\n" });
    put({ "ours.txt": addMarker("o1\n"), "edited.txt": `${addMarker("e1\n")}x`, "theirs.txt": "mine\n" });
    const { outcomes, diagnostics } = decideActions(plan, out, true);
    expect(outcomes.map((o) => o.action)).toEqual(["update", "overwrite", "overwrite"]);
    expect(diagnostics).toEqual([]);
    expect(filesToCommit(outcomes)).toEqual([{ path: "ours.txt" }, { path: "edited.txt" }, { path: "theirs.txt" }]);
  });

  it("a link where a file goes is foreign and never read through; --force replaces the link", () => {
    writeFileSync(join(root, "elsewhere.txt"), addMarker("o1\n"));
    symlinkSync(join(root, "elsewhere.txt"), join(out, "ours.txt"));
    const plan = planOf({ "ours.txt": "o2\n" });
    const kept = decideActions(plan, out, false);
    expect(kept.outcomes).toEqual([{ path: "ours.txt", action: "kept-foreign" }]);
    expect(kept.existing.size).toBe(0);
    expect(kept.diagnostics.map((d) => d.code)).toEqual(["GEN-NOT-GENERATED"]);
    expect(decideActions(plan, out, true).outcomes).toEqual([{ path: "ours.txt", action: "overwrite" }]);
  });

  it("a folder where a file goes is refused", () => {
    mkdirSync(join(out, "f.txt"));
    const { outcomes, diagnostics } = decideActions(planOf({ "f.txt": "f\n" }), out, true);
    expect(outcomes).toEqual([]);
    expect(diagnostics).toEqual([
      {
        code: "GEN-IO",
        severity: "error",
        message: "cannot write f.txt: a folder of that name is in the way",
        file: "f.txt",
      },
    ]);
  });

  it("a file too large to compare is refused", () => {
    writeFileSync(join(out, "big.txt"), "");
    truncateSync(join(out, "big.txt"), 16 * 1024 * 1024 + 1);
    const { outcomes, diagnostics } = decideActions(planOf({ "big.txt": "b\n" }), out, true);
    expect(outcomes).toEqual([]);
    expect(diagnostics).toEqual([
      {
        code: "GEN-IO",
        severity: "error",
        message: "cannot read big.txt: larger than the 16 MiB limit (at least 16.0 MiB)",
        file: "big.txt",
        hint: "move it away; gen-repo writes a regular file there",
      },
    ]);
  });

  it("a linked folder on the way is refused once per folder, for files and for planned folders", () => {
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(out, "scripts"));
    symlinkSync(join(root, "real"), join(out, "repo"));
    const plan = planOf({ "scripts/a.py": "a\n", "scripts/b.py": "b\n", "top.txt": "t\n" }, ["repo/e/1"]);
    const { diagnostics } = decideActions(plan, out, true, "OUT");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([
      {
        code: "GEN-IO",
        severity: "error",
        message:
          "cannot write scripts/a.py: scripts is a symbolic link inside OUT; gen-repo writes only inside the output folder and does not follow links in it",
        file: "scripts",
        hint: "replace the link with a real folder, or point --out at a folder without links inside (--out itself may be a link)",
      },
      {
        code: "GEN-IO",
        severity: "error",
        message:
          "cannot write repo/e/1/.: repo is a symbolic link inside OUT; gen-repo writes only inside the output folder and does not follow links in it",
        file: "repo",
        hint: "replace the link with a real folder, or point --out at a folder without links inside (--out itself may be a link)",
      },
    ]);
  });

  it("a link deeper on the way is found; a planned folder alone under a link is refused", () => {
    mkdirSync(join(out, "repo", "m"), { recursive: true });
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(out, "repo", "m", "1"));
    const { diagnostics } = decideActions(planOf({}, ["repo/m/1/x"]), out, false, "OUT");
    expect(diagnostics.map((d) => d.file)).toEqual(["repo/m/1"]);
  });

  it("a file on the way of a planned file is refused", () => {
    put({ scripts: "a file\n" });
    const { diagnostics } = decideActions(planOf({ "scripts/a.py": "a\n" }), out, false, "OUT");
    expect(diagnostics[0]).toEqual({
      code: "GEN-IO",
      severity: "error",
      message: "cannot write scripts/a.py: scripts is a file, not a folder",
      file: "scripts",
      hint: "move it away",
    });
  });
});

describe("findStale", () => {
  const PRISTINE = (name: string) => addMarker(`${name}\n`);

  it("generated files the plan no longer has are reported; foreign, planned and linked ones are not", () => {
    put({
      Dockerfile: PRISTINE("d"),
      "docker-compose.yml": `${PRISTINE("c")}edited\n`,
      "scripts/test_python_backend.py": PRISTINE("t"),
      "scripts/inference_client.py": "foreign\n",
      "model_repository/gone/config.pbtxt": PRISTINE("g"),
      "model_repository/gone/1/model.py": PRISTINE("p"),
      "model_repository/kept/config.pbtxt": PRISTINE("k"),
      "model_repository/README": PRISTINE("r"),
      "elsewhere/config.pbtxt": PRISTINE("e"),
    });
    symlinkSync(join(out, "elsewhere"), join(out, "model_repository", "linked"));
    const plan = planOf({ "model_repository/kept/config.pbtxt": "k\n" });
    const stale = findStale(plan, out, "model_repository");
    const model = "Triton loads every model folder of the repository: delete the folder if the model is gone for good";
    const other = "delete it if you no longer need it";
    expect(stale).toEqual(
      [
        ["Dockerfile", other],
        ["docker-compose.yml", other],
        ["scripts/test_python_backend.py", other],
        ["model_repository/gone/config.pbtxt", model],
        ["model_repository/gone/1/model.py", model],
      ].map(([path, hint]) => ({
        code: "GEN-STALE",
        severity: "warning",
        message: `${path} was generated from an earlier spec and is no longer part of it; left in place`,
        file: path,
        hint,
      })),
    );
  });

  it("a link named like a generated file is not read through", () => {
    put({ "real/Dockerfile": PRISTINE("d") });
    symlinkSync(join(out, "real", "Dockerfile"), join(out, "Dockerfile"));
    expect(findStale(planOf({}), out, "model_repository")).toEqual([]);
  });

  it("a repository named like a prefix of another path: only its own files get the model hint", () => {
    put({ "repo/m/config.pbtxt": PRISTINE("m") });
    expect(findStale(planOf({}), out, "repo").map((d) => d.hint)).toEqual([
      "Triton loads every model folder of the repository: delete the folder if the model is gone for good",
    ]);
  });

  it("kubernetes manifests only when this run writes kubernetes/, and only .yaml files", () => {
    put({
      "kubernetes/hpa.yaml": PRISTINE("h"),
      "kubernetes/deployment.yaml": PRISTINE("d"),
      "kubernetes/notes.txt": PRISTINE("n"),
      "kubernetes/yaml": PRISTINE("y"),
    });
    mkdirSync(join(out, "kubernetes", "sub.yaml"));
    expect(findStale(planOf({}), out, "model_repository")).toEqual([]);
    const k8s = planOf({ "kubernetes/deployment.yaml": "d\n" });
    expect(findStale(k8s, out, "model_repository").map((d) => d.file)).toEqual(["kubernetes/hpa.yaml"]);
    // a plan with a file merely named like the folder is not a kubernetes plan
    expect(findStale(planOf({ "xkubernetes/a.yaml": "a\n" }), out, "model_repository")).toEqual([]);
  });
});

describe("stage", () => {
  it("stages beside out: written files new, kept files with the user's bytes, modes, empty folders", () => {
    const plan = planOf(
      { "new.txt": "n\n", "same.txt": "s\n", "edited.txt": "e2\n", "run.py": "r\n", "ours.txt": "o2\n" },
      ["repo/e/1", "deep/a/b"],
      ["run.py"],
    );
    const edited = `${addMarker("e1\n")}mine\n`;
    put({ "same.txt": addMarker("s\n"), "edited.txt": edited, "ours.txt": addMarker("o1\n") });
    const { outcomes, existing } = decideActions(plan, out, false);
    const staging = stage(plan, [...outcomes, { path: "not-planned.txt", action: "create" }], existing, out, false);
    expect(dirname(staging)).toBe(root);
    expect(staging.startsWith(join(root, ".deploy.gen-repo-stage-"))).toBe(true);
    expect(treeOf(staging)).toEqual({
      "new.txt": addMarker("n\n"),
      "same.txt": addMarker("s\n"),
      "edited.txt": edited,
      "run.py": addMarker("r\n"),
      "ours.txt": addMarker("o2\n"),
      repo: "<dir>",
      "repo/e": "<dir>",
      "repo/e/1": "<dir>",
      deep: "<dir>",
      "deep/a": "<dir>",
      "deep/a/b": "<dir>",
    });
    expect(statSync(staging).mode & 0o777).toBe(0o755);
    expect(statSync(join(staging, "run.py")).mode & 0o777).toBe(0o755);
    expect(statSync(join(staging, "new.txt")).mode & 0o777).toBe(0o644);
    removeStaging(staging);
    expect(existsSync(staging)).toBe(false);
  });

  it("a kept foreign link stages the planned text (the commit does not move it)", () => {
    symlinkSync("nowhere", join(out, "l.txt"));
    const plan = planOf({ "l.txt": "l\n" });
    const { outcomes, existing } = decideActions(plan, out, false);
    const staging = stage(plan, outcomes, existing, out, false);
    expect(readFileSync(join(staging, "l.txt"), "utf8")).toBe(addMarker("l\n"));
    expect(filesToCommit(outcomes)).toEqual([]);
  });

  it("real run into a missing out: out's parent is made for the staging folder", () => {
    const deep = join(root, "a", "b", "deploy");
    const staging = stage(planOf({ "x.txt": "x\n" }), [{ path: "x.txt", action: "create" }], new Map(), deep, false);
    expect(dirname(staging)).toBe(join(root, "a", "b"));
  });

  it("a dry run stages in the temp folder and makes nothing beside a missing out", () => {
    const deep = join(root, "a", "b", "deploy");
    const staging = stage(planOf({ "x.txt": "x\n" }), [{ path: "x.txt", action: "create" }], new Map(), deep, true);
    try {
      expect(staging.startsWith(join(tmpdir(), "gen-repo-dry-run-"))).toBe(true);
      expect(existsSync(join(root, "a"))).toBe(false);
    } finally {
      removeStaging(staging);
    }
  });

  it("a failure while staging removes what was staged and throws", () => {
    // x.txt is staged as a file, then x.txt/y needs it as a folder
    const plan = planOf({ "x.txt": "x\n", "x.txt/y": "y\n" });
    const outcomes = plan.files.map((f) => ({ path: f.path, action: "create" as const }));
    expect(() => stage(plan, outcomes, new Map(), out, false)).toThrow(/ENOTDIR|EEXIST/);
    expect(readdirSync(root)).toEqual(["deploy"]);
  });

  it("closes every descriptor it opens", () => {
    const fds = () => readdirSync("/proc/self/fd").length;
    const plan = planOf({ "a.txt": "a\n", "b/c.txt": "c\n" });
    const before = fds();
    const staging = stage(
      plan,
      plan.files.map((f) => ({ path: f.path, action: "create" as const })),
      new Map(),
      out,
      false,
    );
    expect(fds()).toBe(before);
    removeStaging(staging);
  });
});
