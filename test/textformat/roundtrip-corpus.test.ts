// Differential round trip over 215 real Triton configs: our reading equals the
// reference parse, protoc reads our printed text as the same message, and
// printing is stable (print → read → print gives the same bytes).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toProtoJSON } from "../../src/textformat/json.js";
import { parseConfig } from "../../src/textformat/parser.js";
import { printConfig } from "../../src/textformat/printer.js";
import { decodeConfig } from "../../src/wire/binary.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

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
      expect(toProtoJSON(first.value)).toEqual(reference[key]);

      const printed = printConfig(first.value);
      const second = parseConfig(printed);
      expect(second.ok).toBe(true);
      expect(toProtoJSON(second.value)).toEqual(reference[key]);
      expect(printConfig(second.value)).toBe(printed);

      if (withProtoc) {
        const protoc = protocEncode(printed);
        expect(protoc.stderr).toBe("");
        expect(toProtoJSON(decodeConfig(protoc.bytes))).toEqual(reference[key]);
      }
    });
  }
});
