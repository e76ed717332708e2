// Wire format through protobufjs, checked against protoc and against the
// test's own wire decoder (support/wire-values.ts): what we encode is the
// message, and protoc decodes it to the same message; what protoc encodes, we
// decode. Messages are compared as value trees (float bits, string bytes).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import { decodeConfig, encodeConfig } from "../../src/wire/binary.js";
import { configArbitrary } from "../support/arbitrary-config.js";
import { protocAvailable } from "../support/oracles.js";
import { protocDecodeResult, protocEncode } from "../support/protoc.js";
import { decodeWire, holdsInvalidUtf8, valueTree } from "../support/wire-values.js";

/** Half the values hold bytes that are not UTF-8 in some string: the wire refuses those, the rest must round-trip. */
const anyConfig = fc.oneof(configArbitrary(), configArbitrary({ rawBytes: false }));

describe("encode and decode", () => {
  it("decode(encode(m)) is m", () => {
    fc.assert(
      fc.property(anyConfig, (config) => {
        const bytes = encodeConfig(config);
        const want = valueTree(config);
        expect(decodeWire(bytes)).toEqual(want);
        // A string that is not UTF-8 is written, as protoc writes it, but not read back, as protoc refuses it.
        if (holdsInvalidUtf8(want)) expect(() => decodeConfig(bytes)).toThrow(/PB-WIRE|utf-8/);
        else expect(valueTree(decodeConfig(bytes))).toEqual(want);
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
      fc.property(anyConfig, (config) => {
        // protoc reads our bytes (--decode) and writes them again (--encode) as the same message;
        // it refuses a string that is not UTF-8, and so must we.
        const want = valueTree(config);
        const decoded = protocDecodeResult(encodeConfig(config));
        const protocBytes = protocEncode(printConfig(config)).bytes;
        expect(decoded.ok, decoded.stderr).toBe(!holdsInvalidUtf8(want));
        if (!decoded.ok) {
          expect(() => decodeConfig(protocBytes)).toThrow(/PB-WIRE|utf-8/);
          return;
        }
        const again = protocEncode(decoded.text);
        expect(again.ok, again.stderr).toBe(true);
        expect(decodeWire(again.bytes)).toEqual(want);
        expect(valueTree(decodeConfig(protocBytes))).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });
});
