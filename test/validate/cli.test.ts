import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";
import { PLAIN_MODEL_PY, type TreeSpec, makeTree, pythonModel, removeTrees } from "./support/tree.js";

/** `gen-repo validate` in process: output formats, colours, exit codes. */

afterAll(removeTrees);

async function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  isTTY = false,
): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runInProcess(["validate", ...args], { cwd, env, isTTY });
  return { code, out: stdout, err: stderr };
}

const BROKEN: TreeSpec = {
  ...pythonModel("good"),
  ...pythonModel("bad", "dynamic_batching { preferred_batch_size: [0] }"),
};

describe("gen-repo validate", () => {
  it("prints file:line:col, the code, Triton's message and a hint; exits 1 on errors", async () => {
    const root = makeTree({
      "model_repository/": null,
      ...Object.fromEntries(Object.entries(BROKEN).map(([k, v]) => [`model_repository/${k}`, v])),
    });
    const { code, out } = await cli([], root);
    expect(code).toBe(1);
    expect(out).toContain("model_repository/bad/config.pbtxt:6:");
    expect(out).toContain("error MC-51: dynamic batching preferred size must be positive for bad");
    expect(out).toContain("  hint: ");
    expect(out).toContain("2 models checked: 1 error");
    expect(out).not.toContain("\u001b[");
  });

  it("exits 0 on a clean repository and colours only a TTY without NO_COLOR", async () => {
    const root = makeTree(pythonModel("m"));
    const tty = await cli([root], "/", {}, true);
    expect(tty.code).toBe(0);
    expect(tty.out).toContain("\u001b[");
    const noColor = await cli([root], "/", { NO_COLOR: "1" }, true);
    expect(noColor.out).not.toContain("\u001b[");
  });

  it("checks one model when given a model folder or a file in it", async () => {
    const root = makeTree(BROKEN);
    expect((await cli([join(root, "good")], root)).code).toBe(0);
    expect((await cli([join(root, "bad", "config.pbtxt")], root)).code).toBe(1);
    expect((await cli([join(root, "good", "1", "model.py"), "--whole-repository"], root)).code).toBe(1);
  });

  it("prints JSON with the documented keys", async () => {
    const root = makeTree(BROKEN);
    const { code, out } = await cli(["--format", "json", root], root);
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as {
      diagnostics: Array<Record<string, unknown>>;
      summary: Record<string, number | string>;
    };
    expect(Object.keys(parsed.diagnostics[0] ?? {})).toEqual([
      "code",
      "severity",
      "message",
      "file",
      "line",
      "column",
      "hint",
    ]);
    expect(parsed.diagnostics[0]).toMatchObject({
      code: "MC-51",
      severity: "error",
      file: "bad/config.pbtxt",
      line: 6,
    });
    expect(parsed.summary).toEqual({
      errors: 1,
      warnings: 0,
      infos: 0,
      models: 2,
      repositories: 1,
      tritonVersion: "25.12",
    });
  });

  it("prints SARIF 2.1.0", async () => {
    const root = makeTree(BROKEN);
    const { out } = await cli(["--format=sarif", root], root);
    const log = JSON.parse(out) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<Record<string, unknown>>;
      }>;
    };
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run?.tool.driver.name).toBe("triton-repo");
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(["MC-51"]);
    expect(run?.results[0]).toMatchObject({
      ruleId: "MC-51",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "bad/config.pbtxt" }, region: { startLine: 6 } } }],
    });
  });

  it("--strict turns warnings into errors; --gpus checks instance groups", async () => {
    const root = makeTree(
      pythonModel(
        "m",
        `input [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\ninstance_group [{ kind: KIND_GPU gpus: [1] }]`,
      ),
    );
    expect((await cli([root], root)).code).toBe(0);
    expect((await cli([root, "--strict"], root)).code).toBe(1);
    const gpus = await cli([root, "--gpus", "0"], root);
    expect(gpus.code).toBe(1);
    expect(gpus.out).toContain(
      "specifies invalid or unsupported gpu id 1. GPUs with at least the minimum required CUDA compute compatibility of 6.000000 are: 0",
    );
    expect((await cli([root, "--gpus", "0,1"], root)).code).toBe(0);
  });

  it("--no-auto-complete requires config.pbtxt; --model-config-name picks configs/<name>.pbtxt", async () => {
    const root = makeTree({ "m/1/model.py": PLAIN_MODEL_PY });
    expect((await cli([root], root)).code).toBe(0);
    expect((await cli([root, "--no-auto-complete"], root)).out).toContain("failed to open text file for read");
    const custom = makeTree({
      ...pythonModel("m"),
      "m/configs/bad.pbtxt": 'name: "m"\nbackend: "python"\nmax_batch_size: -1',
    });
    expect((await cli([custom, "--model-config-name", "bad"], custom)).out).toContain("m/configs/bad.pbtxt");
    expect((await cli([custom, "--model-config-name", "other"], custom)).code).toBe(0);
  });

  it("exits 2 on usage errors", async () => {
    const root = makeTree(pythonModel("m"));
    for (const args of [["--format", "xml"], ["--gpus", "a,b"], ["--frobnicate"], [join(root, "nope")], ["--format"]]) {
      const { code, err } = await cli(args, root);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toContain("gen-repo validate:");
    }
    // Without PATH, inside a repository, the repository is checked (test/cli/validate-defaults.test.ts);
    // where there is none, no such file or folder: model_repository.
    expect((await cli([], root)).code).toBe(0);
    expect((await cli([], makeTree({ "notes.txt": "" }))).code).toBe(2);
  });
});

