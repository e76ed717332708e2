// The gen-repo CLI from the sources, for the robustness suite: the same
// runCli the binary runs, started as its own process so a test can kill it
// (node --import tsx test/robustness/support/cli-entry.ts ARGS...).
// With GEN_REPO_TEST_REPORT_RSS=1 it ends stderr with "max-rss-kib: N", the
// peak memory of the run, so tests can bound memory as well as time.
import { runCli } from "../../../src/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
if (process.env.GEN_REPO_TEST_REPORT_RSS === "1")
  process.stderr.write(`max-rss-kib: ${process.resourceUsage().maxRSS}\n`);
