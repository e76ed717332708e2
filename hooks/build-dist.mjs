// Builds dist/cli/: the gen-repo CLI as one entry file (dist/cli/gen-repo.mjs)
// and chunks loaded per command, which bin/gen-repo.js runs. Part of
// `npm run build`, after tsc, so tests, CI and the packed tarball all get it.
// hooks/cli-bundle.mjs holds the settings and says why.
//
//   node hooks/build-dist.mjs   rewrite dist/cli/
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSplit, writeSplit } from "./cli-bundle.mjs";

const outdir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli");
writeSplit(outdir, await bundleSplit("gen-repo", "hooks/build-dist.mjs", "npm run build"), "gen-repo.mjs");
