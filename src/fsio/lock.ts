import { hostname } from "node:os";
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { errnoCode } from "./errors.js";
import { isProcessAlive } from "./process-alive.js";
import { sleepSync } from "./sleep.js";

/**
 * An exclusive lock between processes, as a file created with O_EXCL (atomic
 * on every local file system and on NFSv3 and later). The file holds the
 * owner's pid and host name, so a lock left by a killed process on this
 * machine is recognised (its pid is gone) and broken; a lock held by a live
 * process is waited for, up to `waitMs`, then refused with `LockBusyError`.
 */

const BRAND = Symbol.for("triton-repo.LockBusyError");

export class LockBusyError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly lockPath: string,
    readonly owner: string,
  ) {
    super(`another process (${owner}) holds ${lockPath}`);
    this.name = "LockBusyError";
  }
}

export function isLockBusy(error: unknown): error is LockBusyError {
  return typeof error === "object" && error !== null && BRAND in error;
}

export interface Lock {
  release(): void;
}

function readOwner(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether the owner text names a process of this host that no longer runs. */
function isStale(owner: string): boolean {
  const [pid, host] = owner.trim().split(" ");
  return host === hostname() && !isProcessAlive(Number(pid));
}

/**
 * Breaks a stale lock by renaming it away (only one breaker can rename a
 * given file). If what was renamed is not the stale lock that was read (a
 * new owner took the lock in between), it is put back.
 */
function breakStale(path: string, owner: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readOwner(aside) !== owner) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else holds the lock by now: theirs stands.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error: unknown) {
    if (errnoCode(error) === "EEXIST") return false;
    throw error;
  }
  try {
    writeFileSync(fd, `${process.pid} ${hostname()}\n`);
    fsyncSync(fd);
  } catch (error: unknown) {
    // An empty lock left here (a full disk) would make every later run wait for it.
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // Gone already.
    }
    throw error;
  }
  closeSync(fd);
  return true;
}

/** Takes the lock at `path`, waiting up to `waitMs` for a live owner; throws LockBusyError after that. */
export function acquireLock(path: string, waitMs: number): Lock {
  const deadline = Date.now() + waitMs;
  let owner = "";
  for (let attempt = 0; ; attempt += 1) {
    if (tryCreate(path)) break;
    owner = readOwner(path) ?? "";
    // An empty lock is one whose owner died between creating and filling it, once it is a few seconds old.
    const stale = owner === "" ? olderThan(path, 5000) : isStale(owner);
    if (stale && attempt < 20) {
      breakStale(path, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const [pid, host] = owner.trim().split(" ");
      throw new LockBusyError(path, pid ? `pid ${pid}${host && host !== hostname() ? ` on ${host}` : ""}` : "unknown");
    }
    sleepSync(Math.min(50 + attempt * 10, 250));
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {
        // Removed by hand meanwhile: nothing to release.
      }
    },
  };
}
