import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { locateTarget, scanRepository } from "../../src/repository/index.js";
import { validateRepository } from "../../src/validate/index.js";
import { runCli } from "../robustness/support/harness.js";
import { PLAIN_MODEL_PY, makeTree, pythonModel, removeTrees } from "../validate/support/tree.js";

/**
 * Whatever the folder holds, the scan and the validator return data and
 * diagnostics: no exception, no hang, every problem named with its file.
 */

afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;

describe("scanRepository", () => {
  it("lists model directories, their subdirectories and config text, sorted byte-wise", () => {
    const root = makeTree({ ...pythonModel("b"), ...pythonModel("a"), "a/.hidden/": null, "notes.txt": "x" });
    const tree = scanRepository(root);
    expect(tree.models.map((m) => m.name)).toEqual(["a", "b"]);
    const a = tree.models[0];
    expect(a?.entries.map((e) => e.name)).toEqual([".hidden", "1", "config.pbtxt"]);
    expect(a?.subdirs.get("1")?.entries.map((e) => e.name)).toEqual(["model.py"]);
    expect(a?.config?.text).toContain('name: "a"');
    expect(tree.diagnostics).toEqual([]);
  });

  it("reads configs/<name>.pbtxt when --model-config-name names one", () => {
    const root = makeTree({ ...pythonModel("m"), "m/configs/h100.pbtxt": 'name: "m"\nbackend: "python"\n' });
    expect(scanRepository(root, { modelConfigName: "h100" }).models[0]?.config?.relPath).toBe("m/configs/h100.pbtxt");
    expect(scanRepository(root, { modelConfigName: "a100" }).models[0]?.config?.relPath).toBe("m/config.pbtxt");
  });

  it("reports a dangling link at the root as a failed poll of the repository (RL-1)", () => {
    const root = makeTree({ ...pythonModel("m"), broken: { symlink: "/nonexistent/target" } });
    const tree = scanRepository(root);
    expect(tree.diagnostics.map((d) => [d.code, d.file])).toEqual([["RL-1", "broken"]]);
    expect(tree.diagnostics[0]?.message).toContain("failed to stat file");
  });

  it("survives a symbolic-link loop inside a model", () => {
    const root = makeTree({ ...pythonModel("m"), "m/loop": { symlink: "loop" }, "m/1/up": { symlink: ".." } });
    const result = validateRepository(root);
    const loop = result.diagnostics.find((d) => d.file === "m/loop");
    expect(loop?.code).toBe("RL-1");
    // Triton's words name no OS error (local.h IsDirectory); the hint says the link loops.
    expect(loop?.message).toMatch(/^failed to stat file \S*\/m\/loop$/);
    expect(loop?.hint).toContain("loop");
  });

  it("reports a config that is a directory as unreadable (TR-6)", () => {
    const root = makeTree({ "m/config.pbtxt/": null, "m/1/model.py": PLAIN_MODEL_PY });
    const result = validateRepository(root);
    expect(result.diagnostics.map((d) => d.code)).toContain("TR-6");
  });

  it("does not block on a FIFO named config.pbtxt", () => {
    const root = makeTree({ "m/1/model.py": PLAIN_MODEL_PY });
    execFileSync("mkfifo", [join(root, "m", "config.pbtxt")]);
    const result = validateRepository(root);
    expect(result.diagnostics.find((d) => d.code === "TR-6")?.message).toContain("Not a regular file");
  });

  it("reports a config it may not read (TR-6)", () => {
    const root = makeTree(pythonModel("m"));
    chmodSync(join(root, "m", "config.pbtxt"), 0o000);
    try {
      if (!isRoot) {
        const result = validateRepository(root);
        expect(result.diagnostics.find((d) => d.code === "TR-6")?.message).toContain("Permission denied");
      } else {
        // Root reads every file whatever its mode (and CI runs as root): the CLI runs as nobody then,
        // in a tree it may walk (mkdtemp makes the top folder 0700).
        chmodSync(root, 0o755);
        const run = runCli(["validate", root], { uid: 65534, gid: 65534, cwd: tmpdir() });
        expect(run.stdout + run.stderr).toContain(
          "error TR-6: cannot read configuration file 'm/config.pbtxt': Permission denied",
        );
        expect(run.status).toBe(1);
      }
    } finally {
      chmodSync(join(root, "m", "config.pbtxt"), 0o644);
    }
  });

  it("reads a 50 MB config like any other", () => {
    const root = makeTree({ "m/1/model.py": PLAIN_MODEL_PY });
    // One 50 MB token: a field name nobody has. protoc quotes a name whole, and so does the reader (issue 10).
    writeFileSync(join(root, "m", "config.pbtxt"), Buffer.alloc(50 * 1024 * 1024, 0x61));
    const result = validateRepository(root);
    const unknown = result.diagnostics.find((d) => d.code === "PB-UNKNOWN-FIELD");
    expect(unknown).toMatchObject({ file: "m/config.pbtxt", line: 1 });
    expect(result.ok).toBe(false);
  });

  it("refuses a config above 64 MB with TR-7 and without reading it", () => {
    const root = makeTree({ "m/1/model.py": PLAIN_MODEL_PY });
    writeFileSync(join(root, "m", "config.pbtxt"), Buffer.alloc(65 * 1024 * 1024, 0x61));
    const started = performance.now();
    const result = validateRepository(root);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.diagnostics.map((d) => d.code)).toContain("TR-7");
    expect(result.ok).toBe(false);
  });

  it("turns binary garbage in config.pbtxt into syntax diagnostics", () => {
    const root = makeTree({
      "m/config.pbtxt": Buffer.from([0, 1, 2, 0xff, 0xfe, 0x7b, 0x7d, 0x22, 0x0a, 0x80]),
      "m/1/model.py": PLAIN_MODEL_PY,
    });
    const result = validateRepository(root);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.some((d) => d.code.startsWith("PB-") && d.file === "m/config.pbtxt")).toBe(true);
  });

  it("reports a repository root that does not exist", () => {
    const result = validateRepository(join(makeTree({}), "nope"));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["RL-5"]);
  });

  it("never throws on arbitrary config bytes", () => {
    const root = makeTree({ "m/1/model.py": PLAIN_MODEL_PY });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        writeFileSync(join(root, "m", "config.pbtxt"), bytes);
        const result = validateRepository(root);
        for (const d of result.diagnostics) expect(typeof d.message).toBe("string");
      }),
      { numRuns: 150 },
    );
  });
});

describe("locateTarget", () => {
  it("tells a repository root, a model folder and files inside a model apart", () => {
    const root = makeTree({ ...pythonModel("m"), ...pythonModel("3d_unet"), "m/configs/x.pbtxt": "" });
    expect(locateTarget(root)).toEqual({ root });
    expect(locateTarget(join(root, "m"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "m", "config.pbtxt"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "m", "1", "model.py"))).toEqual({ root, model: "m" });
    expect(locateTarget(join(root, "m", "configs", "x.pbtxt"))).toEqual({
      root,
      model: "m",
      config: "configs/x.pbtxt",
    });
    expect(locateTarget(join(root, "3d_unet", "config.pbtxt"))).toEqual({ root, model: "3d_unet" });
    expect(locateTarget(join(root, "missing")).error).toContain("no such file");
  });
});
