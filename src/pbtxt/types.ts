import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceText } from "../diagnostics/source-text.js";

/**
 * How a message looks in memory, everywhere in triton-repo:
 * - field names exactly as in model_config.proto (`max_batch_size`);
 * - 32-bit integers, floats and doubles as `number` (a `float` field holds the
 *   float32-rounded value; NaN, ±Infinity and -0 are kept);
 * - 64-bit integers as `number` when they are safe integers and `bigint`
 *   otherwise, so no value ever loses precision (input also accepts exact
 *   decimal strings);
 * - strings as JS strings; a byte that is not part of valid UTF-8 (protoc
 *   keeps such bytes) as the lone surrogate U+DC00 + byte, see utf8.ts;
 * - enums by name (`"TYPE_FP32"`); a number only for a value the enum lacks
 *   (proto3 enums are open and protoc accepts unknown numbers);
 * - repeated fields as arrays, maps as plain objects keyed by the key's
 *   decimal or string form, messages as plain objects, oneofs as whichever
 *   member is set.
 * A field is present when its key is present: the reader records explicit
 * zeros (`max_batch_size: 0`) and the printer shows them, while protobuf's
 * equality (and `toJSON`) treats them as unset, as protoc does.
 */
export type Int64 = number | bigint;
export type ScalarValue = number | bigint | string | boolean;
export type FieldValue = ScalarValue | MessageValue | FieldValue[] | { [key: string]: FieldValue };
export interface MessageValue {
  [field: string]: FieldValue | undefined;
}

/** A step of a field path: a field name, a list index, or a map key. */
export type PathSegment = string | number | { key: string };

/** Where a field or value starts, 1-based, with its 0-based offset. */
export interface SourceLocation {
  offset: number;
  line: number;
  column: number;
}

export interface SourceInfo {
  readonly source: SourceText;
  /**
   * Where the field at `path` is written: the start of its name for a field,
   * of the element for a list element (`input[1]`, `dims[0]`), of the entry
   * for a map key (`parameters["EXECUTION_ENV_PATH"]`). Paths are written as
   * in diagnostics (`input[1].dims[0]`) or given as segments.
   */
  locate(path: string | readonly PathSegment[]): SourceLocation | undefined;
  /** Where the value of the field at `path` starts (after `name:`). */
  locateValue(path: string | readonly PathSegment[]): SourceLocation | undefined;
}

export interface ParseOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** Message type to read, relative to package `inference`. Default `ModelConfig`. */
  messageType?: string;
  /**
   * Whether `source.locate()` may resolve positions (default true). They are
   * computed on first use, so leaving this on costs nothing until then.
   */
  positions?: boolean;
}

export interface ParseResult<T = MessageValue> {
  /** The message read; partial when there are errors. */
  value: T;
  /** Errors (the text is refused, as protoc refuses it) and warnings (accepted, but almost surely a mistake). */
  diagnostics: Diagnostic[];
  /** True when there is no error diagnostic. */
  ok: boolean;
  source: SourceInfo;
}

/**
 * Sets an own property, also for the key `__proto__`, which a plain
 * assignment would turn into a prototype change. Map keys are user text.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
