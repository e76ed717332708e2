#!/usr/bin/env node
// Launcher. `npm run build` (and `npm ci`, through prepare) compiles the CLI
// twice: tsc to dist/src (the library), then esbuild to dist/cli (a launcher
// and one CommonJS program it runs with V8's code cache; hooks/cli-bundle.mjs
// says why). The bundle starts faster; the tsc output is the fallback when the
// bundle is missing or older than it (someone ran tsc alone), so a stale
// bundle never runs.
//
// CommonJS (bin/package.json says so): an ES module here would load Node's ES
// module loader on every run, a cost a pre-commit hook feels.
"use strict";
const { statSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const bundle = join(__dirname, "..", "dist", "cli", "gen-repo.cjs");
const compiled = join(__dirname, "..", "dist", "src", "cli", "main.js");
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs;
const [bundleTime, compiledTime] = [mtime(bundle), mtime(compiled)];

if (bundleTime !== undefined && (compiledTime === undefined || bundleTime >= compiledTime)) {
  require(bundle);
} else if (compiledTime !== undefined) {
  import(pathToFileURL(compiled).href).then(
    async ({ runCli }) => {
      process.exitCode = await runCli(process.argv.slice(2));
    },
    (error) => {
      process.stderr.write(`gen-repo: cannot load ${compiled}: ${error.message}\n`);
      process.exitCode = 2;
    },
  );
} else {
  process.stderr.write("gen-repo: the CLI is not built (no dist/cli or dist/src): run `npm run build`\n");
  process.exitCode = 2;
}
