// Builds hooks/gen-repo.mjs and hooks/gen-repo.cjs: the whole gen-repo CLI
// and its runtime dependencies as a small ES module launcher and one CommonJS
// program it runs with V8's code cache, committed to the repository.
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
// Why the code cache: the hook runs on every commit, and compiling the CLI
// was most of what `validate` adds to a bare `node` (hooks/cli-bundle.mjs).
//
//   node hooks/build.mjs          rewrite hooks/gen-repo.mjs and hooks/gen-repo.cjs
//   node hooks/build.mjs --check  exit 1 when the committed bundle is stale
//   node hooks/build.mjs --out F  write the launcher to F (NAME.mjs) and NAME.cjs beside it instead (tests)
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli, bundleIsCurrent, writeBundle } from "./cli-bundle.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outAt = process.argv.indexOf("--out");
const target = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1] : join(here, "gen-repo.mjs");
const entry = basename(target);

// The esbuild settings are shared with dist/cli (hooks/cli-bundle.mjs).
const files = await bundleCli(entry.replace(/\.mjs$/, ""), "hooks/build.mjs", "npm run build:hook");

if (process.argv.includes("--check")) {
  if (!bundleIsCurrent(dirname(target), files)) {
    process.stderr.write(
      "hooks/gen-repo.cjs or hooks/gen-repo-program.cjs is stale: run `npm run build:hook` and commit them\n",
    );
    process.exit(1);
  }
} else {
  writeBundle(dirname(target), files);
}
