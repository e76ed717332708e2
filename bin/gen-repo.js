#!/usr/bin/env node
// Launcher. `npm run build` (and `npm ci`, through prepare) compiles the CLI
// twice: tsc to dist/src (the library), then esbuild to dist/cli (an entry and
// a chunk per command; hooks/cli-bundle.mjs says why). The bundle starts
// faster; the tsc output is the fallback when the bundle is missing or older
// than it (someone ran tsc alone), so a stale bundle never runs.
import { statSync } from "node:fs";
import * as nodeModule from "node:module";

// Node >= 22.1 keeps the compiled code of the CLI's files on disk between runs; Node 20 has no such cache.
if (typeof nodeModule.enableCompileCache === "function") {
  try {
    nodeModule.enableCompileCache();
  } catch {
    // a cache directory we cannot write only loses the speed-up
  }
}

const bundle = new URL("../dist/cli/gen-repo.mjs", import.meta.url);
const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
const [bundleTime, compiledTime] = [mtime(bundle), mtime(compiled)];

if (bundleTime !== undefined && (compiledTime === undefined || bundleTime >= compiledTime)) {
  await import(bundle.href);
} else if (compiledTime !== undefined) {
  const { runCli } = await import(compiled.href);
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  process.stderr.write("gen-repo: the CLI is not built (no dist/cli or dist/src): run `npm run build`\n");
  process.exitCode = 2;
}
