/**
 * `triton-repo/textformat`: any message of Triton's schema (ModelConfig,
 * ModelWarmup, ...), untyped, in every spelling: protobuf text format, the
 * protobuf JSON mapping, wire bytes. Each function takes the message type
 * (relative to package `inference`, default `ModelConfig`). For a typed
 * ModelConfig use the root entry's toPbtxt / fromPbtxt / toJSON / fromJSON /
 * encode / decode.
 */
export { parseMessage } from "../pbtxt/parser.js";
export { printMessage } from "../pbtxt/printer.js";
export type { PrintOptions } from "../pbtxt/printer.js";
export { fromProtoJSON as messageFromJSON, toProtoJSON as messageToJSON, messagesEqual } from "../pbtxt/json.js";
export { decodeMessage, encodeMessage } from "../wire/binary.js";
export { formatPath, parsePath } from "../pbtxt/positions.js";
export type {
  FieldValue,
  Int64,
  MessageValue,
  ParseOptions,
  ParseResult,
  PathSegment,
  ScalarValue,
  SourceInfo,
  SourceLocation,
} from "../pbtxt/types.js";
export { SYNTAX_CODES } from "../diagnostics/codes.js";
export type { SyntaxCode } from "../diagnostics/codes.js";
// Schema reflection over schemas/model_config.proto.
export { enumByName, messageInfo } from "../schema/descriptors.js";
export type { EnumInfo, FieldInfo, MessageInfo, ScalarType } from "../schema/descriptors.js";
