import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const created: string[] = [];
let cleanupRegistered = false;

/** A fresh directory under the system temp dir, removed when the process exits. */
export function benchTempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `triton-bench-${purpose}-`));
  created.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on("exit", () => {
      for (const path of created) rmSync(path, { recursive: true, force: true });
    });
  }
  return dir;
}
