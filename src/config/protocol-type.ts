/**
 * Protocol names of the config data types, as Triton's requests and errors spell them (common's
 * DataTypeToProtocolString): TYPE_STRING is BYTES, and TYPE_INVALID or an unknown number has no name, so it prints
 * `<invalid>`. The validator quotes them in messages; the generated client sends them.
 */
const PROTOCOL_NAMES = new Map<string, string>(
  ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BF16"]
    .map((t): [string, string] => [`TYPE_${t}`, t])
    .concat([["TYPE_STRING", "BYTES"]]),
);

/** The protocol name of a config data type (`TYPE_FP32` → `FP32`, `TYPE_STRING` → `BYTES`, `TYPE_INVALID` → `<invalid>`). */
export function protocolType(type: string): string {
  return PROTOCOL_NAMES.get(type) ?? "<invalid>";
}
