import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { makeTree, pythonModel, removeTrees } from "./support/tree.js";

/** The options issue 10 adds to `gen-repo validate`, through the real CLI entry. */

afterAll(removeTrees);

interface Report {
  diagnostics: Array<{ code: string; severity: string; file: string | null; line: number | null; message: string }>;
  summary: { tritonVersion?: string; models: number };
}

async function validate(
  args: string[],
  cwd: string,
): Promise<{ code: number; report: Report | undefined; stdout: string; stderr: string }> {
  const r = await runInProcess(["validate", ...args], { cwd });
  let report: Report | undefined;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    report = undefined;
  }
  return { code: r.code, report, stdout: r.stdout, stderr: r.stderr };
}

const TEMPLATED = {
  ...pythonModel("m"),
  "m/config.pbtxt":
    'backend: "python"\nmax_batch_size: ${batch}\nmodel_transaction_policy { decoupled: ${decoupled} }\n',
};

describe("--template-vars and --template-vars-file", () => {
  it("unfilled placeholders fail with PB-TEMPLATE, each at its line and column", async () => {
    const root = makeTree(TEMPLATED);
    const r = await validate([".", "--format", "json"], root);
    expect(r.code).toBe(1);
    expect(
      r.report?.diagnostics
        .filter((d) => d.code === "PB-TEMPLATE")
        .map((d) => [d.line, d.message.includes("${batch}") || d.message.includes("${decoupled}")]),
    ).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it("NAME=VALUE pairs after one flag fill them", async () => {
    const root = makeTree(TEMPLATED);
    const r = await validate([".", "--template-vars", "batch=8", "decoupled=false", "--format", "json"], root);
    expect(r.code).toBe(0);
    expect(r.report?.diagnostics.map((d) => d.code)).not.toContain("PB-TEMPLATE");
    // Filled, the values are checked like any others.
    const bad = await validate([".", "--template-vars", "batch=-3", "decoupled=false", "--format", "json"], root);
    expect(bad.code).toBe(1);
  });

  it("a JSON or YAML file fills them; pairs on the command line win", async () => {
    const root = makeTree(TEMPLATED);
    writeFileSync(join(root, "vars.yaml"), "batch: 8\ndecoupled: false\n");
    writeFileSync(join(root, "vars.json"), '{ "batch": 8, "decoupled": "nope" }');
    expect((await validate(["m", "--template-vars-file", "vars.yaml"], root)).code).toBe(0);
    expect((await validate(["m", "--template-vars-file", "vars.json"], root)).code).toBe(1);
    expect(
      (await validate(["m", "--template-vars-file", "vars.json", "--template-vars", "decoupled=true"], root)).code,
    ).toBe(0);
  });

  it("bad values are usage errors", async () => {
    const root = makeTree(TEMPLATED);
    writeFileSync(join(root, "list.yaml"), "- a\n- b\n");
    for (const args of [
      ["--template-vars", "no-equals"],
      ["--template-vars-file", "missing.yaml"],
      ["--template-vars-file", "list.yaml"],
    ]) {
      const r = await validate([".", ...args], root);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("--template-vars");
    }
  });
});

describe("--triton-version", () => {
  it("is named in the report, with the default stated in --help", async () => {
    const root = makeTree(pythonModel("m"));
    const help = await runInProcess(["validate", "--help"], { cwd: root });
    const stated = /default (\d{2}\.\d{2})/.exec(help.stdout)?.[1];
    expect(stated).toBeDefined();
    expect((await validate([".", "--format", "json"], root)).report?.summary.tritonVersion).toBe(stated);
    expect(
      (await validate([".", "--format", "json", "--triton-version", "24.05"], root)).report?.summary.tritonVersion,
    ).toBe("24.05");
    expect((await runInProcess(["validate", "."], { cwd: root })).stdout).toContain(`assuming Triton ${stated}`);
  });

  it("refuses what is not YY.MM", async () => {
    const root = makeTree(pythonModel("m"));
    for (const v of ["25", "25.13", "2025.01", "v25.01"])
      expect((await validate([".", "--triton-version", v], root)).code, v).toBe(2);
  });
});

describe("--config-only", () => {
  it("checks a loose config file on its own, named by its path", async () => {
    const root = makeTree({
      "loose/serving.pbtxt":
        'name: "clf"\nbackend: "python"\nmax_batch_size: 4\ndynamic_batching { preferred_batch_size: [8] }\n',
      "loose/fine.pbtxt": 'name: "clf"\nbackend: "python"\nmax_batch_size: 4\n',
    });
    const bad = await validate(["loose/serving.pbtxt", "--config-only", "--format", "json"], root);
    expect(bad.code).toBe(1);
    expect(bad.report?.diagnostics.filter((d) => d.severity === "error").map((d) => [d.file, d.line])).toEqual([
      ["loose/serving.pbtxt", 4],
    ]);
    expect((await validate(["loose/fine.pbtxt", "--config-only"], root)).code).toBe(0);
    expect((await validate(["loose", "--config-only"], root)).code).toBe(2);
  });
});

describe("--model-namespacing", () => {
  it("keeps one name in two repositories apart", async () => {
    const root = makeTree({
      ...Object.fromEntries(Object.entries(pythonModel("m")).map(([k, v]) => [`a/${k}`, v])),
      ...Object.fromEntries(Object.entries(pythonModel("m")).map(([k, v]) => [`b/${k}`, v])),
    });
    expect((await validate(["a", "b", "--format", "json"], root)).report?.diagnostics.map((d) => d.code)).toEqual([
      "RL-4",
      "RL-4",
    ]);
    expect((await validate(["a", "b", "--model-namespacing"], root)).code).toBe(0);
  });
});

const available = sharedAvailable();

describe.skipIf(!available)("--no-model-files on tutorial and example repositories", () => {
  const work = mkdtempSync(join(tmpdir(), "triton-no-model-files-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Repositories whose only refusals are model files exported, built or downloaded later (the corpus manifest's classes).
  for (const id of ["pb-preprocessing", "tut-part5-ensembles", "tut-part6-pipeline"]) {
    it(`${id} passes, and one line says what was skipped`, async () => {
      const dest = join(work, id);
      cpSync(sharedPath("conformance", "realworld", "roots", id), dest, { recursive: true });
      const drop = (dir: string): void => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) drop(join(dir, e.name));
          else if (e.name === ".gitkeep") rmSync(join(dir, e.name));
        }
      };
      drop(dest);
      expect((await validate([".", "--gpus", "0"], dest)).code).toBe(1);
      const r = await validate([".", "--gpus", "0", "--no-model-files", "--format", "json"], dest);
      expect(r.code).toBe(0);
      expect(r.report?.diagnostics.filter((d) => d.message.startsWith("--no-model-files:"))).toHaveLength(1);
    });
  }
});
