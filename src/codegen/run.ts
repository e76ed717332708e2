import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type GeneratedFiles, generateAll } from "./outputs.js";

export interface CodegenIo {
  /** Folder the generated/ paths are relative to (the package root). */
  root: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = "usage: npm run codegen [-- --check]\n";
const GENERATED_DIR = "generated";

/** Generated paths whose file is missing or differs, plus files in generated/ that codegen no longer writes. */
export function staleFiles(root: string, files: GeneratedFiles): string[] {
  const stale: string[] = [];
  for (const [path, text] of files) {
    const full = join(root, path);
    if (!existsSync(full) || readFileSync(full, "utf8") !== text) stale.push(path);
  }
  const dir = join(root, GENERATED_DIR);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      const path = `${GENERATED_DIR}/${name}`;
      if (!files.has(path)) stale.push(path);
    }
  }
  return stale;
}

/**
 * Writes every file through a temporary name and a rename, so a reader never
 * sees half a file, then deletes what codegen no longer produces.
 */
function writeAll(root: string, files: GeneratedFiles): void {
  for (const [path, text] of files) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    const temporary = `${full}.tmp-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, full);
  }
  const dir = join(root, GENERATED_DIR);
  for (const name of readdirSync(dir)) {
    if (!files.has(`${GENERATED_DIR}/${name}`)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * `npm run codegen`: regenerates generated/ from schemas/model_config.proto.
 * With `--check` it writes nothing and exits 1 naming each stale file.
 * Exit codes: 0 done or up to date, 1 stale, 2 bad usage or generator failure.
 */
export function runCodegen(argv: readonly string[], io: CodegenIo): number {
  const unknown = argv.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    io.stderr(`codegen: unknown argument "${unknown[0]}"\n${USAGE}`);
    return 2;
  }
  let files: GeneratedFiles;
  try {
    files = generateAll();
  } catch (error: unknown) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (argv.includes("--check")) {
    const stale = staleFiles(io.root, files);
    if (stale.length === 0) {
      io.stdout(`codegen: ${files.size} generated files are up to date\n`);
      return 0;
    }
    io.stderr(
      `codegen: generated files are not up to date:\n${stale.map((p) => `  ${p}\n`).join("")}run \`npm run codegen\` and commit the result\n`,
    );
    return 1;
  }
  writeAll(io.root, files);
  io.stdout(`codegen: wrote ${[...files.keys()].join(", ")}\n`);
  return 0;
}
