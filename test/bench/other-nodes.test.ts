/**
 * Which other Nodes the bench times validate under: the ones listed in
 * TRITON_REPO_BENCH_NODES that run, without the bench's own Node (measured
 * anyway), each with the version it reports.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { otherNodes } from "../../bench/support/other-nodes.js";

const saved = process.env.TRITON_REPO_BENCH_NODES;
const folders: string[] = [];

afterEach(() => {
  if (saved === undefined) delete process.env.TRITON_REPO_BENCH_NODES;
  else process.env.TRITON_REPO_BENCH_NODES = saved;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A stand-in binary that answers --version with `version`. */
function fakeNode(version: string): string {
  const folder = mkdtempSync(join(tmpdir(), "bench-node-"));
  folders.push(folder);
  const path = join(folder, "node");
  writeFileSync(path, `#!/bin/sh\necho ${version}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(process.platform === "win32")("otherNodes", () => {
  it("keeps the listed Nodes that run, not the bench's own, in the order given", () => {
    const newer = fakeNode("v99.1.0");
    const older = fakeNode("v21.0.0");
    process.env.TRITON_REPO_BENCH_NODES = [newer, process.execPath, "/no/such/node", older].join(delimiter);
    expect(otherNodes()).toEqual([
      { path: newer, version: "v99.1.0" },
      { path: older, version: "v21.0.0" },
    ]);
  });

  it("an empty list means none (not the fetched ones)", () => {
    process.env.TRITON_REPO_BENCH_NODES = "";
    expect(otherNodes()).toEqual([]);
  });
});
