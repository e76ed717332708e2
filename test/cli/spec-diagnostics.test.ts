import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

/**
 * What `gen-repo generate` says about a spec mistake: one diagnostic per
 * mistake, at the spec's own line (also for what only validation of the
 * generated repository finds), with a suggestion for a misspelt key or
 * value, and hints that only ask for what a spec can write.
 */

const dir = mkdtempSync(join(tmpdir(), "triton-spec-diag-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODEL = (extra: string, dims = "[4]") => `version: 1
models:
  - name: m
    template: basic
    max_batch_size: 4
    inputs:
      - { name: x, data_type: TYPE_FP32, dims: ${dims} }
    outputs:
      - { name: y, data_type: TYPE_FP32, dims: [4] }
${extra}`;

async function generate(spec: string) {
  writeFileSync(join(dir, "spec.yaml"), spec);
  const r = await runInProcess(["generate", "spec.yaml", "--out", "deploy", "--dry-run"], { cwd: dir });
  const heads = r.stderr.split("\n").filter((l) => /^\S+:\d+:\d+: (error|warning) /.test(l));
  return { ...r, heads };
}

describe("spec diagnostics", () => {
  it.each([
    [
      "a misspelt key",
      MODEL("").replace("max_batch_size", "max_batch_sise"),
      'spec.yaml:5:5: error GEN-SPEC-SCHEMA: unknown field "max_batch_sise" in models[0] (did you mean "max_batch_size"?)',
    ],
    [
      "a misspelt enum value",
      MODEL("    instances: { kind: gpuu, count: 1 }\n"),
      'spec.yaml:10:24: error GEN-SPEC-SCHEMA: "gpuu" is not allowed at models[0].instances.kind (did you mean "gpu"?)',
    ],
    [
      "an unclosed flow map, at its opening brace",
      MODEL("").replace("dims: [4] }\n    outputs", "dims: [4]\n    outputs"),
      'spec.yaml:7:9: error GEN-SPEC-SYNTAX: this flow map "{" is not closed with "}"',
    ],
    [
      "a tensor without dims",
      MODEL("", "[]"),
      'spec.yaml:7:48: error GEN-SPEC-SCHEMA: "x" has no dimensions; Triton requires at least one',
    ],
    [
      "what only validation finds, at the spec line",
      `${MODEL("    instances: { kind: gpu, count: 1, gpus: [3] }\n")}deployment:\n  gpus: 1\n`,
      "spec.yaml:10:46: error MC-42: instance group m_0 of model m specifies invalid or unsupported gpu id 3.",
    ],
  ])("%s: one diagnostic, at the spec's line", async (_name, spec, want) => {
    const r = await generate(spec);
    expect(r.code).toBe(1);
    expect(r.heads).toHaveLength(1);
    expect(r.heads[0]?.startsWith(want), r.stderr).toBe(true);
  });

  it("hints only what a spec can write", async () => {
    const r = await generate(MODEL("", "[]"));
    expect(r.stderr).toContain("hint: write dims: [1]");
    expect(r.stderr).not.toContain("reshape");
  });

  it("names the generated config of a validation finding as related, not as the place to fix", async () => {
    const r = await generate(`${MODEL("    instances: { kind: gpu, count: 1, gpus: [3] }\n")}deployment:\n  gpus: 1\n`);
    expect(r.stderr).toContain("model_repository/m/config.pbtxt:");
    expect(r.stderr).toContain("instance_group[0].gpus[0] in the generated config");
    expect(r.stderr).not.toMatch(/^deploy\/model_repository/m);
  });
});
