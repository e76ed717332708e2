/**
 * triton-repo: the one public entry. Named exports only; types with `export type`.
 */

// Diagnostics: one shape for every problem.
export type { Diagnostic, RelatedLocation, Severity } from "./diagnostics/diagnostic.js";
export { DiagnosticError, compareDiagnostics, formatDiagnosticLine, hasErrors, isDiagnosticError } from "./diagnostics/diagnostic.js";
export { SYNTAX_CODES } from "./diagnostics/codes.js";
export type { SyntaxCode } from "./diagnostics/codes.js";

// Schema reflection over schemas/model_config.proto.
export { enumByName, messageInfo } from "./schema/descriptors.js";
export type { EnumInfo, FieldInfo, MessageInfo, ScalarType } from "./schema/descriptors.js";
export { loadSchemaRoot } from "./schema/load-schema.js";

// Protobuf text format, JSON mapping and wire format.
export { parseConfig, parseMessage } from "./textformat/parser.js";
export { printConfig, printMessage } from "./textformat/printer.js";
export type { PrintOptions } from "./textformat/printer.js";
export { fromProtoJSON, messagesEqual, toProtoJSON } from "./textformat/json.js";
export type { JsonObject, JsonValue } from "./textformat/json.js";
export { formatPath, parsePath } from "./textformat/positions.js";
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
} from "./textformat/types.js";
export { decodeConfig, decodeMessage, encodeConfig, encodeMessage } from "./wire/binary.js";

// Command line, for tools that drive it in-process.
export { runCli } from "./cli/main.js";
export type { CliIo, Command } from "./cli/io.js";
