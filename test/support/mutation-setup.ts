import { chmodSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

/**
 * Under mutation testing (vitest.mutate.config.ts) every surviving mutant
 * reruns the properties that reached it: fewer runs per property keep a
 * run of thousands of mutants within hours. A property with its own numRuns
 * keeps it. One fixed seed (or FC_SEED): a mutant's verdict must not depend on
 * the draw, or an incremental rerun would flip it.
 */
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 25, seed: Number(process.env.FC_SEED ?? 20261204) });

/**
 * Stryker's sandbox folders are private (0700); the suites that run the CLI as
 * an unprivileged user when they run as root (CI) need to pass through them.
 */
if (process.getuid?.() === 0) {
  for (let dir = process.cwd(); basename(dir) !== "" && dir !== dirname(dir); dir = dirname(dir)) {
    chmodSync(dir, statSync(dir).mode | 0o055);
    if (basename(dir) === ".stryker-tmp") break;
  }
}

/**
 * protoc's answers remembered across mutants (test/support/oracle-memo.ts):
 * a survivor reruns thousands of protoc calls on inputs the mutant did not
 * change. Beside the mutation reports, so `rm -r reports/mutation` forgets them.
 */
process.env.TRITON_REPO_ORACLE_MEMO ??= join(
  fileURLToPath(new URL("../..", import.meta.url)),
  "reports",
  "mutation",
  "oracle-memo",
);
