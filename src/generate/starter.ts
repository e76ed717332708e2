import { relative, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderTemplate } from "../render/render.js";
import { schemaPath } from "../schema/package-root.js";
import { loadSpecText } from "./load-spec.js";

export interface StarterOptions {
  /** Name of the starter model. */
  name: string;
  /** File name the spec is written to, shown in its header. */
  fileName: string;
  /** Folder the spec is written to: `$schema` points from there to our schema file. */
  directory: string;
}

/**
 * The commented starter spec `gen-repo init` writes. It is checked like any
 * spec before it is returned, so a bad `--name` is reported, not written.
 */
export function starterSpec(options: StarterOptions): { ok: boolean; text: string; diagnostics: Diagnostic[] } {
  const schema = relative(options.directory, schemaPath("repo-spec.schema.json")).split(sep).join("/");
  const text = renderTemplate("starter-spec.yaml", { name: options.name, fileName: options.fileName, schema });
  const checked = loadSpecText(text, options.fileName);
  return { ok: checked.spec !== undefined, text, diagnostics: checked.diagnostics };
}
