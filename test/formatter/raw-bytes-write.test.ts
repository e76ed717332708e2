/**
 * A string that holds bytes which are not UTF-8 is kept by protoc as those
 * bytes; `fmt --write` must write them back as they were, not as U+FFFD.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("fmt --write keeps raw bytes that are not UTF-8, in strings and comments", async () => {
  dir = mkdtempSync(join(tmpdir(), "fmt-raw-"));
  const file = join(dir, "config.pbtxt");
  const before = Buffer.concat([
    Buffer.from('name: "a'),
    Buffer.from([0xff, 0xc3]),
    Buffer.from('b"\nmax_batch_size:   4  # caf'),
    Buffer.from([0xe9]),
    Buffer.from("\n"),
  ]);
  writeFileSync(file, before);
  const run = await runInProcess(["fmt", "--write", file]);
  expect(run.code).toBe(0);
  const after = readFileSync(file);
  expect(after.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
  expect(
    after.includes(Buffer.concat([Buffer.from('"a'), Buffer.from([0xff, 0xc3]), Buffer.from('b"')])) ||
      after.includes(Buffer.from('"a\\377\\303b"')),
  ).toBe(true);
  expect(after.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe(true);
  expect(after.toString("latin1")).toContain("max_batch_size: 4");
});
