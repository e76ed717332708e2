import { join } from "node:path";
import { generateRepository, writeRepository } from "../corpus/repository.js";
import { CLI_BIN, FILE_WORK } from "../support/paths.js";
import { timedRun } from "../support/process.js";
import { benchTempDir } from "../support/temp.js";
import { nodeDefaultsEnv, nodeStartVariablesSet } from "../support/node-env.js";
import type { OtherNode } from "../support/other-nodes.js";
import { growthExponent, linearFit, median, type LinearFit } from "../support/stats.js";

/**
 * `gen-repo validate` on generated repositories of growing size, timed as a
 * user waits for it: the whole process, Node start-up included.
 */

export interface ValidateSize {
  models: number;
  medianMs: number;
  runsMs: number[];
  /** Median CPU time (user + system) of the process; null where the OS does not say. */
  cpuMedianMs: number | null;
  msPerModel: number;
  exitCodes: number[];
  /**
   * bench/support/file-work.cjs on the same repository, one run beside each of
   * validate's (the 1,000-model size only; null for the others): validate's
   * reads in a plain Node process.
   */
  fileWorkMedianMs: number | null;
  /** From one extra `--format json` run; null when that output could not be read. */
  diagnostics: { errors: number; warnings: number; infos: number; topCodes: Array<[string, number]> } | null;
}

export type ValidateResult =
  | { skipped: string }
  | {
      sizes: ValidateSize[];
      fit: LinearFit;
      /**
       * From the three largest sizes: 1 when time beyond start-up grows
       * linearly with the number of models, 2 when quadratically. The smallest
       * size is left out of it because its run is mostly start-up and cold code.
       */
      growthExponent: number | null;
      kinds: Record<string, number>;
      /** The 1,000-model repository under other Nodes (bench/support/other-nodes.ts), with each one's bare start. */
      otherNodes: OtherNodeValidate[];
      /**
       * The sizes are timed with Node's defaults; when this environment sets
       * variables that make Node work at every start, the 1,000-model
       * repository timed as it is configured too (a figure, not a target).
       */
      asConfigured: { variables: string[]; models: number; medianMs: number } | null;
    };

export interface OtherNodeValidate {
  version: string;
  path: string;
  models: number;
  medianMs: number;
  cpuMedianMs: number | null;
  /** `node -e ""` under that Node, timed in the same rounds. */
  bareMedianMs: number;
}

/** The repository size timed under other Nodes (and as the environment is configured): issue 14's 1,000 models. */
const OTHER_NODES_SIZE = 1000;

/** Why validation cannot be measured yet, or undefined when `gen-repo validate` exists. */
export function validateUnavailable(cli: string = CLI_BIN): string | undefined {
  const help = timedRun(process.execPath, [cli, "validate", "--help"]);
  if (help.status === 0) return undefined;
  const reason = help.stderr.split("\n")[0] ?? `exit ${help.status}`;
  return `gen-repo validate is not available yet (${reason.trim()})`;
}

interface JsonDiagnostic {
  code?: string;
  severity?: string;
}

function summarise(stdout: string): ValidateSize["diagnostics"] {
  let diagnostics: JsonDiagnostic[];
  try {
    const parsed = JSON.parse(stdout) as { diagnostics?: JsonDiagnostic[] };
    if (!Array.isArray(parsed.diagnostics)) return null;
    diagnostics = parsed.diagnostics;
  } catch {
    return null;
  }
  const byCode = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code ?? "?";
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const count = (severity: string) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    topCodes: [...byCode.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5),
  };
}

/** `cli` is the gen-repo launcher to run (bin/gen-repo.js unless a test substitutes one). */
export function measureValidate(
  sizes: readonly number[],
  repetitions: number,
  cli: string = CLI_BIN,
  nodes: readonly OtherNode[] = [],
): ValidateResult {
  const unavailable = validateUnavailable(cli);
  if (unavailable) return { skipped: unavailable };
  const base = benchTempDir("repo");
  // Node's defaults (bench/support/node-env.ts): a variable that makes every Node start slower is the machine's cost.
  const env = nodeDefaultsEnv();
  const results: ValidateSize[] = [];
  const kinds: Record<string, number> = {};
  const others: OtherNodeValidate[] = [];
  let asConfigured: { variables: string[]; models: number; medianMs: number } | null = null;
  for (const size of sizes) {
    const models = generateRepository(size);
    const root = join(base, `repo-${size}`);
    writeRepository(root, models);
    if (size === Math.max(...sizes)) for (const model of models) kinds[model.kind] = (kinds[model.kind] ?? 0) + 1;
    const json = timedRun(process.execPath, [cli, "validate", root, "--format", "json"], { env });
    const runsMs: number[] = [];
    const cpuMs: number[] = [];
    const exitCodes: number[] = [];
    const fileWorkMs: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      if (size === OTHER_NODES_SIZE) fileWorkMs.push(timedRun(process.execPath, [FILE_WORK, root], { env }).ms);
      const run = timedRun(process.execPath, [cli, "validate", root], { env });
      runsMs.push(run.ms);
      if (run.cpuMs !== null) cpuMs.push(run.cpuMs);
      exitCodes.push(run.status ?? -1);
    }
    const medianMs = median(runsMs);
    results.push({
      models: size,
      medianMs,
      runsMs,
      cpuMedianMs: cpuMs.length === repetitions ? median(cpuMs) : null,
      msPerModel: medianMs / size,
      exitCodes,
      fileWorkMedianMs: fileWorkMs.length > 0 ? median(fileWorkMs) : null,
      diagnostics: summarise(json.stdout.toString("utf8")),
    });
    if (size === OTHER_NODES_SIZE) {
      for (const node of nodes) others.push(underOtherNode(node, cli, root, repetitions, env));
      const variables = nodeStartVariablesSet();
      if (variables.length > 0) {
        const runs = Array.from({ length: repetitions }, () => timedRun(process.execPath, [cli, "validate", root]).ms);
        asConfigured = { variables, models: size, medianMs: median(runs) };
      }
    }
  }
  const points = results.map((result) => [result.models, result.medianMs] as const);
  return {
    sizes: results,
    fit: linearFit(points),
    growthExponent: growthExponent(points.slice(-3)),
    kinds,
    otherNodes: others,
    asConfigured,
  };
}

/**
 * `validate ROOT` under another Node: one run first (it writes that Node's
 * code cache, as a user's first run does), then rounds of a bare start and
 * the command, so both come from the same moments.
 */
function underOtherNode(
  node: OtherNode,
  cli: string,
  root: string,
  repetitions: number,
  env: NodeJS.ProcessEnv,
): OtherNodeValidate {
  timedRun(node.path, [cli, "validate", root], { env });
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    bareMs.push(timedRun(node.path, ["-e", ""], { env }).ms);
    const run = timedRun(node.path, [cli, "validate", root], { env });
    if (run.status !== 0 && run.status !== 1) throw new Error(`validate under ${node.version} exited ${run.status}`);
    runsMs.push(run.ms);
    if (run.cpuMs !== null) cpuMs.push(run.cpuMs);
  }
  return {
    version: node.version,
    path: node.path,
    models: OTHER_NODES_SIZE,
    medianMs: median(runsMs),
    cpuMedianMs: cpuMs.length === repetitions ? median(cpuMs) : null,
    bareMedianMs: median(bareMs),
  };
}
