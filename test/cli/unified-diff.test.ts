import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/cli/unified-diff.js";
import { runInProcess } from "../support/run-cli.js";

/**
 * `fmt --check --diff` prints a unified diff that GNU patch applies: the old
 * text patched is the new one, for any pair of texts.
 */

const dir = mkdtempSync(join(tmpdir(), "triton-udiff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function patched(before: string, after: string): string {
  const file = join(dir, "f.txt");
  writeFileSync(file, before);
  const diff = unifiedDiff(before, after, "f.txt");
  if (diff !== "")
    execFileSync("patch", ["--quiet", "--force", file], { input: diff, stdio: ["pipe", "pipe", "pipe"] });
  return readFileSync(file, "utf8");
}

describe("unifiedDiff", () => {
  it("prints removals, then additions, with three lines of context", () => {
    const before = `${["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n")}\n`;
    const after = before.replace("e\n", "E\n");
    expect(unifiedDiff(before, after, "x")).toBe("--- x\n+++ x\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    expect(unifiedDiff(before, before, "x")).toBe("");
  });

  it("is applied by GNU patch to give the new text", () => {
    const line = fc.constantFrom("a", "b", "c", "input {", "}", '  name: "x"', "");
    const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.map((l) => `${l}\n`).join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(patched(before, after)).toBe(after);
      }),
      { numRuns: 150 },
    );
  });
});

describe("gen-repo fmt --check --diff", () => {
  it("prints what formatting would change and exits 1; nothing for a formatted file", async () => {
    writeFileSync(join(dir, "config.pbtxt"), 'name:"m"\nmax_batch_size: 8\n');
    const r = await runInProcess(["fmt", "--check", "--diff", "config.pbtxt"], { cwd: dir });
    expect(r.stdout).toBe(
      '--- config.pbtxt\n+++ config.pbtxt\n@@ -1,2 +1,2 @@\n-name:"m"\n+name: "m"\n max_batch_size: 8\n',
    );
    expect(r.code).toBe(1);
    writeFileSync(join(dir, "config.pbtxt"), 'name: "m"\n');
    const clean = await runInProcess(["fmt", "--check", "--diff", "config.pbtxt"], { cwd: dir });
    expect([clean.code, clean.stdout]).toEqual([0, ""]);
  });

  it("goes with --check only", async () => {
    const r = await runInProcess(["fmt", "--diff", "config.pbtxt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--diff goes with --check");
  });
});
