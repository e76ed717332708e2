// The gen-repo CLI from the sources, for the robustness suite: the same
// runCli the binary runs, started as its own process so a test can kill it
// (node --import tsx test/robustness/support/cli-entry.ts ARGS...).
import { runCli } from "../../../src/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
