// Formatting never changes the message. Over the 215 real configs of the
// round-trip corpus, written as they are and rewritten messily with comments
// everywhere: protoc reads the formatted text as the same message as the
// reference parse, formatting is idempotent, every comment survives, and the
// canonical printer's output is already formatted (the layouts agree). And
// with fmt-off regions at random lines: the regions come out byte for byte and
// protoc still reads the same message.
import { decodeWire, valueTree } from "../support/wire-values.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatPbtxt } from "../../src/formatter/format.js";
import { messageInfo } from "../../src/schema/descriptors.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { withDirectives } from "./fmt-off-text.js";
import { Random } from "../../bench/corpus/random.js";
import { messyText } from "./messy-text.js";

interface Entry {
  file: string;
  parsed: string;
}

function commentsOf(text: string): string[] {
  // Test-only scan: every comment the messy writer emits starts with "# c<digits>".
  return text.match(/# c\d+[^\n]*/g) ?? [];
}

describe.runIf(sharedAvailable())("fmt over conformance/roundtrip", () => {
  const manifest = JSON.parse(readFileSync(sharedPath("conformance", "roundtrip", "manifest.json"), "utf8")) as Entry[];
  const reference = JSON.parse(readFileSync(sharedPath("conformance", "roundtrip", "parsed.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const withProtoc = protocAvailable();
  const type = messageInfo("ModelConfig");

  it("covers the 215 configs", () => {
    expect(manifest.length).toBe(215);
  });

  manifest.forEach((entry, index) => {
    it(entry.file, () => {
      const text = readFileSync(sharedPath("conformance", "roundtrip", entry.file), "utf8");
      const key = entry.parsed.split("#")[1] as string;
      // Python protobuf's reading of the file, as a value tree (bit patterns, bytes): no code of ours in the oracle.
      const want = valueTree(reference[key], { json: true });

      const formatted = formatPbtxt(text, { file: entry.file });
      expect(formatted.ok).toBe(true);
      expect(formatPbtxt(formatted.text).text).toBe(formatted.text);
      expect(valueTree(parseConfig(formatted.text).value)).toEqual(want);
      if (withProtoc) {
        const protoc = protocEncode(formatted.text);
        expect(protoc.stderr).toBe("");
        expect(decodeWire(protoc.bytes)).toEqual(want);
      }

      // The canonical printer's layout is the formatter's: its output is a fixed point.
      const printed = printConfig(parseConfig(text).value);
      expect(formatPbtxt(printed).text).toBe(printed);

      // With fmt-off regions at random lines.
      const regions = withDirectives(text, new Random(7000 + index), 2 + (index % 4));
      const kept = formatPbtxt(regions.text, { file: entry.file });
      expect(kept.ok).toBe(true);
      for (const span of regions.kept) expect(kept.text, regions.text).toContain(span);
      expect(formatPbtxt(kept.text).text).toBe(kept.text);
      expect(valueTree(parseConfig(kept.text).value)).toEqual(want);
      if (withProtoc) {
        const protoc = protocEncode(kept.text);
        expect(protoc.stderr, kept.text).toBe("");
        expect(decodeWire(protoc.bytes)).toEqual(want);
      }

      // The same config written messily, with numbered comments in random places.
      const messy = messyText(type, parseConfig(text).value, 1000 + index);
      for (const messages of ["keep", "blocks", "lists"] as const) {
        const result = formatPbtxt(messy.text, { messages });
        expect(result.ok, messy.text).toBe(true);
        expect(valueTree(parseConfig(result.text).value)).toEqual(want);
        expect(commentsOf(result.text).sort()).toEqual([...messy.comments].sort());
        expect(formatPbtxt(result.text, { messages }).text).toBe(result.text);
      }
    });
  });
});
