/**
 * `serve --device cpu`'s copy of a GPU repository: KIND_GPU groups become
 * KIND_CPU without GPU ids, every other line and comment stays where it was
 * (so Triton's line numbers fit the user's file), everything else is a link
 * to the user's files, and removing the copy never touches them.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
