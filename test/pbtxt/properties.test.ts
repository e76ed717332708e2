// Properties over random configs generated from the schema:
// round-trip closure (print → read gives the same message, printing is stable),
// protoc agreement (protoc reads our text as the same message), robustness
// (mutated text never crashes the reader and diagnostics stay inside the
// input), and acceptance agreement with protoc on mutated text. "The same
// message" is decided by support/wire-values.ts, which shares no code with the
// reader or the printer: float bits, string bytes, exact integers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { configArbitrary } from "../support/arbitrary-config.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { decodeWire, valueTree } from "../support/wire-values.js";
import { asProtocShowsIt, protocColumn } from "./support/protoc-batch.js";

const json = (v: unknown) => JSON.stringify(v);

describe("round-trip closure", () => {
  it("print → read gives the same message, and printing again gives the same bytes", () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        const text = printConfig(config);
        const back = parseConfig(text);
        expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(valueTree(back.value)).toEqual(valueTree(config));
        expect(printConfig(back.value)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe.runIf(protocAvailable())("protoc agreement", () => {
  it("protoc reads our printed text as the same message", () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        const text = printConfig(config);
        const protoc = protocEncode(text);
        expect(protoc.ok, protoc.stderr).toBe(true);
        // Bit patterns and bytes, read from protoc's wire output by a decoder of our own: no printer code involved.
        expect(decodeWire(protoc.bytes), text).toEqual(valueTree(config));
      }),
      { numRuns: 60 },
    );
  });
});

/** Random edits with the characters that matter to the grammar. */
const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 3 }),
  insert: fc.string({ unit: fc.constantFrom(..."{}[]<>:;,\"'\\#-.0123456789xefinatTF_ \n"), maxLength: 4 }),
});

function mutate(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  // An edit may split a surrogate pair; a file holds UTF-8, where that
  // character reads back as U+FFFD, so give both readers the file's text.
  return Buffer.from(out, "utf8").toString("utf8");
}

describe("robustness", () => {
  it("mutated text never throws, and every diagnostic lies inside the input", () => {
    fc.assert(
      fc.property(configArbitrary(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (config, edits) => {
        const text = mutate(printConfig(config), edits);
        const result = parseConfig(text);
        const lines = text.split("\n");
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeLessThanOrEqual((lines[(d.line as number) - 1] as string).length + 1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("deep nesting and huge inputs end in a diagnostic, not a crash", () => {
    expect(parseConfig("input {".repeat(100000)).ok).toBe(false);
    expect(parseConfig("[".repeat(100000)).ok).toBe(false);
    expect(parseConfig(`name: "${"x".repeat(1 << 20)}`).ok).toBe(false);
  });
});

describe.runIf(protocAvailable())("acceptance agreement with protoc", () => {
  it("accepts exactly what protoc accepts, with protoc's first error position", () => {
    fc.assert(
      fc.property(configArbitrary(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (config, edits) => {
        const text = mutate(printConfig(config), edits);
        const ours = parseConfig(text);
        const protoc = protocEncode(text);
        expect(ours.ok, `${json(text)}\nprotoc: ${protoc.stderr}\nours: ${json(ours.diagnostics)}`).toBe(protoc.ok);
        if (protoc.ok) {
          // The reader: what we read is what protoc wrote to the wire.
          const theirs = decodeWire(protoc.bytes);
          expect(valueTree(ours.value), json(text)).toEqual(theirs);
          // The printer: protoc reads our printing of it as the same message.
          const printed = printConfig(ours.value);
          const reread = protocEncode(printed);
          expect(reread.ok, `${json(printed)}\n${reread.stderr}`).toBe(true);
          expect(decodeWire(reread.bytes), json(printed)).toEqual(theirs);
        } else {
          // protoc counts columns in bytes with tabs to 8; compare in its terms.
          const first = ours.diagnostics.find((d) => d.severity === "error");
          const line = first?.line ?? 0;
          const theirs = {
            line,
            column: protocColumn(text, line, first?.column ?? 0),
            message: asProtocShowsIt(first?.message ?? ""),
          };
          expect(theirs, json(text)).toEqual(protoc.error);
        }
      }),
      { numRuns: 150 },
    );
  });
});
