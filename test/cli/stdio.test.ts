/**
 * How the real CLI (bin/gen-repo.js) writes its output, whatever is on the
 * other end: a pipe whose reader stops early ends the run quietly; output far
 * larger than a pipe holds arrives whole, also through a non-blocking pipe
 * whose reader is slow; a terminal gets colours and a pipe does not. The
 * reader on the other end (Node's streams, Python's os.read, util-linux's
 * `script` for a terminal) is the oracle, not our writer.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isatty } from "node:tty";
import { afterAll, describe, expect, it } from "vitest";
import { isTerminal } from "../../src/cli/io.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "gen-repo.js");
const work = mkdtempSync(join(tmpdir(), "triton-stdio-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A valid config of `inputs` inputs: its printed form is far larger than a pipe's 64 KiB. */
function largeConfig(inputs: number): string {
  const lines = ['name: "big"', 'backend: "python"', "max_batch_size: 8"];
  for (let i = 0; i < inputs; i++)
    lines.push(`input { name: "INPUT_${i}" data_type: TYPE_FP32 dims: [ 3, 224, 224 ] }`);
  lines.push('output { name: "OUT" data_type: TYPE_FP32 dims: [ 1 ] }');
  return `${lines.join("\n")}\n`;
}

const bigFile = join(work, "big.pbtxt");
const bigText = largeConfig(20_000);
writeFileSync(bigFile, bigText);
const expected = (() => {
  const parsed = parseConfig(bigText);
  if (!parsed.ok) throw new Error("the large config does not parse");
  return printConfig(parsed.value);
})();

describe("gen-repo output", () => {
  it("is printed whole when it is far larger than a pipe holds", () => {
    const run = spawnSync(process.execPath, [BIN, "print", bigFile], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(1_000_000);
    expect(run.stdout).toBe(expected);
  });

  it("ends quietly, with its own exit code, when the reader closes the pipe early", async () => {
    const child = spawn(process.execPath, [BIN, "print", bigFile], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // Like `| head -c 100`: the first chunk, then the read end is closed.
    child.stdout.once("data", () => child.stdout.destroy());
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.on("close", (c, s) => done([c, s])),
    );
    clearTimeout(killer);
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: "" });
  });

  // The kernel's /dev/full refuses every write with ENOSPC, like a full disk behind a redirect.
  it.skipIf(!existsSync("/dev/full"))("says once that it cannot write to a full disk, and exits 2", () => {
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, [BIN, "print", bigFile], {
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
        timeout: 30_000,
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 2,
        stderr: "gen-repo: cannot write output: ENOSPC (no space left on the device)\n",
      });
    } finally {
      closeSync(full);
    }
  });

  // Python holds the read end and sets the write end non-blocking before the CLI inherits it, then reads slowly:
  // every write that finds the pipe full gets EAGAIN, and the output must still arrive whole.
  it.skipIf(spawnSync("python3", ["--version"]).status !== 0)(
    "arrives whole through a non-blocking pipe whose reader is slow",
    () => {
      const script = [
        "import fcntl, os, subprocess, sys, time",
        "r, w = os.pipe()",
        "fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)",
        "child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)",
        "os.close(w)",
        "time.sleep(0.3)",
        "chunks = []",
        "deadline = time.time() + 30",
        "while time.time() < deadline:",
        "    chunk = os.read(r, 4096)",
        "    if not chunk: break",
        "    chunks.append(chunk)",
        "    time.sleep(0.0005)",
        "code = child.wait(timeout=30)",
        "sys.stderr.write(child.stderr.read().decode())",
        "sys.stdout.buffer.write(b''.join(chunks))",
        "sys.exit(code)",
      ].join("\n");
      const run = spawnSync("python3", ["-c", script, process.execPath, BIN, "print", bigFile], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        timeout: 90_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(expected);
    },
    100_000,
  );
});

describe.skipIf(spawnSync("script", ["--version"]).status !== 0)("colours", () => {
  const repo = join(work, "repo");
  mkdirSync(join(repo, "m"), { recursive: true });
  writeFileSync(join(repo, "m", "config.pbtxt"), 'name: "m"\nbackend: "python"\nmax_batch_size: -1\n');

  it("a terminal gets them, a pipe does not", () => {
    // util-linux's script gives the CLI a pseudo-terminal as stdout.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate ${JSON.stringify(repo)}`;
    const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, TERM: "xterm" };
    const terminal = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env, timeout: 30_000 });
    const pipe = spawnSync(process.execPath, [BIN, "validate", repo], { encoding: "utf8", env, timeout: 30_000 });
    expect(terminal.stdout).toContain("\u001b[");
    expect(terminal.stdout).toContain("m/config.pbtxt");
    expect(pipe.stdout).toContain("m/config.pbtxt");
    expect(pipe.stdout).not.toContain("\u001b[");
  });
});

describe("isTerminal", () => {
  // Node's own tty.isatty is the oracle; the pseudo-terminal's master side (/dev/ptmx) is a terminal.
  const devices = ["/dev/null", "/dev/zero", "/dev/ptmx"].filter((path) => existsSync(path));

  it.skipIf(process.platform === "win32")(
    "says what tty.isatty says of files, null, other devices and a terminal",
    () => {
      const file = join(work, "plain.txt");
      writeFileSync(file, "x");
      const seen: Record<string, boolean> = {};
      for (const path of [file, ...devices]) {
        const fd = openSync(path, "r+");
        try {
          expect(isTerminal(fd), path).toBe(isatty(fd));
          seen[path] = isatty(fd);
        } finally {
          closeSync(fd);
        }
      }
      if (devices.includes("/dev/ptmx")) expect(seen["/dev/ptmx"]).toBe(true);
      expect(seen[file]).toBe(false);
      expect(isTerminal(987_654)).toBe(false);
    },
  );

  it.skipIf(!existsSync("/dev/null"))("does not load Node's tty module for output sent to /dev/null", () => {
    const repo = join(work, "null-repo");
    mkdirSync(join(repo, "m"), { recursive: true });
    writeFileSync(join(repo, "m", "config.pbtxt"), 'name: "m"\nbackend: "python"\nmax_batch_size: -1\n');
    // Loaded before the CLI: at exit, the built-in modules the run loaded that only a terminal needs.
    const probe = join(work, "loaded-modules.cjs");
    writeFileSync(
      probe,
      'process.on("exit", () => require("node:fs").writeSync(2, JSON.stringify(process.moduleLoadList' +
        ".filter((m) => /^NativeModule (tty|net)$/.test(m)))));\n",
    );
    const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined };
    const nul = openSync("/dev/null", "w");
    try {
      const run = spawnSync(process.execPath, ["--require", probe, BIN, "validate", repo], {
        stdio: ["ignore", nul, "pipe"],
        encoding: "utf8",
        env,
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(JSON.parse(run.stderr.slice(run.stderr.lastIndexOf("[")))).toEqual([]);
    } finally {
      closeSync(nul);
    }
  });
});
