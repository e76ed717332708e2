import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { lookupSchemaType } from "../schema/load-schema.js";
import protobuf from "protobufjs";
import { fromProtoJSON, toProtoJSON } from "../pbtxt/json.js";
import { encodeUtf8Text, holdsRawBytes } from "../pbtxt/utf8.js";
import type { MessageValue } from "../pbtxt/types.js";

/**
 * Protobuf wire format through protobufjs, for clients that send configs
 * over gRPC (Triton's model-control and repository APIs carry ModelConfig
 * messages). The JSON mapping is the bridge: it is exact for 64-bit values
 * (decimal strings) and enums (names), which protobufjs accepts as is.
 */
export function encodeMessage(value: MessageValue, messageType = "ModelConfig"): Uint8Array {
  const type = lookupSchemaType(messageType);
  const json = toProtoJSON(value, messageType);
  return type.encode(type.fromObject(json), rawByteWriter()).finish();
}

/**
 * A protobufjs writer that writes a string holding bytes that are not UTF-8
 * (pbtxt/utf8.ts) as those bytes, as protoc does; protobufjs alone would
 * write each such byte as a three-byte encoded surrogate. A string field is
 * length-delimited like a bytes field, so `bytes()` writes the same framing.
 */
function rawByteWriter(): protobuf.Writer {
  const writer = protobuf.Writer.create();
  const writeString = writer.string;
  writer.string = function (this: protobuf.Writer, text: string): protobuf.Writer {
    return holdsRawBytes(text) ? this.bytes(encodeUtf8Text(text)) : writeString.call(this, text);
  };
  return writer;
}

/** Decodes wire bytes; malformed bytes throw a DiagnosticError (code PB-WIRE). */
export function decodeMessage(bytes: Uint8Array, messageType = "ModelConfig"): MessageValue {
  const type = lookupSchemaType(messageType);
  let decoded: unknown;
  try {
    const message = type.decode(bytes);
    decoded = type.toObject(message, { longs: String, enums: String, json: true });
  } catch (error: unknown) {
    throw new DiagnosticError([
      {
        code: "PB-WIRE",
        severity: "error",
        message: `cannot decode ${type.fullName.slice(1)}: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  const { value, diagnostics } = fromProtoJSON(decoded, messageType);
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return value;
}

/** `ModelConfig` → protobuf wire bytes. */
export function encodeConfig(value: MessageValue): Uint8Array {
  return encodeMessage(value);
}

/** Protobuf wire bytes → `ModelConfig`. */
export function decodeConfig(bytes: Uint8Array): MessageValue {
  return decodeMessage(bytes);
}
