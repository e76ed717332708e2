#!/usr/bin/env node
// Thin launcher: the CLI itself is compiled to dist/ by `npm ci` (prepare).
import { runCli } from "../dist/src/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
