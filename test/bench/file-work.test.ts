/**
 * bench/support/file-work.cjs, the bench's lower bound for validate, reads
 * what validate reads: every model folder's config.pbtxt and each version's
 * model.py. The oracles are the generator's own list of files and the CLI's
 * count of models.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepository, writeRepository } from "../../bench/corpus/repository.js";
import { CLI_BIN, FILE_WORK } from "../../bench/support/paths.js";

const root = mkdtempSync(join(tmpdir(), "bench-file-work-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("bench/support/file-work.cjs", () => {
  it("reads each model's config.pbtxt and its versions' model.py, as many models as validate checks", () => {
    const models = generateRepository(12);
    writeRepository(root, models);
    const characters = models.reduce(
      (sum, model) =>
        sum +
        model.config.length +
        model.files.filter((file) => /^[0-9]+\/model\.py$/.test(file.path)).reduce((n, f) => n + f.content.length, 0),
      0,
    );
    const run = spawnSync(process.execPath, [FILE_WORK, root], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${models.length} models, ${characters} characters read\n`);
    const validate = spawnSync(process.execPath, [CLI_BIN, "validate", root, "--format", "json"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(JSON.parse(validate.stdout).summary.models).toBe(models.length);
  });
});
