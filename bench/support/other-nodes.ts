import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { PROJECT_ROOT } from "./paths.js";

/**
 * Node binaries besides the one running the bench, to time the whole-process
 * figures under them too. Node's own start differs by more than half between
 * majors on one machine (here a bare `node -e ""` takes 58 ms on Node 20.20
 * and 22 ms on Node 22.23), and a pre-commit hook runs under whatever Node
 * its user has: a figure measured under one Node says little about another.
 *
 * From TRITON_REPO_BENCH_NODES (paths joined by the platform's delimiter),
 * else the official builds `npm run bench:nodes` put in OTHER_NODES_DIR.
 */
export const OTHER_NODES_DIR = join(PROJECT_ROOT, ".bench-nodes");

export interface OtherNode {
  path: string;
  version: string;
}

export function otherNodes(): OtherNode[] {
  const listed = process.env.TRITON_REPO_BENCH_NODES;
  const paths =
    listed !== undefined
      ? listed.split(delimiter).filter((path) => path !== "")
      : existsSync(OTHER_NODES_DIR)
        ? readdirSync(OTHER_NODES_DIR)
            .sort()
            .map((name) => join(OTHER_NODES_DIR, name, "bin", "node"))
            .filter((path) => existsSync(path))
        : [];
  const nodes: OtherNode[] = [];
  for (const path of paths) {
    const run = spawnSync(path, ["--version"], { encoding: "utf8" });
    const version = run.status === 0 ? run.stdout.trim() : undefined;
    // The bench's own Node is measured anyway; a binary that does not run is left out with a line.
    if (version === undefined) process.stderr.write(`bench: ${path} does not run (--version failed): left out\n`);
    else if (version !== process.version) nodes.push({ path, version });
  }
  return nodes;
}
