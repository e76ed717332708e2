// Builds hooks/gen-repo.mjs and hooks/chunks/: the whole gen-repo CLI and its
// runtime dependencies as an ES module entry and the chunks it loads per
// command, committed to the repository.
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
// Why chunks: the hook runs on every commit, and one file holding every
// command (protobufjs, ajv, yaml and handlebars included) made Node read and
// compile ~600 KB for a `validate` that needs a third of it.
//
//   node hooks/build.mjs          rewrite hooks/gen-repo.mjs and hooks/chunks/
//   node hooks/build.mjs --check  exit 1 when the committed bundle is stale
//   node hooks/build.mjs --out F  write the entry to F and the chunks to chunks/ beside it instead (tests)
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSplit, splitIsCurrent, writeSplit } from "./cli-bundle.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outAt = process.argv.indexOf("--out");
const target = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1] : join(here, "gen-repo.mjs");
const entry = basename(target);

// The esbuild settings are shared with dist/cli (hooks/cli-bundle.mjs).
const files = await bundleSplit(entry.replace(/\.mjs$/, ""), "hooks/build.mjs", "npm run build:hook");

if (process.argv.includes("--check")) {
  if (!splitIsCurrent(dirname(target), files)) {
    process.stderr.write("hooks/gen-repo.mjs or hooks/chunks/ is stale: run `npm run build:hook` and commit them\n");
    process.exit(1);
  }
} else {
  writeSplit(dirname(target), files, entry);
}
