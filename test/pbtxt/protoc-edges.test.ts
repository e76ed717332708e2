// Properties with protoc as the oracle, one per class of input where a reader
// can part ways with protoc: for each input drawn, protoc and we accept or
// refuse alike, with the same first error (line, byte column, message), and
// what we accept we print as text that protoc reads to the bytes it read from
// the input, with a PB-UTF8 warning exactly when protoc logs invalid UTF-8.
// Draws are seeded, so a failure names inputs that fail again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { protocAvailable } from "../support/oracles.js";
import {
  controlBytes,
  floatField,
  namesAndSymbols,
  type Piece,
  setTwice,
  stringField,
  toBytes,
} from "./support/edge-arbitraries.js";
import { disagreementsWithProtoc } from "./support/protoc-batch.js";

const SEED = 20261204;

function draw(arbitrary: fc.Arbitrary<Piece[]>, count: number, seed = SEED): Uint8Array[] {
  return fc.sample(arbitrary, { seed, numRuns: count }).map(toBytes);
}

const CLASSES: [name: string, arbitrary: fc.Arbitrary<Piece[]>, count: number][] = [
  ["a singular field set twice, from zero or from another value, for every scalar kind", setTwice, 120],
  ["NUL and control bytes in strings, in comments and between tokens", controlBytes, 60],
  ["strings with U+FEFF, escapes and bytes that are not UTF-8, raw or escaped", stringField, 150],
  ["float literals near FLT_MAX, the halfway point to 2^128 and the subnormals", floatField, 120],
  ["extension names, foo.5, long names and characters outside ASCII where no string is", namesAndSymbols, 100],
];

describe.runIf(protocAvailable())("the reader and printer agree with protoc", () => {
  for (const [name, arbitrary, count] of CLASSES) {
    it(name, async () => {
      expect(await disagreementsWithProtoc(draw(arbitrary, count))).toEqual([]);
    }, 60_000);
  }
});

// Frozen counterexamples, each found with protoc as the oracle.
describe("values protoc keeps", () => {
  it("a field set to zero in any spelling may be set again; a non-zero one may not", () => {
    expect(parseConfig("max_batch_size: -0 max_batch_size: 3").ok).toBe(true);
    expect(parseConfig("input { data_type: 0 data_type: TYPE_FP32 }").ok).toBe(true);
    expect(parseConfig("input { data_type: TYPE_INVALID data_type: 3 }").ok).toBe(true);
    expect(
      parseConfig("sequence_batching { direct { minimum_slot_utilization: -0 minimum_slot_utilization: 1 } }").ok,
    ).toBe(false);
  });

  it("an integer field holds no negative zero", () => {
    expect(Object.is(parseConfig("max_batch_size: -0").value.max_batch_size, 0)).toBe(true);
  });

  it("a float literal up to halfway between FLT_MAX and 2^128 is FLT_MAX", () => {
    const read = (literal: string) =>
      (
        parseConfig(`sequence_batching { direct { minimum_slot_utilization: ${literal} } }`).value as {
          sequence_batching: { direct: { minimum_slot_utilization: number } };
        }
      ).sequence_batching.direct.minimum_slot_utilization;
    expect(read("3.4028235677973366e38")).toBe(3.4028234663852886e38);
    expect(read("-340282356779733661637539395458142568448")).toBe(-3.4028234663852886e38);
    expect(read("3.402823567797337e38")).toBe(Number.POSITIVE_INFINITY);
  });

  it("NUL ends a string and a comment", () => {
    expect(parseConfig('name: "a\u0000b"').diagnostics[0]).toMatchObject({
      message: "Unexpected end of string.",
      line: 1,
      column: 9,
    });
    expect(parseConfig("# a\u0000b\nname: 'x'").diagnostics[0]).toMatchObject({
      message: "Invalid control characters encountered in text.",
      column: 4,
    });
  });

  it("U+FEFF at the start of a string with escapes is kept, and printing is stable", () => {
    const value = parseConfig('name: "\ufeffa\\n"').value.name;
    expect(value).toBe("\ufeffa\n");
    const text = printConfig({ name: value as string });
    expect(printConfig(parseConfig(text).value)).toBe(text);
  });

  it("bytes that are not UTF-8 are kept, raw or escaped, and printed as octal escapes", () => {
    const raw = parseConfig(Buffer.from([...Buffer.from('name: "a'), 0xff, ...Buffer.from('b"')]));
    expect(raw.value.name).toBe("a\udcffb");
    expect(raw.diagnostics.map((d) => d.code)).toEqual(["PB-UTF8"]);
    expect(parseConfig('name: "\\xff" "\\x41"').value.name).toBe("\udcffA");
    expect(parseConfig('name: "\\xc3" "\\xa9"').value.name).toBe("é");
    expect(printConfig({ name: "a\udcffb" })).toBe('name: "a\\377b"\n');
  });

  it("an extension name is identifiers joined by dots", () => {
    expect(parseConfig("[a b]: 1").diagnostics[0]?.message).toBe('Expected "]", found "b".');
    expect(parseConfig("[a.]: 1").diagnostics[0]?.message).toBe("Expected identifier, got: ]");
    expect(parseConfig("[foo.5]: 1").diagnostics[0]?.message).toBe("Need space between identifier and decimal point.");
  });

  it("quotes a long name whole", () => {
    const name = "y".repeat(300);
    expect(parseConfig(`${name}: 1`).diagnostics[0]?.message).toBe(
      `Message type "inference.ModelConfig" has no field named "${name}".`,
    );
  });
});
