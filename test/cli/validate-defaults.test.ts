import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

/**
 * `gen-repo validate` as a user runs it from wherever they stand: with no
 * PATH inside a repository or a model folder it finds the repository, and
 * its SARIF names files from the checkout's root whatever the working folder.
 */

const work = mkdtempSync(join(tmpdir(), "triton-validate-cwd-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BAD = 'name: "bad"\nbackend: "python"\nmax_batch_size: 2\ndynamic_batching { preferred_batch_size: [ 8 ] }\n';
const GOOD = 'name: "good"\nbackend: "python"\nmax_batch_size: 2\n';

function checkout(): string {
  const root = mkdtempSync(join(work, "checkout-"));
  mkdirSync(join(root, ".git"));
  for (const [name, text] of [
    ["bad", BAD],
    ["good", GOOD],
  ] as const) {
    mkdirSync(join(root, "deploy", "models", name, "1"), { recursive: true });
    writeFileSync(join(root, "deploy", "models", name, "config.pbtxt"), text);
    writeFileSync(
      join(root, "deploy", "models", name, "1", "model.py"),
      "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
    );
  }
  return root;
}

describe("gen-repo validate without PATH", () => {
  it.each([
    ["the repository root", "deploy/models", "bad/config.pbtxt:4:"],
    ["a model folder", "deploy/models/good", "../bad/config.pbtxt:4:"],
    ["a version folder", "deploy/models/good/1", "../../bad/config.pbtxt:4:"],
  ])("finds the repository from %s", async (_where, sub, shown) => {
    const root = checkout();
    const r = await runInProcess(["validate"], { cwd: join(root, sub) });
    expect(r.stdout).toContain(shown);
    expect(r.stdout).toContain("MC-51");
    expect(r.code).toBe(1);
  });

  it("still says what it looked for outside any repository", async () => {
    const r = await runInProcess(["validate"], { cwd: mkdtempSync(join(work, "empty-")) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such file or folder: model_repository");
  });
});

describe("gen-repo validate --format sarif", () => {
  it("gives paths relative to the checkout's root, with originalUriBaseIds, from any working folder", async () => {
    const root = checkout();
    for (const [cwd, args] of [
      [root, ["validate", "deploy/models", "--format", "sarif"]],
      [join(root, "deploy", "models", "good"), ["validate", "--format", "sarif"]],
    ] as const) {
      const r = await runInProcess([...args], { cwd });
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: pathToFileURL(`${root}/`).href } });
      const locations = run.results.map(
        (x: { locations: Array<{ physicalLocation: unknown }> }) => x.locations[0]?.physicalLocation,
      );
      expect(locations).toContainEqual({
        artifactLocation: { uri: "deploy/models/bad/config.pbtxt", uriBaseId: "%SRCROOT%" },
        region: expect.objectContaining({ startLine: 4 }),
      });
    }
  });
});
