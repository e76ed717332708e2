// Property: for any config (random messages built from the schema's
// descriptors) written in any syntax protoc accepts with comments anywhere,
// formatting keeps the message (our parser and protoc agree), keeps every
// comment, and is idempotent, in all three layouts of repeated messages.
import fc from "fast-check";
import { decodeWire, valueTree } from "../support/wire-values.js";
import { describe, expect, it } from "vitest";
import { formatPbtxt } from "../../src/formatter/format.js";
import { messageInfo } from "../../src/schema/descriptors.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { commentAttachments } from "../support/comment-attachment.js";
import { Random } from "../../bench/corpus/random.js";
import { messyText, randomMessage } from "./messy-text.js";

const type = messageInfo("ModelConfig");

function commentsOf(text: string): string[] {
  return (text.match(/# c\d+[^\n]*/g) ?? []).sort();
}

describe("formatPbtxt on generated configs with random comments", () => {
  it("keeps the message and every comment, and is idempotent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom("keep", "blocks", "lists" as const),
        (seed, messages) => {
          const value = randomMessage(type, new Random(seed));
          const messy = messyText(type, value, seed ^ 0x5bd1e995, 0.25);
          const parsed = parseConfig(messy.text);
          expect(parsed.ok, messy.text).toBe(true);
          const result = formatPbtxt(messy.text, { messages });
          expect(result.ok).toBe(true);
          expect(valueTree(parseConfig(result.text).value)).toEqual(valueTree(value));
          expect(commentsOf(result.text)).toEqual([...messy.comments].sort());
          expect(commentAttachments(result.text), messy.text).toEqual(commentAttachments(messy.text));
          expect(formatPbtxt(result.text, { messages }).text).toBe(result.text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.runIf(protocAvailable())("is read by protoc as the same message", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const value = randomMessage(type, new Random(seed));
        const result = formatPbtxt(messyText(type, value, seed, 0.25).text);
        const protoc = protocEncode(result.text);
        expect(protoc.stderr, result.text).toBe("");
        expect(decodeWire(protoc.bytes)).toEqual(valueTree(value));
      }),
      { numRuns: 40 },
    );
  });
});
