import type { ModelConfig } from "../../generated/model-config.js";
import { type Diagnostic, isDiagnosticError } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../pbtxt/parser.js";
import { printConfig } from "../pbtxt/printer.js";
import { type JsonObject, fromProtoJSON, toProtoJSON } from "../pbtxt/json.js";
import type { MessageValue, ParseOptions, SourceInfo } from "../pbtxt/types.js";
import { decodeConfig, encodeConfig } from "../wire/binary.js";
import { modelConfig } from "./model-config.js";

/**
 * The public conversions of a typed ModelConfig, over the core's reader,
 * printer, JSON mapping and wire codec. The core works on untyped
 * MessageValues; these keep the generated types at the boundary.
 */

/** Canonical config.pbtxt text. Checks and normalises the config first (see `modelConfig`). */
export function toPbtxt(config: ModelConfig): string {
  return printConfig(modelConfig(config) as MessageValue);
}

/** Result of reading a config: the config (partial on errors) and every diagnostic. */
export interface ConfigReadResult {
  config: ModelConfig;
  diagnostics: Diagnostic[];
  /** True when there is no error diagnostic. */
  ok: boolean;
}

/** Result of reading config.pbtxt text, with where each field is written (`source.locate("input[1].dims[0]")`). */
export interface PbtxtReadResult extends ConfigReadResult {
  source: SourceInfo;
}

/** Reads config.pbtxt text as protoc does. Never throws: problems come back as diagnostics. */
export function fromPbtxt(text: string, options: Pick<ParseOptions, "file"> = {}): PbtxtReadResult {
  const result = parseConfig(text, options);
  return { config: result.value as ModelConfig, diagnostics: result.diagnostics, ok: result.ok, source: result.source };
}

/** The protobuf JSON mapping with Triton's field names (defaults left out, 64-bit values as strings). */
export function toJSON(config: ModelConfig): JsonObject {
  return toProtoJSON(modelConfig(config) as MessageValue);
}

/** Reads the protobuf JSON mapping of a config. Never throws. */
export function fromJSON(json: unknown): ConfigReadResult {
  const { value, diagnostics } = fromProtoJSON(json);
  return { config: value as ModelConfig, diagnostics, ok: !diagnostics.some((d) => d.severity === "error") };
}

/** The binary protobuf encoding, as Triton stores a config in memory. */
export function encode(config: ModelConfig): Uint8Array {
  return encodeConfig(modelConfig(config) as MessageValue);
}

/** Reads the binary protobuf encoding of a ModelConfig. Never throws: bytes that are not one come back as PB-WIRE. */
export function decode(bytes: Uint8Array): ConfigReadResult {
  try {
    return { config: decodeConfig(bytes) as ModelConfig, diagnostics: [], ok: true };
  } catch (error: unknown) {
    if (!isDiagnosticError(error)) throw error;
    const diagnostics = [...error.diagnostics];
    return { config: {}, diagnostics, ok: !diagnostics.some((d) => d.severity === "error") };
  }
}
