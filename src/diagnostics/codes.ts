import type { Severity } from "./diagnostic.js";

/**
 * Codes of the text-format reader, one per kind of problem. Rule ids of the
 * validator (RL-…, MC-…, PY-…, TR-…) have their own catalogue beside the rules.
 */
export const SYNTAX_CODES = {
  "PB-SYNTAX": { severity: "error", title: "the text is not well-formed protobuf text format" },
  "PB-STRING": { severity: "error", title: "unterminated string or bad escape sequence" },
  "PB-NUMBER": { severity: "error", title: "malformed number" },
  "PB-DELIMITER": { severity: "error", title: "unbalanced or mismatched braces or brackets" },
  "PB-MISSING-COLON": { severity: "error", title: "a scalar field needs ':' before its value" },
  "PB-UNKNOWN-FIELD": { severity: "error", title: "the message has no field of that name" },
  "PB-UNKNOWN-ENUM": { severity: "error", title: "the enum has no value of that name" },
  "PB-TYPE": { severity: "error", title: "the value has the wrong type for the field" },
  "PB-RANGE": { severity: "error", title: "the integer is out of range for the field's type" },
  "PB-DUPLICATE": { severity: "error", title: "a non-repeated field is given twice" },
  "PB-ONEOF": { severity: "error", title: "two members of one oneof are given" },
  "PB-EXTENSION": { severity: "error", title: "extensions and Any expansions are not part of Triton's schema" },
  "PB-OVERWRITE-DEFAULT": { severity: "warning", title: "a field set to its default value is set again" },
  "PB-DUPLICATE-KEY": { severity: "warning", title: "a map key is given twice; the last entry wins" },
  "PB-UTF8": { severity: "warning", title: "a string field holds bytes that are not valid UTF-8" },
  "PB-JSON": { severity: "error", title: "a JSON or YAML value does not fit the schema" },
  "PB-WIRE": { severity: "error", title: "bytes that are not a valid protobuf message" },
  "PB-EDIT": { severity: "error", title: "an edit could not be written into the text in place" },
  "PB-INPUT": { severity: "error", title: "the input cannot be read as text" },
  "PB-TEMPLATE": {
    severity: "error",
    title: "a template placeholder (${name}) is not filled in; inside a string it is only a note",
  },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type SyntaxCode = keyof typeof SYNTAX_CODES;
