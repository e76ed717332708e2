/**
 * What `launchTriton` reports when the server ends before it is ready: the
 * whole log, up to Triton's last line (the one that says why), and an answer
 * in bounded time even when a child of the server still holds its output
 * open. The "server" is a shell script standing in for tritonserver: the
 * oracle is the text the script wrote, not the code under test.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchTriton } from "../../src/serve/launch.js";

const dir = mkdtempSync(join(tmpdir(), "launch-exit-"));
const sleepers: number[] = [];

afterAll(() => {
  for (const pid of sleepers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function fakeServer(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const install = (tritonserver: string) => ({ tritonserver, backendDirectory: dir, source: "--triton" as const });

describe("launchTriton, a server that ends", () => {
  it("keeps everything the server and its children wrote, up to the last line", async () => {
    // 400 KB of log in one `cat`, far more than a pipe holds, an immediate exit, and a child's line a moment later.
    const flood = join(dir, "flood-early.log");
    const lastLine = "E1205 pb_stub.cc:2] Non-graceful termination detected.";
    writeFileSync(
      flood,
      Array.from({ length: 4000 }, (_, i) => `I1205 model_lifecycle.cc:${i}] ${"y".repeat(90)}\n`).join(""),
    );
    const server = fakeServer(
      "tritonserver-noisy",
      `cat '${flood}' >&2\n(sleep 0.3; echo '${lastLine}' >&2) &\nexit 7`,
    );
    const result = await launchTriton({ repositories: [dir], install: install(server), readyTimeoutMs: 20_000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exitCode).toBe(7);
    expect(result.reason).toContain("exited (7)");
    const lines = result.log.trimEnd().split("\n");
    expect(lines).toHaveLength(4001);
    expect(lines.at(-1)).toBe(lastLine);
  });

  it("a server that dies while serving: `exited` resolves after its last words are in the log", async () => {
    // Answers one readiness probe (a node one-liner in the foreground), floods its log in one `cat` and dies at
    // once, as a crashing server does; its child writes the last line a moment later, as a Python stub reports
    // "Non-graceful termination" after its server is gone. (The flood is cat's: node's own process.exit cuts a
    // pending write to a pipe short.)
    const flood = join(dir, "flood.log");
    const lastLine = "E1205 pb_stub.cc:2] Non-graceful termination detected.";
    const floodLines = Array.from({ length: 4000 }, (_, i) => `I1205 pb_stub.cc:${i}] ${"x".repeat(90)}`);
    writeFileSync(flood, `${floodLines.join("\n")}\n`);
    const answerOnce =
      'const s=require("node:http").createServer((q,r)=>{r.end("");s.close()});s.listen(Number(process.argv[1]),"127.0.0.1")';
    const server = fakeServer(
      "tritonserver-dies",
      `for a in "$@"; do case "$a" in --http-port=*) port="\${a#--http-port=}";; esac; done
'${process.execPath}' -e '${answerOnce}' "$port" </dev/null >/dev/null 2>&1
cat '${flood}' >&2
(sleep 0.3; echo '${lastLine}' >&2) &
exit 9`,
    );
    const result = await launchTriton({ repositories: [dir], install: install(server), readyTimeoutMs: 20_000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await result.triton.exited).toBe(9);
    const lines = result.triton.log().trimEnd().split("\n");
    expect(lines).toHaveLength(4001);
    expect(lines.at(-1)).toBe(lastLine);
  });

  it("answers in bounded time when a child of the server keeps its output open", async () => {
    const pidFile = join(dir, "sleeper.pid");
    const server = fakeServer(
      "tritonserver-orphan",
      `sleep 60 & echo $! > '${pidFile}'\necho 'E1205 server.cc:1] the reason' >&2\nexit 3`,
    );
    const started = Date.now();
    const result = await launchTriton({ repositories: [dir], install: install(server), readyTimeoutMs: 30_000 });
    const { readFileSync } = await import("node:fs");
    sleepers.push(Number(readFileSync(pidFile, "utf8").trim()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exitCode).toBe(3);
    expect(result.log).toContain("E1205 server.cc:1] the reason");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
