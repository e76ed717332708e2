/**
 * Golden files: fixtures/act-pick-place.yaml generates exactly the files
 * under test/generate/golden/act-pick-place/. Only `npm run test:update`
 * (UPDATE_GOLDEN=1) rewrites them; review the diff. The golden Python files
 * are compiled too.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { planRepository } from "../../src/generate/plan.js";
import { pyCompile, pythonWithNumpyAvailable } from "./python.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "act-pick-place.yaml");
const GOLDEN = join(import.meta.dirname, "golden", "act-pick-place");
const update = process.env.UPDATE_GOLDEN === "1";

const loaded = loadSpecFile(FIXTURE, "fixtures/act-pick-place.yaml");
if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
const plan = planRepository(loaded.spec, loaded.source);

function goldenFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(GOLDEN, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

if (update) {
  rmSync(GOLDEN, { recursive: true, force: true });
  for (const file of plan.files) {
    mkdirSync(dirname(join(GOLDEN, file.path)), { recursive: true });
    writeFileSync(join(GOLDEN, file.path), file.content);
  }
}

describe("golden files of the ACT example", () => {
  it("the same set of files", () => {
    expect(goldenFiles(GOLDEN)).toEqual(plan.files.map((f) => f.path).sort());
  });

  it.each(plan.files.map((f) => [f.path, f.content] as const))("%s", (path, content) => {
    expect(content).toBe(readFileSync(join(GOLDEN, path), "utf8"));
  });

  it.skipIf(!pythonWithNumpyAvailable())("the golden Python files compile", () => {
    for (const path of goldenFiles(GOLDEN).filter((p) => p.endsWith(".py"))) {
      const r = pyCompile(join(GOLDEN, path));
      expect(r.stderr, path).toBe("");
    }
  });
});