describe("gen-repo validate --backend-dir", () => {
  it("looks backends up in the given directory instead of the stock image", async () => {
    const backends = makeTree({ "custom/libtriton_custom.so": "", "python/libtriton_python.so": "" });
    const root = makeTree({ "m/config.pbtxt": 'name: "m"\nbackend: "custom"', "m/1/": null, ...pythonModel("p") });
    const stock = await cli([root], root);
    expect(stock.code).toBe(1);
    expect(stock.out).toContain("unable to find backend library for backend 'custom'");
    expect((await cli([root, "--backend-dir", backends], root)).code).toBe(0);
    const missingPython = makeTree({ "custom/libtriton_custom.so": "" });
    expect((await cli([root, `--backend-dir=${missingPython}`], root)).out).toContain("backend 'python'");
  });
});

describe("gen-repo validate PATH: what the path names is what gets checked", () => {
  const BAD = 'name: "m"\nbackend: "python"\nmax_batch_size: -1\n';

  it("validates configs/NAME.pbtxt as the model's config, as --model-config-name NAME reads it", async () => {
    const root = makeTree({ ...pythonModel("m"), "m/configs/prod.pbtxt": BAD });
    const { code, out } = await cli(["--format", "json", join(root, "m", "configs", "prod.pbtxt")], root);
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as {
      diagnostics: Array<{ code: string; file: string; line: number | null }>;
      summary: { models: number };
    };
    expect(parsed.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["MC-14", "m/configs/prod.pbtxt", 3]]);
    expect(parsed.summary.models).toBe(1);
    expect((await cli([join(root, "m", "config.pbtxt")], root)).code).toBe(0);
  });

  it("validates another .pbtxt file of a model folder as the model's config, with positions in that file", async () => {
    const root = makeTree({ ...pythonModel("m"), "m/ok.pbtxt": BAD });
    const { code, out } = await cli([join(root, "m", "ok.pbtxt")], root);
    expect(code).toBe(1);
    expect(out).toContain("m/ok.pbtxt:3:");
    expect(out).toContain("info RL-5: 'm/ok.pbtxt' validated as the configuration of model 'm'");
    expect(out).not.toMatch(/^m\/config\.pbtxt/m);
  });

  it("with --whole-repository checks the named config file besides the repository", async () => {
    const root = makeTree({ ...pythonModel("m"), "m/configs/prod.pbtxt": BAD });
    const { code, out } = await cli(["--whole-repository", join(root, "m", "configs", "prod.pbtxt")], root);
    expect(code).toBe(1);
    expect(out).toContain("m/configs/prod.pbtxt:3:");
    // In the repository's own run, once: the model is counted once (regression: it was counted twice).
    expect(out).toContain("1 model checked");
  });

  it("walks up from a version folder to its model", async () => {
    const root = makeTree({ ...pythonModel("m", "dynamic_batching { preferred_batch_size: [0] }") });
    const { code, out } = await cli([join(root, "m", "1")], root);
    expect(code).toBe(1);
    expect(out).toContain("1 model checked: 1 error");
  });

  it("reports a path that holds no model instead of passing with 0 models", async () => {
    const empty = makeTree({});
    const none = await cli([empty], empty);
    expect(none.code).toBe(1);
    expect(none.out).toContain("error RL-1: no model found under");
    const root = makeTree({ ...pythonModel("m"), "config.pbtxt": 'name: "m"' });
    const atRoot = await cli([join(root, "config.pbtxt")], root);
    expect(atRoot.code).toBe(1);
    expect(atRoot.out).toContain("Triton ignores files at the repository root");
  });

  it("does not take a repository root with a numbered config-less model for a model (RL-11 'r')", async () => {
    const root = makeTree({ "r/2/1/model.py": PLAIN_MODEL_PY, "r/m/1/model.py": PLAIN_MODEL_PY });
    const { code, out } = await cli([join(root, "r")], root);
    expect(out).not.toContain("'r'");
    expect(out).toContain("2 models checked");
    expect(code).toBe(0);
  });
});

