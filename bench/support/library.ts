import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { MessageValue, ParseOptions, ParseResult } from "../../src/pbtxt/types.js";
import { DIST_DIR } from "./paths.js";

/**
 * The benchmarks measure what users run: the compiled library under dist/
 * (`npm run build`), loaded by path at run time. Loading by path also lets a
 * suite whose module is not written yet (fmt, validate) skip with a message
 * instead of failing to compile.
 */

export interface TextFormatApi {
  parseConfig(text: string, options?: ParseOptions): ParseResult;
  printConfig(value: MessageValue): string;
}

type Module = Record<string, unknown>;

/** The module at `dist/<relative>`, or undefined when it has not been built. */
export async function importBuilt(relative: string): Promise<Module | undefined> {
  const file = join(DIST_DIR, relative);
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as Module;
}

/** A function exported by a built module, or undefined. */
export async function builtFunction<F>(relative: string, name: string): Promise<F | undefined> {
  const module = await importBuilt(relative);
  const value = module?.[name];
  return typeof value === "function" ? (value as F) : undefined;
}

export async function loadTextFormat(): Promise<TextFormatApi> {
  const parseConfig = await builtFunction<TextFormatApi["parseConfig"]>("src/pbtxt/parser.js", "parseConfig");
  const printConfig = await builtFunction<TextFormatApi["printConfig"]>("src/pbtxt/printer.js", "printConfig");
  if (!parseConfig || !printConfig) {
    throw new Error(`parseConfig/printConfig not found under ${DIST_DIR}: run "npm run build" first`);
  }
  return { parseConfig, printConfig };
}
