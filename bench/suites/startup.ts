import { join } from "node:path";
import { generateRepository, writeRepository } from "../corpus/repository.js";
import { CLI_BIN, PROJECT_ROOT } from "../support/paths.js";
import { timedRun } from "../support/process.js";
import { median } from "../support/stats.js";
import { benchTempDir } from "../support/temp.js";

/** What pre-commit runs (.pre-commit-hooks.yaml): the committed single-file bundle. */
const HOOK_PROGRAM = join(PROJECT_ROOT, "hooks", "gen-repo.cjs");

export interface StartupCommand {
  name: string;
  medianMs: number;
  ratioToBareNode: number;
  /** Median CPU time (user + system) of the process, null where the OS does not say. */
  cpuMedianMs: number | null;
  /** The same ratio in CPU time: it holds better than wall time when other work shares the cores. */
  cpuRatioToBareNode: number | null;
}

export interface StartupResult {
  runs: number;
  /** Median whole-process time of `node bin/gen-repo.js --version`. */
  medianMs: number;
  runsMs: number[];
  /** Median of `node -e ""` on this machine: the part no CLI can win back. */
  bareNodeMedianMs: number;
  bareNodeCpuMedianMs: number | null;
  version: string;
  /**
   * What a pre-commit hook pays: `validate` of a 10-model repository and
   * `print` of one config through bin/gen-repo.js, and `validate` through the
   * hook program pre-commit runs; whole process, each as a ratio to bare
   * `node -e ""` timed in the same rounds.
   */
  hookCommands: StartupCommand[];
}

interface Task {
  name: string;
  args: string[];
  /** A generated repository may hold findings (exit 1): what is timed is the run, not its verdict. */
  okStatus: readonly number[];
}

/**
 * Every task once per round, in the same order, for `runs` rounds after two
 * warm-up rounds (file cache): a busy moment of the shared machine slows the
 * bare node and the commands alike, so their ratios hold.
 */
function timeRounds(tasks: readonly Task[], runs: number, env: NodeJS.ProcessEnv) {
  const wall = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const cpu = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const stdout = new Map<string, string>();
  for (let round = 0; round < runs + 2; round++) {
    for (const task of tasks) {
      const run = timedRun(process.execPath, task.args, { env });
      if (run.status === null || !task.okStatus.includes(run.status))
        throw new Error(`node ${task.args.join(" ")} exited ${run.status}:\n${run.stderr}`);
      if (round < 2) continue;
      wall.get(task.name)?.push(run.ms);
      if (run.cpuMs !== null) cpu.get(task.name)?.push(run.cpuMs);
      stdout.set(task.name, run.stdout.toString("utf8"));
    }
  }
  return {
    wallMs: (name: string) => wall.get(name) ?? [],
    cpuMedianMs: (name: string) => {
      const values = cpu.get(name) ?? [];
      return values.length === runs ? median(values) : null;
    },
    stdout: (name: string) => stdout.get(name) ?? "",
  };
}

export function measureStartup(runs: number): StartupResult {
  const root = benchTempDir("startup-");
  const models = generateRepository(10);
  writeRepository(root, models);
  const oneConfig = join(root, models[0]?.name ?? "", "config.pbtxt");
  const hooks: Task[] = [
    { name: "validate, 10-model repository", args: [CLI_BIN, "validate", root], okStatus: [0, 1] },
    { name: "print, one config", args: [CLI_BIN, "print", oneConfig], okStatus: [0] },
    {
      name: "validate, 10-model repository, as pre-commit runs it (hooks/gen-repo.cjs)",
      args: [HOOK_PROGRAM, "validate", "--whole-repository", root],
      okStatus: [0, 1],
    },
  ];
  const tasks: Task[] = [
    { name: "bare", args: ["-e", ""], okStatus: [0] },
    { name: "version", args: [CLI_BIN, "--version"], okStatus: [0] },
    ...hooks,
  ];
  // A code cache of its own, filled by the first warm-up round: what a user's first run on their own repository
  // leaves. The shared cache may hold one an earlier run wrote (the same program on a 1,000-model repository), which
  // moved the validate figure by a few milliseconds from one bench to the next.
  const env = { ...process.env, TRITON_REPO_CODE_CACHE_DIR: benchTempDir("code-cache") };
  const timed = timeRounds(tasks, runs, env);
  const bareMs = median(timed.wallMs("bare"));
  const bareCpu = timed.cpuMedianMs("bare");
  const hookCommands = hooks.map((task): StartupCommand => {
    const medianMs = median(timed.wallMs(task.name));
    const cpuMedianMs = timed.cpuMedianMs(task.name);
    return {
      name: task.name,
      medianMs,
      ratioToBareNode: medianMs / bareMs,
      cpuMedianMs,
      cpuRatioToBareNode: cpuMedianMs === null || !bareCpu ? null : cpuMedianMs / bareCpu,
    };
  });
  const versionRuns = timed.wallMs("version");
  return {
    hookCommands,
    runs,
    medianMs: median(versionRuns),
    runsMs: versionRuns,
    bareNodeMedianMs: bareMs,
    bareNodeCpuMedianMs: bareCpu,
    version: timed.stdout("version").trim(),
  };
}
