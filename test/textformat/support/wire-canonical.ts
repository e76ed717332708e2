import { type FieldInfo, type MessageInfo, messageInfo } from "../../../src/schema/descriptors.js";

/**
 * A canonical form of protoc's wire bytes, for comparing two encodings of one
 * message when protoc itself will not decode them (it refuses string fields
 * that are not UTF-8) and protobufjs will not either. Fields keep the bytes
 * protoc wrote (strings in hex, so every byte counts); only what may differ
 * between two encodings of the same message is normalised: map entries are
 * deduplicated by key (the last wins) and sorted, and a NaN loses its sign.
 * It reads only what protoc writes for Triton's schema.
 */
type Canonical = string | Canonical[] | { [field: string]: Canonical };

class WireReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varint(): bigint {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error("truncated varint");
      const b = this.bytes[this.pos++] as number;
      value |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (b < 0x80) return value;
    }
  }

  take(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new Error("truncated field");
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

function fixed(field: FieldInfo | undefined, raw: Uint8Array): string {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const scalar = field?.kind === "scalar" ? field.scalar : undefined;
  if (scalar === "float" && Number.isNaN(view.getFloat32(0, true))) return "nan";
  if (scalar === "double" && Number.isNaN(view.getFloat64(0, true))) return "nan";
  return hex(raw);
}

function readMessage(type: MessageInfo | undefined, bytes: Uint8Array): { [field: string]: Canonical } {
  const reader = new WireReader(bytes);
  const out: { [field: string]: Canonical[] } = {};
  const maps = new Map<string, Map<string, Canonical>>();
  while (!reader.done()) {
    const tag = reader.varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    const field = type?.fields.find((f) => f.number === number);
    const key = field?.name ?? String(number);
    let value: Canonical;
    if (wireType === 0) value = reader.varint().toString();
    else if (wireType === 1) value = fixed(field, reader.take(8));
    else if (wireType === 5) value = fixed(field, reader.take(4));
    else if (wireType === 2) {
      const body = reader.take(Number(reader.varint()));
      if (field?.kind === "map") {
        const entry = readMessage(undefined, body);
        const entryKey = JSON.stringify(entry["1"] ?? "");
        const entryValue =
          field.value.kind === "message"
            ? readMessage(field.value.messageType, hexBytes(entry["2"]))
            : (entry["2"] ?? "");
        const map = maps.get(key) ?? new Map<string, Canonical>();
        map.delete(entryKey);
        map.set(entryKey, entryValue);
        maps.set(key, map);
        continue;
      }
      value = field?.kind === "message" ? readMessage(field.messageType, body) : hex(body);
    } else {
      throw new Error(`unexpected wire type ${wireType}`);
    }
    (out[key] ??= []).push(value);
  }
  for (const [key, map] of maps)
    out[key] = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v]);
  return out;
}

/** A map entry's value read without its schema comes as hex; its message type reads it again. */
function hexBytes(value: Canonical | undefined): Uint8Array {
  const first = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof first === "string" ? Buffer.from(first, "hex") : new Uint8Array();
}

/** The canonical form of a ModelConfig's wire bytes, as a string to compare. */
export function canonicalWire(bytes: Uint8Array): string {
  return JSON.stringify(readMessage(messageInfo("ModelConfig"), bytes));
}
