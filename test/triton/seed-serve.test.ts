/**
 * `gen-repo serve` as a user meets it (the built binary): no Triton → a clear
 * way to get one (exit 2); a model that does not load → Triton's error at
 * the file and line it points to (exit 1); a GPU repository → a hint, and
 * `--device cpu` serves it without touching the user's files; the generated
 * client waits for a server that is still starting and gives up cleanly on
 * one that never comes.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/serve/ports.js";
import { runBinary } from "../support/run-cli.js";
import { realTriton, runClientPython } from "../support/triton.js";
import { ROOT, startServe } from "./seed-support.js";

const work = mkdtempSync(join(tmpdir(), "seed-serve-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("gen-repo serve without a Triton", () => {
  it("says how to get one, exit 2", () => {
    const r = runBinary(["serve", work], { env: { TRITONSERVER: "", TRITON_REPO_HOME: join(work, "no-install") } });
    expect(r.stderr).toContain(
      "gen-repo serve: error SERVE-NO-TRITON: no tritonserver found: install a local Triton with `npm run triton:install`",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });

  it("is listed in gen-repo --help and has its own --help", () => {
    expect(runBinary(["--help"]).stdout).toMatch(/^ {2}serve +start a real tritonserver/m);
    const r = runBinary(["serve", "--help"]);
    expect(r.stdout).toContain(
      "usage: gen-repo serve [REPO] [--device gpu|cpu] [--http-port N] [--grpc-port N] [--metrics-port N] [--triton PATH]",
    );
    expect(r.code).toBe(0);
  });

  it("names a --triton that is not a file, exit 2", () => {
    const r = runBinary(["serve", work, "--triton", join(work, "nope", "tritonserver")]);
    expect(r.stderr).toContain(`--triton names ${join(work, "nope", "tritonserver")}, which is not a file`);
    expect(r.code).toBe(2);
  });

  it("refuses a bad --device or port as usage, exit 2", () => {
    expect(runBinary(["serve", work, "--device", "tpu"]).code).toBe(2);
    const r = runBinary(["serve", work, "--http-port", "80000"]);
    expect(r.stderr).toContain('--http-port expects a port number 1-65535, got "80000"');
    expect(r.code).toBe(2);
  });
});

describe.skipIf(!realTriton())("gen-repo serve on the real Triton", () => {
  const gpuDeploy = join(work, "gpu");
  const repository = join(gpuDeploy, "model_repository");
  const config = join(repository, "act_pick_place", "config.pbtxt");

  beforeAll(() => {
    const r = runBinary(["generate", join(ROOT, "fixtures", "act-pick-place.yaml"), "--out", gpuDeploy]);
    if (r.code !== 0) throw new Error(r.stderr);
  });

  /** The 1-based line of `file` in the copy `repo` that passes `test` (0 when none does). */
  function lineIn(repo: string, file: string, test: (line: string) => boolean): number {
    return (
      readFileSync(join(repo, "act_pick_place", file), "utf8")
        .split("\n")
        .findIndex(test) + 1
    );
  }

  /** A run of serve that must be refused with exit 1; its stderr, for the test to read. */
  async function refused(args: string[]): Promise<string> {
    const start = await startServe(args);
    if (start.ok) {
      // A server that came up is stopped before the test fails, as every server a test starts.
      await start.served.stop();
      expect.fail("serve started; a refusal was expected");
    }
    expect(start.code).toBe(1);
    return start.stderr;
  }

  /** A copy of the GPU repository with one file changed. */
  function broken(name: string, file: string, edit: (text: string) => string): string {
    const copy = join(work, name);
    cpSync(repository, copy, { recursive: true });
    const path = join(copy, "act_pick_place", file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
    return copy;
  }

  it("a config.pbtxt Triton cannot read: protobuf's message at its line and column, exit 1", async () => {
    const repo = broken("syntax", "config.pbtxt", (t) => t.replace("kind: KIND_GPU", "kind: KIND_GPUU"));
    const lines = readFileSync(join(repo, "act_pick_place", "config.pbtxt"), "utf8").split("\n");
    // protobuf reports an enum value at the token after it: the next field of the group.
    const after = lines.findIndex((l) => l.includes("KIND_GPUU")) + 2;
    expect(await refused([repo, "--device", "cpu"])).toContain(
      `${repo}/act_pick_place/config.pbtxt:${after}:3: error SERVE-CONFIG-SYNTAX: Unknown enumeration value of "KIND_GPUU" for field "kind".`,
    );
  }, 120_000);

  it("a protobuf message that quotes a line separator (U+2028) is read whole, at its line and column", async () => {
    const repo = broken("syntax-u2028", "config.pbtxt", (t) =>
      t.replace(/^name: .*$/m, (line) => `${line}\nplatform"\u2028"`),
    );
    const line = lineIn(repo, "config.pbtxt", (l) => l.startsWith('platform"'));
    expect(line).toBeGreaterThan(1);
    // protobuf quotes the string token it found where a ':' belongs, separator and all.
    expect(await refused([repo, "--device", "cpu"])).toContain(
      `${repo}/act_pick_place/config.pbtxt:${line}:9: error SERVE-CONFIG-SYNTAX: Expected ":", found ""\u2028"".`,
    );
  }, 120_000);

  it("an exception in load_model: the model.py line, exit 1", async () => {
    const repo = broken("raises", "1/model.py", (t) =>
      t.replace(
        /(def load_model\(self, checkpoint_path, device\):\n(?:\s+""".*"""\n))\s+return None/,
        '$1        raise RuntimeError("weights missing")',
      ),
    );
    const line = lineIn(repo, "1/model.py", (l) => l.includes("weights missing"));
    expect(line).toBeGreaterThan(0);
    expect(await refused([repo, "--device", "cpu"])).toContain(
      `${repo}/act_pick_place/1/model.py:${line}: error SERVE-MODEL-LOAD: failed to load 'act_pick_place' version 1: RuntimeError: weights missing (in load_model)`,
    );
  }, 120_000);

  it("a KIND_GPU repository without a GPU: the instance group's line and the --device cpu hint, exit 1", async () => {
    const stderr = await refused([repository]);
    const line = readFileSync(config, "utf8").split("\n").indexOf("instance_group {") + 1;
    expect(stderr).toContain(
      `${repository}/act_pick_place/config.pbtxt:${line}: error SERVE-MODEL-LOAD: failed to load 'act_pick_place' version 1: instance group act_pick_place_0 of model act_pick_place specifies invalid or unsupported gpu id 0`,
    );
    expect(stderr).toContain("hint: this Triton sees no usable GPU: run gen-repo serve with --device cpu");
  }, 120_000);

  it("a port in use: Triton's error and a hint, exit 1", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen({ host: "127.0.0.1", port: 0 }, r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const stderr = await refused([repository, "--device", "cpu", "--http-port", String(port)]);
      expect(stderr).toContain("error SERVE-SERVER: failed to start HTTP service");
      expect(stderr).toContain("hint: another process listens on that port");
    } finally {
      blocker.close();
    }
  }, 120_000);

  it("--device cpu serves a GPU repository from a linked copy, leaves the user's files alone and removes the copy", async () => {
    const before = readFileSync(config, "utf8");
    const grpcPort = await freePort();
    // The client starts first and waits: a refused connection is "not ready yet", not an error.
    const client = runClientPython(
      [
        join(gpuDeploy, "scripts", "inference_client.py"),
        "--url",
        `127.0.0.1:${grpcPort}`,
        "--wait",
        "90",
        "--steps",
        "2",
      ],
      { timeoutMs: 120_000 },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const start = await startServe([repository, "--device", "cpu", "--grpc-port", String(grpcPort)]);
    if (!start.ok) throw new Error(start.stderr.slice(-4000));
    try {
      const copy = /serving a copy with KIND_GPU instance groups as KIND_CPU \(act_pick_place\) from (\S+)/.exec(
        start.served.stdout(),
      )?.[1];
      expect(copy).toBeDefined();
      expect(readFileSync(join(copy as string, "act_pick_place", "config.pbtxt"), "utf8")).toContain("kind: KIND_CPU");
      const run = await client;
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n").filter(Boolean)).toEqual([
        "episode 0 step 0: action__0 [1, 8]",
        "episode 0 step 1: action__0 [1, 8]",
      ]);
      expect(run.code).toBe(0);
      expect(await start.served.stop()).toBe(0);
      expect(existsSync(copy as string)).toBe(false);
      expect(readFileSync(config, "utf8")).toBe(before);
      expect(readdirSync(join(repository, "act_pick_place")).sort()).toEqual(["1", "config.pbtxt"]);
    } finally {
      await start.served.stop();
    }
  }, 180_000);

  it("a model.py with \\r line ends and a config with \\r\\n: Triton loads them, and validate says what it says of \\n", async () => {
    // Python reads source with universal newlines, protobuf reads \r as a space: validate must agree (PY-*, TR-8).
    const repo = broken("line-ends", "1/model.py", (t) => t.replace(/\n/g, "\r"));
    const configFile = join(repo, "act_pick_place", "config.pbtxt");
    writeFileSync(configFile, readFileSync(configFile, "utf8").replace(/\n/g, "\r\n"));
    const json = (root: string) => {
      const r = runBinary(["validate", ".", "--gpus", "none", "--format", "json"], { cwd: root });
      return { code: r.code, diagnostics: JSON.parse(r.stdout).diagnostics };
    };
    const plain = json(repository);
    expect(json(repo)).toEqual(plain);
    const start = await startServe([repo, "--device", "cpu"]);
    if (!start.ok) throw new Error(start.stderr.slice(-4000));
    try {
      expect(start.served.stdout()).toContain("act_pick_place");
    } finally {
      expect(await start.served.stop()).toBe(0);
    }
  }, 120_000);

  it("Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops Triton cleanly, exit 0", async () => {
    const start = await startServe([repository, "--device", "cpu"], { ownProcessGroup: true });
    if (!start.ok) throw new Error(start.stderr.slice(-4000));
    const pid = start.served.child.pid as number;
    const exited = new Promise<number | null>((r) => start.served.child.on("close", (code) => r(code)));
    try {
      process.kill(-pid, "SIGINT");
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 40_000))]);
      expect(code).toBe(0);
      expect(start.served.stdout()).toContain("Triton stopped (0)");
      expect(start.served.stderr()).toContain("successfully unloaded 'act_pick_place'");
    } finally {
      await start.served.stop();
    }
  }, 90_000);

  it("the client gives up after --wait on a server that never comes, exit 1, no traceback", async () => {
    const port = await freePort();
    const began = Date.now();
    const run = await runClientPython(
      [join(gpuDeploy, "scripts", "inference_client.py"), "--url", `127.0.0.1:${port}`, "--wait", "2"],
      { timeoutMs: 60_000 },
    );
    expect(run.stdout.trim()).toBe(`model act_pick_place is not ready at 127.0.0.1:${port} (grpc) after 2.0 s`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(Date.now() - began).toBeLessThan(30_000);
  }, 60_000);
});
