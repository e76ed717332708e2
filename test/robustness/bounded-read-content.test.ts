// readBounded fills one shared buffer and copies out what it read: the bytes
// returned must be the file's, across chunks, and must stay the same after
// later reads reuse that buffer. The oracle is the bytes written to disk.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBounded } from "../../src/fsio/bounded-read.js";

const root = mkdtempSync(join(tmpdir(), "bounded-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `size` bytes that differ from chunk to chunk (a chunk is 64 KiB). */
function pattern(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed + (i >> 16)) & 0xff;
  return bytes;
}

function bytesOf(path: string): Buffer {
  const read = readBounded(path);
  if (!("bytes" in read)) throw new Error(`refused: ${JSON.stringify(read.refused)}`);
  return read.bytes;
}

describe("readBounded's bytes", () => {
  it("are the file's, for files of one chunk, several chunks and a chunk boundary", () => {
    for (const size of [0, 1, 4096, 65_535, 65_536, 65_537, 200_000]) {
      const path = join(root, `f-${size}`);
      const written = pattern(size, size);
      writeFileSync(path, written);
      expect(bytesOf(path).equals(written)).toBe(true);
    }
  });

  it("do not change when the next read reuses the buffer", () => {
    const first = join(root, "first");
    const second = join(root, "second");
    writeFileSync(first, "first file\n");
    writeFileSync(second, "SECOND FILE, longer than the first\n");
    const a = bytesOf(first);
    const b = bytesOf(second);
    expect(a.toString("utf8")).toBe("first file\n");
    expect(b.toString("utf8")).toBe("SECOND FILE, longer than the first\n");
  });
});
