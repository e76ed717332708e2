import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

/** A missing input file is one mistake with one answer in every command: exit 2, `no such file or folder: PATH`. */

const cwd = mkdtempSync(join(tmpdir(), "triton-missing-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("a missing input file", () => {
  it.each([
    ["print", ["print", "nope.pbtxt"]],
    ["fmt", ["fmt", "nope.pbtxt"]],
    ["fmt --check", ["fmt", "--check", "nope.pbtxt"]],
    ["fmt --write", ["fmt", "--write", "nope.pbtxt"]],
    ["diff", ["diff", "nope.pbtxt", "nope2.pbtxt"]],
    ["diff --rev", ["diff", "nope.pbtxt", "--rev", "HEAD"]],
    ["generate", ["generate", "nope.yaml", "--out", "deploy"]],
    ["validate", ["validate", "nope"]],
    ["validate --whole-repository", ["validate", "--whole-repository", "nope/config.pbtxt"]],
  ])("%s: exit 2, named once", async (_name, argv) => {
    const r = await runInProcess(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^gen-repo \w+: no such file or folder: nope[^\n]*\nrun "gen-repo \w+ --help" for usage\n$/,
    );
    expect(r.stdout).toBe("");
  });
});
