import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { GEN_CODES } from "./codes.js";
import { formatSpecPath, specDiagnostic, type SpecPathSegment, type SpecSource } from "./spec-source.js";

/**
 * A JSON spec can spell half a UTF-16 surrogate pair (`"\ud800"`). No file we
 * write can hold it: UTF-8 turns it into U+FFFD in one file while another
 * escapes it, so the model, its config and its client would disagree about a
 * name. Such a string, key or value, is refused where it is.
 */

/** With the `u` flag a class of surrogates matches only unpaired ones: a pair is one astral code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function quoteUnit(text: string): string {
  const match = LONE_SURROGATE.exec(text);
  return match ? `\\u${(match[0].charCodeAt(0)).toString(16)}` : "";
}

/** Every string of `value` (object keys included) that holds a lone surrogate, as a located diagnostic. */
export function loneSurrogates(value: unknown, source: SpecSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (node: unknown, path: SpecPathSegment[], depth: number) => {
    if (depth > 200 || found.length >= 20) return;
    if (typeof node === "string") {
      if (LONE_SURROGATE.test(node)) found.push(refusal(source, path, node, "value"));
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...path, i], depth + 1);
      });
    } else if (typeof node === "object" && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) found.push(refusal(source, [...path, key], key, "key"));
        walk(item, [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return found;
}

function refusal(source: SpecSource, path: SpecPathSegment[], text: string, at: "key" | "value"): Diagnostic {
  const where = formatSpecPath(path) || "spec";
  return specDiagnostic(
    source,
    GEN_CODES.specSchema,
    path,
    `${at === "key" ? "key" : "string"} at ${where} holds a lone surrogate ${quoteUnit(text)}, which no file can encode`,
    {
      hint: "write the whole character (both halves of the pair, or the character itself) or remove it",
      at,
    },
  );
}