describe("gen-repo validate option values", () => {
  it("refuses an empty --gpus, an empty --model-config-name and a --backend-dir that is not a folder (exit 2)", async () => {
    const root = makeTree(pythonModel("m"));
    const file = join(root, "m", "config.pbtxt");
    for (const args of [
      ["--gpus", ""],
      ["--gpus="],
      ["--model-config-name", ""],
      ["--backend-dir", join(root, "nonexistent")],
      ["--backend-dir", file],
      ["--backend-dir="],
    ]) {
      const { code, err } = await cli([root, ...args], root);
      expect(code, args.join(" ")).toBe(2);
      expect(err, args.join(" ")).toContain("gen-repo validate:");
    }
    expect((await cli([root, "--gpus", "none"], root)).code).toBe(0);
  });

  it("resolves a relative --backend-dir against the working folder", async () => {
    const base = makeTree({
      "backends/python/libtriton_python.so": "",
      ...Object.fromEntries(Object.entries(pythonModel("m")).map(([k, v]) => [`repo/${k}`, v])),
    });
    expect((await cli(["repo", "--backend-dir", "backends"], base)).code).toBe(0);
  });
});

describe("gen-repo validate --format sarif", () => {
  it("percent-encodes each segment of artifactLocation.uri", async () => {
    const base = makeTree(
      Object.fromEntries(
        Object.entries(pythonModel("m#1", "dynamic_batching { preferred_batch_size: [0] }")).map(([k, v]) => [
          `sp ace/${k}`,
          v,
        ]),
      ),
    );
    const { out } = await cli(["--format", "sarif", "sp ace"], base);
    const log = JSON.parse(out) as {
      runs: Array<{
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
      }>;
    };
    const uris = log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain("sp%20ace/m%231/config.pbtxt");
    for (const uri of uris ?? []) expect(uri).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/);
  });
});

describe("gen-repo validate a repository and a config file of one of its models", () => {
  it("prints a layout finding of that model once", async () => {
    const root = makeTree({
      "m/config.pbtxt": 'name: "m"\nbackend: "python"\n',
      "m/1/": null,
      "m/configs/prod.pbtxt": 'name: "m"\nbackend: "python"\n',
    });
    const { code, out } = await cli(
      ["--whole-repository", "--format", "json", join(root, "m", "configs", "prod.pbtxt")],
      root,
    );
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as { diagnostics: Array<{ code: string; file: string }> };
    expect(parsed.diagnostics.filter((d) => d.code === "RL-12").map((d) => d.file)).toEqual(["m/1"]);
  });
});
