// The README is a contract with newcomers: its build-script example runs as
// written (importing the package by name, as a user's script would), and its
// set-up block names exactly the two commands this project supports.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/pbtxt/parser.js";
import { validateConfig } from "../src/validate/index.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

function between(start: string, end: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from);
  expect(from, `README marker ${start}`).toBeGreaterThan(-1);
  const block = readme.slice(from + start.length, to);
  const code = /```ts\n([\s\S]*?)```/.exec(block);
  expect(code, "a ts code block between the markers").not.toBeNull();
  return (code as RegExpExecArray)[1] as string;
}

describe("README", () => {
  it("has exactly the two set-up commands", () => {
    const setup = /## Set-up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(setup?.trim().split("\n")).toEqual([
      "npm ci && npx gen-repo generate fixtures/act-pick-place.yaml --out deploy",
      "npm test",
    ]);
  });

  it("its build-script example is at most ten lines, runs, and writes a config Triton accepts", () => {
    const example = between("<!-- build-script-example:start -->", "<!-- build-script-example:end -->");
    expect(example.trim().split("\n").length).toBeLessThanOrEqual(10);
    // Inside the package folder, "triton-repo" resolves to this package (self-reference through "exports").
    const dir = join(ROOT, "test", ".tmp-readme");
    mkdirSync(dir, { recursive: true });
    try {
      const script = join(dir, "build.ts");
      const out = join(dir, "config.pbtxt");
      writeFileSync(script, example);
      execFileSync(process.execPath, ["--import", "tsx", script, out], { cwd: ROOT, stdio: "pipe" });
      const parsed = parseConfig(readFileSync(out, "utf8"));
      expect(parsed.ok).toBe(true);
      expect(parsed.value).toMatchObject({ name: "classifier", backend: "python", max_batch_size: 16 });
      expect(validateConfig(parsed.value).filter((d) => d.severity === "error")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
