/**
 * The CLI is built on the library, never the other way round: no module
 * outside src/cli/ imports from it (so `import "triton-repo"` never loads
 * argument parsing, terminal colours or process handling).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src", import.meta.url));
const CLI = join(SRC, "cli");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g))
    found.push(m[1] as string);
  return found;
}

it("no module outside src/cli imports from src/cli", () => {
  const offenders: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (file.startsWith(`${CLI}/`)) continue;
    for (const specifier of importsOf(readFileSync(file, "utf8"))) {
      const target = resolve(dirname(file), specifier);
      if (target === CLI || target.startsWith(`${CLI}/`)) offenders.push(`${relative(SRC, file)} -> ${specifier}`);
    }
  }
  expect(offenders).toEqual([]);
});

it("the import scan sees imports (the check can fail)", () => {
  expect(
    importsOf('import { a } from "../cli/io.js";\nexport * from "./x.js";\nawait import("../cli/main.js");'),
  ).toEqual(["../cli/io.js", "./x.js", "../cli/main.js"]);
});

/**
 * Effective config (Triton's defaults and normalisation) and what it stands on
 * (the config view, the Python reader and pb_utils' replay, the text format)
 * do not depend on the validator. One exception, named: the ensemble graph
 * walk, because Triton derives an ensemble's decoupled policy in the same walk
 * that checks the steps' tensors (ND-10), and two walks could disagree.
 */
it("effective config and the modules below it import nothing from src/validate but the ensemble graph", () => {
  const VALIDATE = join(SRC, "validate");
  const allowed = new Set([join(VALIDATE, "ensemble-graph.ts")]);
  const offenders: string[] = [];
  for (const folder of ["effective", "config", "python", "pbtxt", "schema", "wire"]) {
    for (const file of sourceFiles(join(SRC, folder))) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, ".ts");
        if (target.startsWith(`${VALIDATE}/`) && !allowed.has(target))
          offenders.push(`${relative(SRC, file)} -> ${specifier}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});
