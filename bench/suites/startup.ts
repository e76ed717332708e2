import { join } from "node:path";
import { generateRepository, writeRepository } from "../corpus/repository.js";
import { CLI_BIN } from "../support/paths.js";
import { timedRun } from "../support/process.js";
import { median } from "../support/stats.js";
import { benchTempDir } from "../support/temp.js";

export interface StartupResult {
  runs: number;
  /** Median whole-process time of `node bin/gen-repo.js --version`. */
  medianMs: number;
  runsMs: number[];
  /** Median of `node -e ""` on this machine: the part no CLI can win back. */
  bareNodeMedianMs: number;
  version: string;
  /**
   * What a pre-commit hook pays: `validate` of a 10-model repository and
   * `print` of one config, whole process, each as a ratio to bare `node -e ""`.
   */
  hookCommands: { name: string; medianMs: number; ratioToBareNode: number }[];
}

function timeCommand(
  args: readonly string[],
  runs: number,
  okStatus: readonly number[] = [0],
): { runsMs: number[]; stdout: string } {
  const runsMs: number[] = [];
  let stdout = "";
  for (let i = 0; i < runs + 2; i++) {
    const run = timedRun(process.execPath, args);
    if (run.status === null || !okStatus.includes(run.status))
      throw new Error(`node ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
    // The first two runs warm the file cache and are not counted.
    if (i >= 2) runsMs.push(run.ms);
    stdout = run.stdout.toString("utf8");
  }
  return { runsMs, stdout };
}

export function measureStartup(runs: number): StartupResult {
  const cli = timeCommand([CLI_BIN, "--version"], runs);
  const bare = timeCommand(["-e", ""], runs);
  const bareMs = median(bare.runsMs);
  const root = benchTempDir("startup-");
  const models = generateRepository(10);
  writeRepository(root, models);
  const oneConfig = join(root, models[0]?.name ?? "", "config.pbtxt");
  const hook = (name: string, args: string[]) => {
    // A generated repository may hold findings (exit 1): what is timed is the run, not its verdict.
    const median_ = median(timeCommand([CLI_BIN, ...args], runs, [0, 1]).runsMs);
    return { name, medianMs: median_, ratioToBareNode: median_ / bareMs };
  };
  const hookCommands = [
    hook("validate, 10-model repository", ["validate", root]),
    hook("print, one config", ["print", oneConfig]),
  ];
  return {
    hookCommands,
    runs,
    medianMs: median(cli.runsMs),
    runsMs: cli.runsMs,
    bareNodeMedianMs: bareMs,
    version: cli.stdout.trim(),
  };
}
