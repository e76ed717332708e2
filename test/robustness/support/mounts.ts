import { spawnSync } from "node:child_process";
import { mkdtempSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Real file-system conditions for the robustness suite, where the machine
 * allows them (root in a container that may mount): a small tmpfs for a full
 * disk and a second file system, and a read-only bind mount for a folder
 * even root cannot write. `mountsAvailable()` says whether they work here;
 * tests fall back to injected faults or permissions otherwise.
 */

function mount(args: string[]): boolean {
  return spawnSync("mount", args, { stdio: "ignore", timeout: 10_000 }).status === 0;
}

let available: boolean | undefined;

/** Whether `mount -t tmpfs` works here (tried once). */
export function mountsAvailable(): boolean {
  if (available !== undefined) return available;
  const probe = mkdtempSync(join(tmpdir(), "gen-mount-probe-"));
  available = mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]);
  if (available) unmount(probe);
  rmdirSync(probe);
  return available;
}

/** Mounts a tmpfs of `bytes` at `dir` (an existing empty folder). */
export function mountTmpfs(dir: string, bytes: number): void {
  if (!mount(["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir])) throw new Error(`cannot mount a tmpfs at ${dir}`);
}

/** Makes `dir` read-only for everyone, root included (a read-only bind mount of itself). */
export function bindReadOnly(dir: string): void {
  if (!mount(["--bind", dir, dir]) || !mount(["-o", "remount,bind,ro", dir]))
    throw new Error(`cannot make ${dir} read-only`);
}

/** Unmounts `dir`; lazily, so a test that failed half-way still leaves nothing mounted. */
export function unmount(dir: string): void {
  spawnSync("umount", ["-l", dir], { stdio: "ignore", timeout: 10_000 });
}
