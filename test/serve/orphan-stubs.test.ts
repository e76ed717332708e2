/**
 * A stub whose tritonserver is gone is ended; a stub of another repository,
 * or one whose server still runs, is not. The "stub" here is a copy of
 * `tail` under the stub's name, following the model.py path as Triton's stub
 * takes it (argv[1]), left re-parented to init by a shell that exits. The
 * oracle is /proc, not the code under test.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { endOrphanStubs } from "../../src/serve/orphan-stubs.js";

const linux = existsSync("/proc/self/status") && existsSync("/usr/bin/tail");
const dir = mkdtempSync(join(tmpdir(), "orphan-stubs-"));
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    return !/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Starts a fake stub for `repository`'s model, detached from us (its parent exits at once). */
function orphanedStub(repository: string): number {
  const model = join(repository, "m", "1", "model.py");
  mkdirSync(join(repository, "m", "1"), { recursive: true });
  writeFileSync(model, "");
  const stub = join(dir, "triton_python_backend_stub");
  if (!existsSync(stub)) copyFileSync("/usr/bin/tail", stub);
  spawnSync("chmod", ["+x", stub]);
  const r = spawnSync("sh", ["-c", `"$0" "$1" -f >/dev/null 2>&1 & echo $!`, stub, model], { encoding: "utf8" });
  const pid = Number(r.stdout.trim());
  started.push(pid);
  return pid;
}

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone, as it should be.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!linux)("ending the stubs a dead tritonserver left behind", () => {
  it("ends the orphaned stubs of the given repositories and no others", async () => {
    const ours = orphanedStub(join(dir, "repo"));
    const theirs = orphanedStub(join(dir, "repo-other"));
    expect(alive(ours) && alive(theirs)).toBe(true);
    endOrphanStubs([join(dir, "repo")]);
    for (let i = 0; i < 20 && alive(ours); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(ours)).toBe(false);
    // A neighbouring folder whose name starts the same is another repository.
    expect(alive(theirs)).toBe(true);
  });
});
