/**
 * Makes the `@ts-expect-error` lines of model-config.types.ts precise: with
 * the directives removed, the file must fail to compile on exactly the lines
 * they annotate, each with the TypeScript error code the directive names,
 * and nowhere else. (tsc alone only checks that *some* error is there.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/schema/package-root.js";

const ROOT = packageRoot();
const FILE = join(ROOT, "test", "types", "model-config.types.ts");
const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) (.*)$/;

interface Expectation {
  line: number;
  code: string;
  what: string;
}

function compile(text: string): Array<{ line: number; code: string; message: string }> {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (ts.sys.resolvePath(name) === FILE ? text : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    ts.sys.resolvePath(name) === FILE
      ? ts.createSourceFile(name, text, language, true)
      : getSourceFile(name, language, onError, create);
  const program = ts.createProgram({ rootNames: [FILE], options: { ...parsed.options, noEmit: true }, host });
  const source = program.getSourceFile(FILE);
  if (!source) throw new Error(`cannot load ${FILE}`);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
    line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    code: `TS${d.code}`,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
}

describe("type tests", () => {
  const original = readFileSync(FILE, "utf8");
  const lines = original.split("\n");
  const expectations: Expectation[] = [];
  const stripped = lines
    .map((line, index) => {
      const match = DIRECTIVE.exec(line);
      if (!match) return line;
      expectations.push({ line: index + 2, code: match[1] as string, what: match[2] as string });
      return line.replace(DIRECTIVE, "// (expectation removed)");
    })
    .join("\n");

  it("annotate the refusals the issue asks for", () => {
    const said = expectations.map((e) => e.what).join("\n");
    for (const needed of [
      "unknown field",
      "misspelled enum",
      "a string where an int32 goes",
      "two members of the scheduling_choice oneof",
    ]) {
      expect(said).toContain(needed);
    }
  });

  it("fail exactly where annotated, with the annotated codes", () => {
    const errors = compile(stripped);
    const got = errors.map((e) => `${e.line} ${e.code}`).sort();
    const want = expectations.map((e) => `${e.line} ${e.code}`).sort();
    expect(got, errors.map((e) => `${e.line} ${e.code} ${e.message}`).join("\n")).toEqual(want);
  }, 60_000);

  it("compile cleanly as committed", () => {
    expect(compile(original)).toEqual([]);
  }, 60_000);
});
