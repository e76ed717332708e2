import { join } from "node:path";
import { generateRepository, writeRepository } from "../corpus/repository.js";
import { CLI_BIN, FILE_WORK, PROJECT_ROOT } from "../support/paths.js";
import { nodeDefaultsEnv, nodeStartVariablesSet } from "../support/node-env.js";
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
  /**
   * bench/support/file-work.cjs on the same 10-model repository: the reads of
   * `validate` in a plain Node program, timed in the same rounds. What is left
   * between it and `validate` is our code: loading it, parsing, the rules.
   */
  fileWork: { medianMs: number; ratioToBareNode: number };
  /**
   * The figures above are taken with Node's defaults (bench/support/node-env.ts);
   * when this environment sets variables that make Node work at every start,
   * the same commands timed in the same rounds as it is configured.
   */
  asConfigured: { variables: string[]; bareNodeMedianMs: number; hookCommands: StartupCommand[] } | null;
}

interface Task {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** A generated repository may hold findings (exit 1): what is timed is the run, not its verdict. */
  okStatus: readonly number[];
}

/**
 * Every task once per round, in the same order, for `runs` rounds after two
 * warm-up rounds (file cache): a busy moment of the shared machine slows the
 * bare node and the commands alike, so their ratios hold.
 */
function timeRounds(tasks: readonly Task[], runs: number) {
  const wall = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const cpu = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const stdout = new Map<string, string>();
  for (let round = 0; round < runs + 2; round++) {
    for (const task of tasks) {
      const run = timedRun(process.execPath, task.args, { env: task.env });
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
  // A code cache of its own, filled by the first warm-up round: what a user's first run on their own repository
  // leaves. The shared cache may hold one an earlier run wrote (the same program on a 1,000-model repository), which
  // moved the validate figure by a few milliseconds from one bench to the next.
  const cache = { TRITON_REPO_CODE_CACHE_DIR: benchTempDir("code-cache") };
  const defaults = { ...nodeDefaultsEnv(), ...cache };
  const configured = { ...process.env, ...cache };
  const variables = nodeStartVariablesSet();
  const hooksIn = (env: NodeJS.ProcessEnv, suffix: string): Task[] => [
    { name: `validate, 10-model repository${suffix}`, args: [CLI_BIN, "validate", root], env, okStatus: [0, 1] },
    { name: `print, one config${suffix}`, args: [CLI_BIN, "print", oneConfig], env, okStatus: [0] },
    {
      name: `validate, 10-model repository, as pre-commit runs it (hooks/gen-repo.cjs)${suffix}`,
      args: [HOOK_PROGRAM, "validate", "--whole-repository", root],
      env,
      okStatus: [0, 1],
    },
  ];
  const hooks = hooksIn(defaults, "");
  const configuredHooks = variables.length > 0 ? hooksIn(configured, CONFIGURED) : [];
  const tasks: Task[] = [
    { name: "bare", args: ["-e", ""], env: defaults, okStatus: [0] },
    { name: "version", args: [CLI_BIN, "--version"], env: defaults, okStatus: [0] },
    { name: "file work", args: [FILE_WORK, root], env: defaults, okStatus: [0] },
    ...hooks,
    ...(variables.length > 0
      ? [{ name: `bare${CONFIGURED}`, args: ["-e", ""], env: configured, okStatus: [0] }, ...configuredHooks]
      : []),
  ];
  const timed = timeRounds(tasks, runs);
  const commandsAgainst = (bare: string, list: readonly Task[], suffix: string): StartupCommand[] => {
    const bareMs = median(timed.wallMs(bare));
    const bareCpu = timed.cpuMedianMs(bare);
    return list.map((task): StartupCommand => {
      const medianMs = median(timed.wallMs(task.name));
      const cpuMedianMs = timed.cpuMedianMs(task.name);
      return {
        name: task.name.slice(0, task.name.length - suffix.length),
        medianMs,
        ratioToBareNode: medianMs / bareMs,
        cpuMedianMs,
        cpuRatioToBareNode: cpuMedianMs === null || !bareCpu ? null : cpuMedianMs / bareCpu,
      };
    });
  };
  const hookCommands = commandsAgainst("bare", hooks, "");
  const asConfigured =
    variables.length > 0
      ? {
          variables,
          bareNodeMedianMs: median(timed.wallMs(`bare${CONFIGURED}`)),
          hookCommands: commandsAgainst(`bare${CONFIGURED}`, configuredHooks, CONFIGURED),
        }
      : null;
  const versionRuns = timed.wallMs("version");
  const fileWorkMs = median(timed.wallMs("file work"));
  return {
    hookCommands,
    fileWork: { medianMs: fileWorkMs, ratioToBareNode: fileWorkMs / median(timed.wallMs("bare")) },
    runs,
    medianMs: median(versionRuns),
    runsMs: versionRuns,
    bareNodeMedianMs: median(timed.wallMs("bare")),
    bareNodeCpuMedianMs: timed.cpuMedianMs("bare"),
    version: timed.stdout("version").trim(),
    asConfigured,
  };
}

/** Suffix of the task names timed in this environment as it is configured. */
const CONFIGURED = " (as configured)";
