// Wire format through protobufjs, checked against protoc: what we encode,
// protoc decodes to the same message; what protoc encodes, we decode.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { toProtoJSON } from "../../src/textformat/json.js";
import { parseConfig } from "../../src/textformat/parser.js";
import { printConfig } from "../../src/textformat/printer.js";
import { decodeConfig, encodeConfig } from "../../src/wire/binary.js";
import { configArbitrary } from "../support/arbitrary-config.js";
import { protocAvailable } from "../support/oracles.js";
import { protocDecode, protocEncode } from "../support/protoc.js";

const json = (v: unknown) => JSON.stringify(v);

describe("encode and decode", () => {
  it("decode(encode(m)) is m", () => {
    fc.assert(
      fc.property(configArbitrary(), (config) => {
        expect(json(toProtoJSON(decodeConfig(encodeConfig(config))))).toBe(json(toProtoJSON(config)));
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
        const fromProtoc = parseConfig(protocDecode(encodeConfig(config)));
        expect(fromProtoc.ok).toBe(true);
        expect(json(toProtoJSON(fromProtoc.value))).toBe(json(toProtoJSON(config)));
        const protocBytes = protocEncode(printConfig(config)).bytes;
        expect(json(toProtoJSON(decodeConfig(protocBytes)))).toBe(json(toProtoJSON(config)));
      }),
      { numRuns: 40 },
    );
  });
});
