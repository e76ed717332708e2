import { CLI_BIN } from "../support/paths.js";
import { timedRun } from "../support/process.js";
import { median } from "../support/stats.js";

export interface StartupResult {
  runs: number;
  /** Median whole-process time of `node bin/gen-repo.js --version`. */
  medianMs: number;
  runsMs: number[];
  /** Median of `node -e ""` on this machine: the part no CLI can win back. */
  bareNodeMedianMs: number;
  version: string;
}

function timeCommand(args: readonly string[], runs: number): { runsMs: number[]; stdout: string } {
  const runsMs: number[] = [];
  let stdout = "";
  for (let i = 0; i < runs + 2; i++) {
    const run = timedRun(process.execPath, args);
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
    // The first two runs warm the file cache and are not counted.
    if (i >= 2) runsMs.push(run.ms);
    stdout = run.stdout.toString("utf8");
  }
  return { runsMs, stdout };
}

export function measureStartup(runs: number): StartupResult {
  const cli = timeCommand([CLI_BIN, "--version"], runs);
  const bare = timeCommand(["-e", ""], Math.ceil(runs / 2));
  return {
    runs,
    medianMs: median(cli.runsMs),
    runsMs: cli.runsMs,
    bareNodeMedianMs: median(bare.runsMs),
    version: cli.stdout.trim(),
  };
}
