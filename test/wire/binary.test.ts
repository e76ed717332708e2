// Wire format through protobufjs, checked against protoc and against the
// test's own wire decoder (support/wire-values.ts): what we encode is the
// message, and protoc decodes it to the same message; what protoc encodes, we
// decode. Messages are compared as value trees (float bits, string bytes).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { printConfig } from "../../src/textformat/printer.js";
import { decodeConfig, encodeConfig } from "../../src/wire/binary.js";
import { configArbitrary } from "../support/arbitrary-config.js";
import { protocAvailable } from "../support/oracles.js";
import { protocDecode, protocEncode } from "../support/protoc.js";
import { decodeWire, valueTree } from "../support/wire-values.js";

describe("encode and decode", () => {
  it("decode(encode(m)) is m", () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        const bytes = encodeConfig(config);
        expect(decodeWire(bytes)).toEqual(valueTree(config));
        expect(valueTree(decodeConfig(bytes))).toEqual(valueTree(config));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses bytes that are not a message with a diagnostic error", () => {
    let caught: unknown;
    try {
      decodeConfig(new Uint8Array([0x0a, 0xff, 0xff, 0xff]));
    } catch (error) {
      caught = error;
    }
    expect(isDiagnosticError(caught)).toBe(true);
  });
});

describe.runIf(protocAvailable())("wire agreement with protoc", () => {
  it("protoc decodes our bytes to the same message, and we decode protoc's", () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        // protoc reads our bytes (--decode) and writes them again (--encode) as the same message.
        const again = protocEncode(protocDecode(encodeConfig(config)));
        expect(again.ok, again.stderr).toBe(true);
        expect(decodeWire(again.bytes)).toEqual(valueTree(config));
        const protocBytes = protocEncode(printConfig(config)).bytes;
        expect(valueTree(decodeConfig(protocBytes))).toEqual(valueTree(config));
      }),
      { numRuns: 40 },
    );
  });
});
