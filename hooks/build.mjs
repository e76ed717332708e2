// Builds hooks/gen-repo.mjs: the whole gen-repo CLI and its runtime
// dependencies in one ES module, committed to the repository.
//
// Why a committed bundle: pre-commit installs a hook repository from git.
// With `language: node` it runs npm's install and `npm pack`, which run our
// `prepare` (tsc, a devDependency npm leaves out for git installs; and its
// banner corrupts the tarball name pre-commit 3.0.x reads from stdout). A
// `language: script` hook runs a file of the clone as it is: nothing is
// installed or downloaded, the first run is as fast as the tenth, and every
// pre-commit release behaves the same. The bundle finds schemas/ and the
// templates beside it in the clone (src/schema/package-root.ts).
//
//   node hooks/build.mjs          rewrite hooks/gen-repo.mjs
//   node hooks/build.mjs --check  exit 1 when the committed bundle is stale
//   node hooks/build.mjs --out F  write the bundle to F instead (tests)
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSingleFile } from "./cli-bundle.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outAt = process.argv.indexOf("--out");
const target = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1] : join(here, "gen-repo.mjs");

// The esbuild settings are shared with dist/cli (hooks/cli-bundle.mjs); only this one is a single file.
const text = await bundleSingleFile("hooks/build.mjs", "npm run build:hook");

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing: stale
  }
  if (current !== text) {
    process.stderr.write("hooks/gen-repo.mjs is stale: run `npm run build:hook` and commit it\n");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  chmodSync(target, 0o755);
}
