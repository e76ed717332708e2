import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const VITEST = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));

/** Runs vitest on fixture files with only our summary reporter and returns its closing line. */
function summaryOf(...fixtures: string[]): { line: string; status: number | null } {
  const r = spawnSync(
    process.execPath,
    [VITEST, "run", "--config", "test/support/fixtures/vitest.config.ts", ...fixtures],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "" }, timeout: 60_000 },
  );
  const lines = r.stdout.trim().split("\n");
  return { line: lines[lines.length - 1] ?? "", status: r.status };
}

it("counts a file that throws while it is collected as a failure", () => {
  const { line, status } = summaryOf("collect-fails", "one-pass");
  expect(status).not.toBe(0);
  expect(line).toBe("1 passed, 1 failed, 0 skipped");
});

it("says 0 failed only when nothing failed", () => {
  expect(summaryOf("one-pass")).toEqual({ line: "1 passed, 0 failed, 0 skipped", status: 0 });
});
