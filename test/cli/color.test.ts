import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/io.js";
import { runInProcess } from "../support/run-cli.js";

/** Colours follow FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal. */

describe("useColor", () => {
  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
  ])("%j on a terminal: %s → %s", (env, isTTY, want) => {
    expect(useColor({ env, isTTY })).toBe(want);
  });

  const repo = mkdtempSync(join(tmpdir(), "triton-color-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("colours validate's report through a pipe when FORCE_COLOR is set", async () => {
    mkdirSync(join(repo, "m"));
    writeFileSync(join(repo, "m", "config.pbtxt"), 'name: "m"\nbackend: "python"\nmax_batch_size: -1\n');
    const plain = await runInProcess(["validate", repo], { isTTY: false });
    const forced = await runInProcess(["validate", repo], { isTTY: false, env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).toContain("m/config.pbtxt");
    expect(plain.stdout).not.toContain("\u001b[");
    expect(forced.stdout).toContain("\u001b[");
  });
});
