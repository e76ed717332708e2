/**
 * `gen-repo generate --target`: the README's one line writes compose and Kubernetes, a second
 * run changes nothing, and a bad target is a usage error.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecText } from "../../src/generate/load-spec.js";
import { starterSpec } from "../../src/generate/starter.js";
import { runInProcess } from "../support/run-cli.js";

const root = join(import.meta.dirname, "../..");
const out = mkdtempSync(join(tmpdir(), "k8s-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("gen-repo generate --target", () => {
  it("--target all writes docker-compose.yml and kubernetes/, then a second run changes nothing", async () => {
    const first = await runInProcess(["generate", "fixtures/act-pick-place.yaml", "--out", out, "--target", "all"], {
      cwd: root,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(join(out, "kubernetes/kustomization.yaml"));
    expect(existsSync(join(out, "docker-compose.yml"))).toBe(true);
    expect(existsSync(join(out, "kubernetes/triton-statefulset.yaml"))).toBe(true);
    const second = await runInProcess(["generate", "fixtures/act-pick-place.yaml", "--out", out, "--target", "all"], {
      cwd: root,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 created, 0 updated, \d+ unchanged, 0 kept/);
  });

  it("refuses an unknown target as a usage error", async () => {
    const r = await runInProcess(["generate", "fixtures/act-pick-place.yaml", "--out", out, "--target", "helm"], {
      cwd: root,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--target must be compose, kubernetes or all, got "helm"');
  });

  it("the starter spec's commented kubernetes block, uncommented, is a valid section", () => {
    const { text } = starterSpec({ directory: out, name: "my_model", fileName: "triton-repo.yaml" });
    const at = text.indexOf("# kubernetes:");
    expect(at).toBeGreaterThan(0);
    const enabled =
      text.slice(0, at) +
      text
        .slice(at)
        .split("\n")
        .map((l) => l.replace(/^# ?/, ""))
        .join("\n");
    const loaded = loadSpecText(enabled, "triton-repo.yaml");
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec?.kubernetes?.replicas).toEqual({ min: 2, max: 4 });
  });
});
