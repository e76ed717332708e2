// Builds dist/cli/: the gen-repo CLI as a launcher (dist/cli/gen-repo.mjs) and
// one CommonJS program beside it (dist/cli/gen-repo.cjs), which bin/gen-repo.js
// runs. Part of `npm run build`, after tsc, so tests, CI and the packed tarball
// all get it. hooks/cli-bundle.mjs holds the settings and says why.
//
//   node hooks/build-dist.mjs   rewrite dist/cli/
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli, writeBundle } from "./cli-bundle.mjs";

const outdir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli");
mkdirSync(outdir, { recursive: true });
writeBundle(outdir, await bundleCli("gen-repo", "hooks/build-dist.mjs", "npm run build"));
