/**
 * Entry point of `npm run codegen` (node --import tsx src/codegen/main.ts).
 * Kept out of the runtime build (tsconfig.build.json excludes src/codegen), so
 * ts-morph is a build-time tool only.
 */
import { packageRoot } from "../schema/package-root.js";
import { runCodegen } from "./run.js";

process.exitCode = runCodegen(process.argv.slice(2), {
  root: packageRoot(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
