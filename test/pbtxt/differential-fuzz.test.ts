// Differential fuzzing against protoc: seeded, bounded inputs near the edges
// where readers part ways (see support/edge-arbitraries.ts), alone, spliced
// into printed random configs, and as random byte edits of printed configs.
// For each input protoc and we agree on accept or refuse, on the first error's
// line, byte column and message, and on the bytes of what was read (our value
// printed and read by protoc gives protoc's bytes). protoc runs a few
// processes at a time, so the whole run takes seconds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printConfig } from "../../src/pbtxt/printer.js";
import { configArbitrary } from "../support/arbitrary-config.js";
import { protocAvailable } from "../support/oracles.js";
import { edgeInput, type Piece, toBytes } from "./support/edge-arbitraries.js";
import { disagreementsWithProtoc } from "./support/protoc-batch.js";

const SEED = 41_000;
const COUNT = 360;

/** Bytes that matter to the tokenizer, including ones that are not text. */
const byteEdit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 2 }),
  insert: fc.array(
    fc.constantFrom(
      0x00,
      0x01,
      0x09,
      0x0a,
      0x22,
      0x27,
      0x5c,
      0x23,
      0x2e,
      0x35,
      0x5b,
      0x5d,
      0x2d,
      0x78,
      0x30,
      0xc3,
      0xa9,
      0xef,
      0xbb,
      0xbf,
      0xff,
      0x80,
    ),
    { maxLength: 3 },
  ),
});

function splice(base: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const i = base.length === 0 ? 0 : at % (base.length + 1);
  return Buffer.concat([base.subarray(0, i), insert, base.subarray(Math.min(base.length, i + remove))]);
}

const input: fc.Arbitrary<Uint8Array> = fc.oneof(
  edgeInput.map(toBytes),
  fc.record({ config: configArbitrary(), edge: edgeInput, line: fc.nat() }).map(({ config, edge, line }) => {
    // An edge case as a field of its own, between two fields of a real config.
    const lines = printConfig(config).split(/(?<=\n)/);
    const at = lines.length === 0 ? 0 : line % (lines.length + 1);
    const pieces: Piece[] = [lines.slice(0, at).join(""), ...edge, lines.slice(at).join("")];
    return toBytes(pieces);
  }),
  fc
    .record({ config: configArbitrary(), edits: fc.array(byteEdit, { minLength: 1, maxLength: 3 }) })
    .map(({ config, edits }) =>
      edits.reduce(
        (bytes, e) => splice(bytes, e.at, e.remove, Uint8Array.from(e.insert)),
        Buffer.from(printConfig(config), "utf8") as Uint8Array,
      ),
    ),
);

describe.runIf(protocAvailable())("differential fuzzing against protoc", () => {
  it(`${COUNT} seeded inputs near the edges: same verdict, first error and bytes as protoc`, async () => {
    const inputs = fc.sample(input, { seed: SEED, numRuns: COUNT });
    expect(await disagreementsWithProtoc(inputs)).toEqual([]);
  }, 120_000);
});
