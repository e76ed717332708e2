import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMAS_DIR } from "../support/paths.js";
import { timedRun } from "../support/process.js";
import { benchTempDir } from "../support/temp.js";
import type { PeerResult } from "../results.js";
import type { TimedTask, Timing } from "../support/interleave.js";
import { median, toThroughput, utf8Bytes } from "../support/stats.js";

/**
 * protoc as a peer: the C++ TextFormat reader and printer that Triton itself
 * links. One protoc process reads (or prints) the whole corpus, wrapped as
 * repeated `config { ... }` fields of a helper message, so the figure is
 * per-config work, not per-process start-up; the start-up and schema loading
 * are measured on an empty input and subtracted.
 */

const HELPER_PROTO = `// Wraps a corpus of model configs in one message so one protoc process reads them all.
syntax = "proto3";

import "model_config.proto";

message Corpus {
  repeated inference.ModelConfig config = 1;
}
`;

export interface ProtocWorkspace {
  dir: string;
  /** Arguments common to every protoc run: include paths and the helper file. */
  args: string[];
}

export function createProtocWorkspace(): ProtocWorkspace {
  const dir = benchTempDir("protoc");
  writeFileSync(join(dir, "corpus.proto"), HELPER_PROTO);
  return { dir, args: [`--proto_path=${dir}`, `--proto_path=${SCHEMAS_DIR}`, "corpus.proto"] };
}

/** The corpus as text of the helper message: each config inside `config { ... }`. */
export function wrapCorpus(texts: readonly string[]): string {
  return texts.map((text) => `config {\n${text}\n}\n`).join("");
}

/** Reads text with protoc; returns the wire bytes, or throws with protoc's message. */
export function protocEncode(workspace: ProtocWorkspace, text: string | Buffer): Buffer {
  const run = timedRun("protoc", ["--encode=Corpus", ...workspace.args], { input: text });
  if (run.status !== 0) throw new Error(`protoc --encode refused the input:\n${run.stderr}`);
  return run.stdout;
}

/** What protoc printed for `wire`, without the `config { }` wrapper and its indent: the configs themselves. */
function printedConfigBytes(printed: Buffer): number {
  const text = printed
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "config {" && line !== "}")
    .map((line) => line.slice(2))
    .join("\n");
  return Buffer.byteLength(text, "utf8");
}

/**
 * Runs protoc under bash so that bash's `times` reports protoc's CPU time
 * (its second line: children's user and system time). The few milliseconds
 * bash adds are in the empty-input baseline too, and subtracted with it.
 */
const WITH_CPU_TIME = 'protoc "$@" >/dev/null; status=$?; times; exit $status';

function seconds(spelled: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(spelled);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

function timeProtoc(workspace: ProtocWorkspace, mode: string, input: string | Buffer): Timing {
  const run = timedRun("bash", ["-c", WITH_CPU_TIME, "bash", mode, ...workspace.args], { input });
  if (run.status !== 0) throw new Error(`protoc ${mode} failed:\n${run.stderr}`);
  const children = run.stdout.toString("utf8").trim().split("\n")[1]?.split(" ") ?? [];
  const cpuMs = (seconds(children[0] ?? "") + seconds(children[1] ?? "")) * 1000;
  return { wallMs: run.ms, cpuMs };
}

/**
 * Tasks for {@link interleave}: protoc reading (`--encode`) and printing
 * (`--decode`) the corpus and the large config, and protoc on an empty input
 * for each mode, whose median is subtracted: what remains is protoc's work on
 * the configs, without its start-up and loading of the schema.
 */
export function protocTasks(
  workspace: ProtocWorkspace,
  corpus: readonly string[],
  large: string,
): {
  tasks: Record<string, TimedTask>;
  result: (times: Record<string, Timing[]>) => PeerResult & { baselineMs: { read: number; print: number } };
} {
  const texts = { corpus: wrapCorpus(corpus), large: wrapCorpus([large]) };
  const wire = { corpus: protocEncode(workspace, texts.corpus), large: protocEncode(workspace, texts.large) };
  const tasks: Record<string, TimedTask> = {
    "protoc read empty": () => timeProtoc(workspace, "--encode=Corpus", ""),
    "protoc print empty": () => timeProtoc(workspace, "--decode=Corpus", Buffer.alloc(0)),
  };
  for (const set of ["corpus", "large"] as const) {
    tasks[`protoc read ${set}`] = () => timeProtoc(workspace, "--encode=Corpus", texts[set]);
    tasks[`protoc print ${set}`] = () => timeProtoc(workspace, "--decode=Corpus", wire[set]);
  }
  const printed = (set: "corpus" | "large") => {
    const run = timedRun("protoc", ["--decode=Corpus", ...workspace.args], { input: wire[set] });
    return printedConfigBytes(run.stdout);
  };
  const printedBytes = { corpus: printed("corpus"), large: printed("large") };
  const result = (times: Record<string, Timing[]>) => {
    const baselineOf = (kind: "read" | "print", clock: keyof Timing) =>
      median((times[`protoc ${kind} empty`] ?? []).map((run) => run[clock]));
    const baseline = { read: baselineOf("read", "wallMs"), print: baselineOf("print", "wallMs") };
    const cpuBaseline = { read: baselineOf("read", "cpuMs"), print: baselineOf("print", "cpuMs") };
    const figure = (kind: "read" | "print", set: "corpus" | "large") => {
      const runs = times[`protoc ${kind} ${set}`] ?? [];
      const bytes = kind === "read" ? utf8Bytes(set === "corpus" ? corpus : [large]) : printedBytes[set];
      const figures = toThroughput(
        runs.map((run) => Math.max(run.wallMs - baseline[kind], 0)),
        set === "corpus" ? corpus.length : 1,
        bytes,
        runs.map((run) => Math.max(run.cpuMs - cpuBaseline[kind], 0)),
      );
      // The best run pairs with the best empty run, not with the median one.
      const bestEmpty = Math.min(...(times[`protoc ${kind} empty`] ?? []).map((run) => run.wallMs));
      return { ...figures, bestMs: Math.max(Math.min(...runs.map((run) => run.wallMs)) - bestEmpty, 0) };
    };
    return {
      read: { corpus: figure("read", "corpus"), large: figure("read", "large") },
      print: { corpus: figure("print", "corpus"), large: figure("print", "large") },
      baselineMs: baseline,
    };
  };
  return { tasks, result };
}
