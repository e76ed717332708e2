// Differential round trip over 215 real Triton configs: our reading equals the
// reference parse (Python's json_format) and protoc's reading of the file,
// protoc reads our printed text as the same message as the file, and printing
// is stable (print → read → print gives the same bytes). Messages are compared
// as value trees (support/wire-values.ts), which share no code with ours.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { decodeWire, valueTree } from "../support/wire-values.js";

interface Entry {
  file: string;
  parsed: string;
}

describe.runIf(sharedAvailable())("round trip over conformance/roundtrip", () => {
  const manifest = JSON.parse(readFileSync(sharedPath("conformance", "roundtrip", "manifest.json"), "utf8")) as Entry[];
  const reference = JSON.parse(readFileSync(sharedPath("conformance", "roundtrip", "parsed.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const withProtoc = protocAvailable();

  it("has the 215 configs the corpus promises", () => {
    expect(manifest.length).toBe(215);
  });

  for (const entry of manifest) {
    it(entry.file, () => {
      const text = readFileSync(sharedPath("conformance", "roundtrip", entry.file), "utf8");
      const first = parseConfig(text, { file: entry.file });
      expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const key = entry.parsed.split("#")[1] as string;
      const python = valueTree(reference[key], { json: true });
      expect(valueTree(first.value)).toEqual(python);

      const printed = printConfig(first.value);
      const second = parseConfig(printed);
      expect(second.ok).toBe(true);
      expect(valueTree(second.value)).toEqual(python);
      expect(printConfig(second.value)).toBe(printed);

      if (withProtoc) {
        const original = protocEncode(text);
        expect(original.stderr).toBe("");
        expect(valueTree(first.value)).toEqual(decodeWire(original.bytes));
        const protoc = protocEncode(printed);
        expect(protoc.stderr).toBe("");
        expect(decodeWire(protoc.bytes)).toEqual(decodeWire(original.bytes));
      }
    });
  }
});
