/**
 * `serve --device cpu`'s copy of a GPU repository: KIND_GPU groups become
 * KIND_CPU without GPU ids, every other line and comment stays where it was
 * (so Triton's line numbers fit the user's file), everything else is a link
 * to the user's files, and removing the copy never touches them.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeCpuCopy } from "../../src/serve/cpu-copy.js";

const repo = mkdtempSync(join(tmpdir(), "cpu-copy-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const GPU_CONFIG = [
  "# the policy",
  'backend: "python"',
  "max_batch_size: 4",
  "instance_group {",
  "  kind: KIND_GPU  # one per GPU",
  "  count: 2",
  "  gpus: [ 0, 1 ]",
  "}",
  "instance_group {",
  "  kind: KIND_CPU",
  "}",
  'parameters { key: "K" value { string_value: "KIND_GPU" } }',
  "",
].join("\n");

for (const [model, config] of [
  ["gpu_model", GPU_CONFIG],
  ["cpu_model", 'backend: "python"\ninstance_group { kind: KIND_CPU }\n'],
  ["broken", "backend: python KIND_GPU\n"],
] as const) {
  mkdirSync(join(repo, model, "1"), { recursive: true });
  writeFileSync(join(repo, model, "config.pbtxt"), config);
  writeFileSync(join(repo, model, "1", "model.py"), "# model\n");
}

describe("makeCpuCopy", () => {
  const copy = makeCpuCopy(repo);

  it("rewrites only the configs with KIND_GPU groups", () => {
    expect(copy.rewritten).toEqual(["gpu_model"]);
  });

  it("writes each KIND_GPU group as KIND_CPU without gpus, keeping comments, the CPU group and a string that says KIND_GPU", () => {
    const text = readFileSync(join(copy.root, "gpu_model", "config.pbtxt"), "utf8");
    expect(text).toBe(
      GPU_CONFIG.replace("kind: KIND_GPU  # one per GPU", "kind: KIND_CPU  # one per GPU").replace(
        "  gpus: [ 0, 1 ]\n",
        "",
      ),
    );
  });

  it("links model.py, version folders, untouched models and configs it cannot read", () => {
    expect(lstatSync(join(copy.root, "gpu_model", "1")).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(copy.root, "cpu_model")).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(copy.root, "broken")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(copy.root, "gpu_model", "1", "model.py"), "utf8")).toBe("# model\n");
  });

  it("removes the copy and leaves the user's repository as it was", () => {
    copy.remove();
    expect(existsSync(copy.root)).toBe(false);
    expect(readFileSync(join(repo, "gpu_model", "config.pbtxt"), "utf8")).toBe(GPU_CONFIG);
    expect(readFileSync(join(repo, "gpu_model", "1", "model.py"), "utf8")).toBe("# model\n");
  });
});

/**
 * Triton follows links in a repository: a model folder that is a link (models shared between repositories) or a
 * config.pbtxt that is a link (one config kept for several models) is read through. Their KIND_GPU groups need the
 * rewrite as much as a plain file's.
 */
describe("makeCpuCopy, links in the user's repository", () => {
  const root = mkdtempSync(join(tmpdir(), "cpu-copy-links-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const shared = join(root, "shared");
  const links = join(root, "repository");
  mkdirSync(join(shared, "linked_model", "1"), { recursive: true });
  writeFileSync(join(shared, "linked_model", "config.pbtxt"), GPU_CONFIG);
  writeFileSync(join(shared, "linked_model", "1", "model.py"), "# shared model\n");
  writeFileSync(join(shared, "gpu.pbtxt"), GPU_CONFIG);
  mkdirSync(join(links, "linked_config", "1"), { recursive: true });
  symlinkSync(join(shared, "linked_model"), join(links, "linked_model"));
  symlinkSync(join(shared, "gpu.pbtxt"), join(links, "linked_config", "config.pbtxt"));
  writeFileSync(join(links, "linked_config", "1", "model.py"), "# model\n");
  const cpuText = GPU_CONFIG.replace("kind: KIND_GPU  # one per GPU", "kind: KIND_CPU  # one per GPU").replace(
    "  gpus: [ 0, 1 ]\n",
    "",
  );

  it("rewrites the config of a model folder that is a link, and of a config that is a link", () => {
    const copy = makeCpuCopy(links);
    try {
      expect([...copy.rewritten].sort()).toEqual(["linked_config", "linked_model"]);
      for (const model of ["linked_model", "linked_config"]) {
        const config = join(copy.root, model, "config.pbtxt");
        expect(lstatSync(config).isSymbolicLink()).toBe(false);
        expect(readFileSync(config, "utf8")).toBe(cpuText);
      }
      expect(readFileSync(join(copy.root, "linked_model", "1", "model.py"), "utf8")).toBe("# shared model\n");
    } finally {
      copy.remove();
    }
    expect(readFileSync(join(shared, "linked_model", "config.pbtxt"), "utf8")).toBe(GPU_CONFIG);
    expect(readFileSync(join(shared, "gpu.pbtxt"), "utf8")).toBe(GPU_CONFIG);
  });

  it("links work when the repository is named by a relative path", () => {
    // From the folder above the repository, so that a link made from the relative name would point nowhere.
    const cwd = process.cwd();
    process.chdir(root);
    let copy: ReturnType<typeof makeCpuCopy>;
    try {
      copy = makeCpuCopy("repository");
    } finally {
      process.chdir(cwd);
    }
    try {
      expect(readFileSync(join(copy.root, "linked_config", "1", "model.py"), "utf8")).toBe("# model\n");
      expect(readFileSync(join(copy.root, "linked_model", "1", "model.py"), "utf8")).toBe("# shared model\n");
    } finally {
      copy.remove();
    }
  });
});
