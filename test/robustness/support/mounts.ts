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

const MOUNTS_MISSING =
  "mount -t tmpfs is not permitted here (it needs root with CAP_SYS_ADMIN, e.g. docker run --privileged)";

/**
 * For `it.skipIf`: true (with one line saying why) when mounts are missing
 * outside CI. Under CI=true it is false, so the test runs and `requireMounts`
 * fails it with the reason: CI skips nothing silently.
 */
export function skipWithoutMounts(what: string): boolean {
  if (mountsAvailable() || process.env.CI === "true") return false;
  console.warn(`skipping ${what}: ${MOUNTS_MISSING}`);
  return true;
}

/** First line of a test that needs mounts: fails it, naming the reason, when they are missing. */
export function requireMounts(what: string): void {
  if (!mountsAvailable()) throw new Error(`${what} needs mounts, and ${MOUNTS_MISSING}`);
}
