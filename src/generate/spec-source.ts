import { type LineCounter, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";

/** A step into the spec: an object key or an array index. */
export type SpecPathSegment = string | number;

/**
 * Where a spec value is written. Spec files are read with `yaml`, which keeps
 * every node's offsets, so any diagnostic can name file, line and column; a
 * spec object given through the API has no text and locates nothing.
 */
export interface SpecSource {
  /** Shown in diagnostics: the spec path as the user gave it, or `<spec>`. */
  readonly file: string;
  /** Line and column (1-based) of the value at `path`, or of its key with `at: "key"`. */
  locate(path: readonly SpecPathSegment[], at?: "key" | "value"): { line: number; column: number } | undefined;
}

/** `models[0].inputs[1].name`: how diagnostics print a spec path. */
export function formatSpecPath(path: readonly SpecPathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The source of a spec given as an object: no positions. */
export function objectSpecSource(file = "<spec>"): SpecSource {
  return { file, locate: () => undefined };
}

/** The source of a spec read from text with `yaml.parseDocument` and a LineCounter. */
export function documentSpecSource(file: string, doc: Document, lines: LineCounter): SpecSource {
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return {
    file,
    locate(path, at = "value") {
      let node: unknown = doc.contents;
      let keyNode: unknown;
      for (const segment of path) {
        keyNode = undefined;
        if (isMap(node)) {
          const pair = node.items.find(
            (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
          );
          if (!pair) break;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === "number") {
          node = node.items[segment];
        } else {
          break;
        }
      }
      const target = at === "key" && isNode(keyNode) ? keyNode : node;
      const range = isNode(target) ? (target as Node).range : undefined;
      return range ? position(range[0]) : undefined;
    },
  };
}

/** A diagnostic about the spec, located at `path` when the source knows where it is. */
export function specDiagnostic(
  source: SpecSource,
  code: string,
  path: readonly SpecPathSegment[],
  message: string,
  options: { severity?: Severity; hint?: string; at?: "key" | "value" } = {},
): Diagnostic {
  const where = source.locate(path, options.at);
  const diagnostic: Diagnostic = { code, severity: options.severity ?? "error", message, file: source.file };
  if (where) {
    diagnostic.line = where.line;
    diagnostic.column = where.column;
  }
  if (path.length > 0) diagnostic.path = formatSpecPath(path);
  if (options.hint !== undefined) diagnostic.hint = options.hint;
  return diagnostic;
}

/** Spec keys of a tensor that have the same name as the ModelInput / ModelOutput field. */
const TENSOR_FIELDS: ReadonlySet<string> = new Set(["name", "data_type", "dims", "optional"]);
/** Spec keys of `instances` that have the same name as the ModelInstanceGroup field. */
const INSTANCE_FIELDS: ReadonlySet<string> = new Set(["kind", "count", "gpus"]);

/**
 * Where in a model's (or an ensemble's) spec the config field at `configPath`
 * (a validator's field path, as segments) comes from: `input[0].dims[1]` →
 * `inputs[0].dims[1]`, `instance_group[0].gpus[0]` → `instances.gpus[0]`,
 * `dynamic_batching.preferred_batch_size[2]` as it is, a field set under
 * `config:` there. Fields the spec writes for the model as a whole give the
 * entry itself (`[]`). The result is relative to the model's entry.
 */
export function specPathOfConfigField(
  configPath: readonly (string | number | { key: string })[],
  configKeys: ReadonlySet<string>,
): SpecPathSegment[] {
  const [head, ...rest] = configPath;
  const tail = rest.map((s) => (typeof s === "object" ? s.key : s));
  switch (head) {
    case "name":
    case "max_batch_size":
      return [head];
    case "input":
    case "output": {
      const [index, field, ...deeper] = tail;
      if (typeof index !== "number") return [`${head}s`];
      return typeof field === "string" && TENSOR_FIELDS.has(field)
        ? [`${head}s`, index, field, ...deeper]
        : [`${head}s`, index];
    }
    case "instance_group": {
      const [, field, ...deeper] = tail;
      return typeof field === "string" && INSTANCE_FIELDS.has(field) ? ["instances", field, ...deeper] : ["instances"];
    }
    case "dynamic_batching":
      return ["dynamic_batching", ...tail];
    case "sequence_batching":
      return ["sequence"];
    case "model_warmup":
      return ["warmup"];
    case "parameters":
      return ["parameters", ...tail.slice(0, 1)];
    default:
      return typeof head === "string" && configKeys.has(head) ? ["config", head, ...tail] : [];
  }
}
