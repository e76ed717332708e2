import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * triton-repo as a user gets it: the tarball `npm pack` makes, installed into
 * a new TypeScript project (its dependencies from the npm cache that `npm ci`
 * filled), where the README's TypeScript examples and a set of consumer
 * checks compile under `tsc --strict` and run. Also holds the public face:
 * no entry reaches the CLI's modules, and no public type names protobufjs.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const work = mkdtempSync(join(tmpdir(), "triton-consumer-"));
const project = join(work, "project");
const installed = join(project, "node_modules", "triton-repo");

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
  } catch (error: unknown) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

/** The ```ts blocks of the README, in order. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

beforeAll(() => {
  // `npm test` builds dist/ first; pack it as is instead of building again.
  if (!existsSync(join(ROOT, "dist", "src", "index.js")))
    run(process.execPath, [TSC, "-p", "tsconfig.build.json"], ROOT);
  const packed = JSON.parse(
    run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT),
  ) as Array<{ filename: string }>;
  const tarball = join(work, (packed[0] as { filename: string }).filename);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], project);
  const examples = readmeExamples();
  examples.forEach((code, i) => {
    writeFileSync(join(project, `readme-${i + 1}.ts`), code);
  });
  copyFileSync(join(ROOT, "test", "consumer", "project", "checks.ts"), join(project, "checks.ts"));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        resolveJsonModule: true,
        skipLibCheck: false,
        outDir: "out",
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules", "@types")],
      },
      files: [...examples.map((_, i) => `readme-${i + 1}.ts`), "checks.ts"],
    }),
  );
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed package in a consumer project", () => {
  it("compiles the README's examples and the consumer checks with tsc --strict", () => {
    expect(readmeExamples().length).toBeGreaterThanOrEqual(2);
    run(process.execPath, [TSC, "-p", "tsconfig.json"], project);
  });

  it("runs every README example", () => {
    const examples = readmeExamples();
    examples.forEach((_, i) => {
      const out = join(project, `readme-${i + 1}.out`);
      run(process.execPath, [join(project, "out", `readme-${i + 1}.js`), out], project);
    });
    // The build-script example writes the config it built.
    expect(readFileSync(join(project, "readme-1.out"), "utf8")).toContain('name: "classifier"');
  });

  it("runs the consumer checks", () => {
    expect(run(process.execPath, [join(project, "out", "checks.js")], project)).toContain("consumer checks passed");
  });

  it("runs the CLI the package installs", () => {
    expect(run(join(project, "node_modules", ".bin", "gen-repo"), ["--version"], project)).toMatch(/^\d+\.\d+\.\d+/);
    // npm run build bundles the CLI into dist/cli (bin/gen-repo.js runs it): the tarball carries it, program included.
    if (existsSync(join(ROOT, "dist", "cli", "gen-repo.cjs"))) {
      expect(existsSync(join(installed, "dist", "cli", "gen-repo.cjs"))).toBe(true);
      expect(existsSync(join(installed, "dist", "cli", "gen-repo-program.cjs"))).toBe(true);
      const help = run(join(project, "node_modules", ".bin", "gen-repo"), ["validate", "--help"], project);
      expect(help).toContain("usage: gen-repo validate");
    }
  });

  it("has library entries that never load the CLI's modules", () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      exports: Record<string, string | { import: string }>;
    };
    const entries = Object.values(pkg.exports).flatMap((e) =>
      typeof e === "object" ? [resolve(installed, e.import)] : [],
    );
    expect(entries.length).toBeGreaterThanOrEqual(6);
    const reached = reachable(
      entries,
      /(?:import|export)[^'"]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g,
    );
    const cli = [...reached].map((f) => relative(installed, f)).filter((f) => f.startsWith("dist/src/cli/"));
    expect(cli).toEqual([]);
    expect(reached.size).toBeGreaterThan(20);
  });

  it("exports each runtime name from exactly one entry", async () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      exports: Record<string, string | { import: string }>;
    };
    const owners = new Map<string, string[]>();
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target !== "object") continue;
      const module = (await import(resolve(installed, target.import))) as Record<string, unknown>;
      for (const name of Object.keys(module)) owners.set(name, [...(owners.get(name) ?? []), entry]);
    }
    expect([...owners].filter(([, entries]) => entries.length > 1)).toEqual([]);
    expect(owners.get("runCli")).toBeUndefined();
    expect(owners.get("validateConfig")).toEqual(["."]);
  });

  it("has public types that never name protobufjs", () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      exports: Record<string, string | { types: string }>;
    };
    const entries = Object.values(pkg.exports).flatMap((e) =>
      typeof e === "object" ? [resolve(installed, e.types)] : [],
    );
    const reached = reachable(
      entries,
      /(?:import|export)[^'"]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g,
      ".d.ts",
    );
    // An import of protobufjs in a declaration file puts its types in ours (comments may still name it).
    const naming = [...reached]
      .filter((f) => /from\s*["']protobufjs["']|import\(\s*["']protobufjs["']\s*\)/.test(readFileSync(f, "utf8")))
      .map((f) => relative(installed, f));
    expect(reached.size).toBeGreaterThan(20);
    expect(naming).toEqual([]);
  });
});

/** Every module reachable from `entries` through relative imports (static and dynamic). */
function reachable(entries: string[], pattern: RegExp, declaration?: ".d.ts"): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined && seen.size < 5_000; file = queue.pop()) {
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(pattern)) {
      const spec = (m[1] ?? m[2]) as string;
      let target = resolve(dirname(file), spec);
      if (declaration) target = target.replace(/\.js$/, ".d.ts");
      if (!target.endsWith(".json")) queue.push(target);
    }
  }
  return seen;
}
