// The print command and the CLI shell: exit codes, stdout/stderr contracts,
// FILE:LINE:COLUMN diagnostics, and the built binary a newcomer runs.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary, runInProcess } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "triton-repo-print-"));
const good = join(dir, "config.pbtxt");
writeFileSync(
  good,
  'name: "m"\nbackend: "python"\nmax_batch_size: 0\ninput [ { name: "x", data_type: TYPE_FP32, dims: [ 3 ] } ]\ndynamic_batching { max_queue_delay_microseconds: 18446744073709551615 }\n',
);
const bad = join(dir, "bad.pbtxt");
writeFileSync(bad, 'name: "m"\ninstance_group {\n  kind: KIND_GPUU\n}\n');

describe("gen-repo print", () => {
  it("prints canonical text", async () => {
    const r = await runInProcess(["print", good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'name: "m"\nbackend: "python"\nmax_batch_size: 0\ninput {\n  name: "x"\n  data_type: TYPE_FP32\n  dims: [ 3 ]\n}\ndynamic_batching {\n  max_queue_delay_microseconds: 18446744073709551615\n}\n',
    );
  });

  it("prints Triton's JSON: 64-bit as strings, enums by name, defaults left out", async () => {
    const r = await runInProcess(["print", good, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      name: "m",
      backend: "python",
      input: [{ name: "x", data_type: "TYPE_FP32", dims: ["3"] }],
      dynamic_batching: { max_queue_delay_microseconds: "18446744073709551615" },
    });
  });

  it("reports a file that does not read as FILE:LINE:COLUMN on stderr and exits 1", async () => {
    const r = await runInProcess(["print", bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:1: error PB-UNKNOWN-ENUM: Unknown enumeration value of "KIND_GPUU" for field "kind"\\.`,
      ),
    );
  });

  it("reports a missing file and a folder without a stack trace", async () => {
    const missing = await runInProcess(["print", join(dir, "nope.pbtxt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
    const folder = await runInProcess(["print", dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain("is a folder");
  });

  it("refuses binary garbage with a diagnostic", async () => {
    const garbage = join(dir, "garbage.pbtxt");
    writeFileSync(garbage, Buffer.from([0x0a, 0x00, 0xff, 0xfe, 0x12]));
    const r = await runInProcess(["print", garbage]);
    expect(r.code).toBe(1);
    // protoc: input:2:1 control characters, then 2:2 the non-ASCII byte and the token it cannot start.
    expect(r.stderr).toContain(":2:1: error PB-SYNTAX: Invalid control characters encountered in text.");
    expect(r.stderr).toContain(":2:2: error PB-SYNTAX: Interpreting non ascii codepoint 255.");
  });

  it("prints the effective config Triton will see, offline", async () => {
    const model = join(dir, "repo", "sq");
    mkdirSync(join(model, "1"), { recursive: true });
    writeFileSync(join(model, "1", "model.py"), "class TritonPythonModel:\n    pass\n");
    writeFileSync(
      join(model, "config.pbtxt"),
      'backend: "python"\nmax_batch_size: 8\ninput [{ name: "x" data_type: TYPE_FP32 dims: [ 3 ] }]\noutput [{ name: "y" data_type: TYPE_FP32 dims: [ 3 ] }]\ndynamic_batching { }\ninstance_group [{ count: 2 }]\n',
    );
    const onGpu = await runInProcess([
      "print",
      join(model, "config.pbtxt"),
      "--effective",
      "--gpus",
      "0",
      "--format",
      "json",
    ]);
    expect(onGpu.code).toBe(0);
    const config = JSON.parse(onGpu.stdout);
    expect(config.name).toBe("sq");
    expect(config.version_policy).toEqual({ latest: { num_versions: 1 } });
    expect(config.dynamic_batching.preferred_batch_size).toEqual([8]);
    expect(config.instance_group).toEqual([{ name: "sq_0", kind: "KIND_GPU", count: 2, gpus: [0] }]);
    const noGpu = JSON.parse(
      (await runInProcess(["print", join(model, "config.pbtxt"), "--effective", "--format", "json"])).stdout,
    );
    expect(noGpu.instance_group[0].kind).toBe("KIND_CPU");
    expect((await runInProcess(["print", join(model, "config.pbtxt"), "--gpus", "0"])).code).toBe(2);
  });

  it("says why Triton would refuse the model on the given host", async () => {
    const model = join(dir, "repo2", "gpu_only");
    mkdirSync(join(model, "1"), { recursive: true });
    writeFileSync(
      join(model, "1", "model.py"),
      "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
    );
    writeFileSync(join(model, "config.pbtxt"), 'backend: "python"\ninstance_group [{ kind: KIND_GPU }]\n');
    const noGpu = await runInProcess(["print", join(model, "config.pbtxt"), "--effective", "--gpus", "none"]);
    expect(noGpu.code).toBe(1);
    expect(noGpu.stdout).toContain("kind: KIND_GPU");
    expect(noGpu.stderr).toMatch(/error|GPU/);
    const withGpu = await runInProcess(["print", join(model, "config.pbtxt"), "--effective", "--gpus", "0"]);
    expect(withGpu.stderr).toBe("");
    expect(withGpu.code).toBe(0);
  });

  it("treats usage mistakes as exit 2", async () => {
    expect((await runInProcess(["print"])).code).toBe(2);
    expect((await runInProcess(["print", good, "--format", "xml"])).code).toBe(2);
    expect((await runInProcess(["print", good, "--bogus"])).code).toBe(2);
    expect((await runInProcess(["frobnicate"])).code).toBe(2);
  });
});

describe("the built gen-repo binary", () => {
  it("answers --version and --help", () => {
    const version = runBinary(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runBinary(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: gen-repo <command>");
    expect(help.stdout).toContain("print");
  });

  it("prints a config and fails on a bad one", () => {
    expect(runBinary(["print", good]).stdout).toContain('name: "m"');
    const r = runBinary(["print", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(":4:1: error PB-UNKNOWN-ENUM: Unknown enumeration value");
  });
});
