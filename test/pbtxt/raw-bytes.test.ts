// String fields that hold bytes which are not UTF-8 (see src/pbtxt/utf8.ts):
// any bytes survive text → value → text, the JSON mapping and Python's
// reading of that JSON, with protoc and Python as the oracles for the bytes.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromProtoJSON, toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { decodeUtf8Bytes, encodeUtf8Text } from "../../src/pbtxt/utf8.js";
import { encodeConfig } from "../../src/wire/binary.js";
import { protocAvailable, pythonProtobufAvailable } from "../support/oracles.js";
import { protocEncodeAll } from "./support/protoc-batch.js";

const SEED = 10;
/** Bytes biased towards what is not UTF-8: lone lead and continuation bytes, truncated and overlong forms. */
const anyBytes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
      fc.constantFrom(
        [0xc3, 0xa9],
        [0xe6, 0xa8, 0xa1],
        [0xf0, 0x9f, 0xa4, 0x96],
        [0xed, 0xa0, 0x80],
        [0xc0, 0x80],
        [0xef, 0xbb, 0xbf],
        [0xf4, 0x90, 0x80, 0x80],
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** The field `name` (1) of a ModelConfig as protoc encodes it, when it is the only field. */
function nameBytes(wire: Buffer): Buffer {
  if (wire.length === 0) return Buffer.alloc(0);
  expect(wire[0]).toBe(0x0a);
  let length = 0;
  let shift = 0;
  let i = 1;
  for (;;) {
    const b = wire[i++] as number;
    length |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  return wire.subarray(i, i + length);
}

describe("bytes that are not UTF-8 in memory", () => {
  it("decoding keeps every byte: encoding the text gives the bytes back", () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        expect(Buffer.from(encodeUtf8Text(decodeUtf8Bytes(bytes))).equals(Buffer.from(bytes))).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("well-formed UTF-8 decodes as the platform decodes it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 10 }), (text) => {
        expect(decodeUtf8Bytes(Buffer.from(text, "utf8"))).toBe(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("the JSON mapping carries them and reads them back", () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const value = { name: decodeUtf8Bytes(bytes) };
        const back = fromProtoJSON(JSON.parse(JSON.stringify(toProtoJSON(value))));
        expect(back.diagnostics).toEqual([]);
        const name = (back.value.name ?? "") as string;
        expect(Buffer.from(encodeUtf8Text(name)).toString("hex")).toBe(Buffer.from(bytes).toString("hex"));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe.runIf(protocAvailable())("bytes that are not UTF-8, against protoc", () => {
  it("raw in the file: we read what protoc reads, print text protoc reads to the same bytes, encode protoc's bytes, and warn exactly when they are not UTF-8", async () => {
    const contents = fc.sample(
      anyBytes.filter((b) => !b.includes(0x0a) && !b.includes(0x22) && !b.includes(0x5c) && !b.includes(0)),
      { seed: SEED, numRuns: 80 },
    );
    const inputs = contents.map((b) => Buffer.concat([Buffer.from('name: "'), b, Buffer.from('"\n')]));
    const printed = inputs.map((input) => printConfig(parseConfig(input).value));
    const [theirs, reread] = [await protocEncodeAll(inputs), await protocEncodeAll(printed.map((p) => Buffer.from(p)))];
    contents.forEach((bytes, i) => {
      const t = theirs[i];
      const r = reread[i];
      expect(t?.ok && r?.ok, printed[i]).toBe(true);
      expect(nameBytes(t?.bytes as Buffer).equals(Buffer.from(bytes))).toBe(true);
      expect(nameBytes(r?.bytes as Buffer).toString("hex"), printed[i]).toBe(Buffer.from(bytes).toString("hex"));
      // The wire encoder writes the bytes protoc writes, too.
      expect(Buffer.from(encodeConfig({ name: decodeUtf8Bytes(bytes) })).toString("hex")).toBe(
        (t?.bytes as Buffer).toString("hex"),
      );
      const warned = parseConfig(inputs[i] as Buffer).diagnostics.some((d) => d.code === "PB-UTF8");
      expect(warned, printed[i]).toBe((t?.stderr ?? "").includes("invalid UTF-8"));
    });
  }, 60_000);
});

describe.runIf(pythonProtobufAvailable())("bytes that are not UTF-8, through Python", () => {
  it("Python reads our JSON mapping to the same bytes (json plus surrogateescape)", () => {
    const contents = fc.sample(anyBytes, { seed: SEED, numRuns: 200 });
    const lines = contents.map((b) => JSON.stringify(toProtoJSON({ name: decodeUtf8Bytes(b) }))).join("\n");
    const script =
      "import json,sys\nfor line in sys.stdin.read().split('\\n'):\n  print(json.loads(line).get('name','').encode('utf-8','surrogateescape').hex())";
    const r = spawnSync("/usr/bin/python3", ["-c", script], { input: lines });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString().replace(/\n$/, "").split("\n")).toEqual(
      contents.map((b) => Buffer.from(b).toString("hex")),
    );
  });
});
