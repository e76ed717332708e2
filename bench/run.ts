/**
 * `npm run bench`: the benchmarks of issues 2 (reading and printing
 * config.pbtxt, against protoc and Python's text_format; memory; start-up),
 * 4 (validating a 1,000-model repository) and 6 (fmt against the printer).
 * Every figure is measured in this run, on a corpus generated from a fixed
 * seed. Prints a table and writes bench/results.json.
 *
 * usage: node --import tsx bench/run.ts [--quick]
 *   --quick  fewer repetitions, for trying the benchmark out (figures are noisier)
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { generateLargeConfig } from "./corpus/large-config.js";
import { CORPUS_SEED, generateRepository } from "./corpus/repository.js";
import { createProtocWorkspace, protocTasks } from "./peers/protoc.js";
import { measurePythonTextFormat, PYTHON, pythonPeerResult } from "./peers/python-text-format.js";
import { formatReport } from "./report.js";
import type { BenchResults, PeerResult } from "./results.js";
import { measureFmt } from "./suites/fmt.js";
import { measureServe } from "./suites/serve.js";
import { measureOurMemory } from "./suites/memory.js";
import { measureStartup } from "./suites/startup.js";
import { measureScaling } from "./suites/scaling.js";
import { ourTasks } from "./suites/text-format.js";
import { measureValidate } from "./suites/validate.js";
import { otherNodes } from "./support/other-nodes.js";
import { evaluateTargets } from "./targets.js";
import { interleave } from "./support/interleave.js";
import { loadTextFormat } from "./support/library.js";
import { PROJECT_ROOT } from "./support/paths.js";
import { commandWorks } from "./support/process.js";
import { utf8Bytes } from "./support/stats.js";

const CORPUS_SIZE = 1000;
const LARGE_INPUTS = 20_000;
// 250, 500 and 1,000 as issue 4 asks; 2,000 gives a third doubling for the growth exponent.
const VALIDATE_SIZES = [250, 1000, 2000, 10000];

const quick = process.argv.includes("--quick");
const repetitions = quick ? 3 : 7;
const started = performance.now();
const loadAtStart = loadavg()[0] ?? 0;

function step(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}\n`);
}

/**
 * Runs a suite whose code belongs to work in progress (the validator, fmt, a
 * peer's script): a failure becomes a `failed:` line in the report instead of
 * losing every other figure of the run.
 */
async function orFailure<T>(suite: string, run: () => T | Promise<T>): Promise<T | { skipped: string }> {
  try {
    return await run();
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    step(`${suite} failed: ${message}`);
    return { skipped: `failed: ${message.split("\n")[0] ?? ""}` };
  }
}

function versionOf(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.trim() : null;
}

const hasProtoc = commandWorks("protoc", ["--version"]);
const hasPython = commandWorks(PYTHON, ["-c", "import google.protobuf"]);

step("generating the corpus");
const generationStart = performance.now();
const models = generateRepository(CORPUS_SIZE);
const corpus = models.map((model) => model.config);
const large = generateLargeConfig(LARGE_INPUTS);
const generationMs = performance.now() - generationStart;
const kinds: Record<string, number> = {};
for (const model of models) kinds[model.kind] = (kinds[model.kind] ?? 0) + 1;

step("timing our reader and printer, and protoc, in alternation");
const api = await loadTextFormat();
const oursTiming = ourTasks(api, corpus, large);
const protocTiming = hasProtoc ? protocTasks(createProtocWorkspace(), corpus, large) : undefined;
const times = interleave({ ...oursTiming.tasks, ...protocTiming?.tasks }, repetitions, 2);
const ours = oursTiming.result(times);
const protoc: PeerResult | { skipped: string } = protocTiming
  ? protocTiming.result(times)
  : { skipped: "protoc not installed (apt-get install protobuf-compiler)" };

step("timing our reader on the large config's shape at five sizes");
const scaling = measureScaling(api, LARGE_INPUTS, repetitions);

const pythonMissing = hasPython
  ? "protoc is needed to generate model_config_pb2"
  : "python3-protobuf not installed (apt-get install python3-protobuf)";
let python: BenchResults["python"] = { skipped: pythonMissing };
let pythonMemory: BenchResults["memory"]["python"] = { skipped: pythonMissing };
if (hasPython && hasProtoc) {
  step("timing Python's text_format");
  const result = await orFailure("python", () => measurePythonTextFormat(corpus, large, quick ? 3 : 5));
  if ("skipped" in result) {
    python = result;
    pythonMemory = result;
  } else {
    python = pythonPeerResult(result, corpus, large);
    pythonMemory = result.memory;
  }
}

step("measuring memory in child processes");
const memoryRuns = quick ? 1 : 3;
const oursMemory = measureOurMemory(large, true, memoryRuns);
const oursMemoryWithoutPositions = measureOurMemory(large, false, memoryRuns);
const inputBytes = utf8Bytes([large]);
const perInput = (bytes: number | null) => (bytes === null ? null : bytes / inputBytes);

step("timing gen-repo --version start-up");
const startup = measureStartup(20);

step("timing gen-repo validate");
const nodes = otherNodes();
if (nodes.length > 0) step(`and validate of 1,000 models under ${nodes.map((node) => node.version).join(", ")}`);
const validate = await orFailure("validate", () => measureValidate(VALIDATE_SIZES, quick ? 3 : 7, undefined, nodes));

step("timing fmt");
const fmt = await orFailure("fmt", () => measureFmt(api, corpus, ours.print.corpus.medianMs, repetitions));

step("timing gen-repo serve and the ACT deployment's latency on the real Triton");
const serve = await orFailure("serve", () => measureServe(quick));

const peerRatio = (peer: PeerResult | { skipped: string }, kind: "read" | "print") =>
  "skipped" in peer ? null : peer[kind].corpus.medianMs / ours[kind].corpus.medianMs;
const bestRunRatio = (peer: PeerResult | { skipped: string }, kind: "read" | "print") =>
  "skipped" in peer ? null : peer[kind].corpus.bestMs / ours[kind].corpus.bestMs;
const cpuRatio = (peer: PeerResult | { skipped: string }, kind: "read" | "print") => {
  if ("skipped" in peer) return null;
  const theirs = peer[kind].corpus.cpuMedianMs;
  const mine = ours[kind].corpus.cpuMedianMs;
  return theirs === null || mine === null ? null : theirs / mine;
};

const linearity: BenchResults["linearity"] = {};
const addLinearity = (name: string, corpusRead: { mbPerSecond: number }, largeRead: { mbPerSecond: number }) => {
  linearity[name] = {
    corpusMbPerSecond: corpusRead.mbPerSecond,
    largeMbPerSecond: largeRead.mbPerSecond,
    largeToCorpus: largeRead.mbPerSecond / corpusRead.mbPerSecond,
  };
};
addLinearity("ours", ours.read.corpus, ours.read.large);
addLinearity("oursWithoutPositions", ours.readWithoutPositions.corpus, ours.readWithoutPositions.large);
if (!("skipped" in protoc)) addLinearity("protoc", protoc.read.corpus, protoc.read.large);
if (!("skipped" in python)) addLinearity("python", python.read.corpus, python.read.large);

const measured: Omit<BenchResults, "targets"> = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    protoc: hasProtoc ? versionOf("protoc", ["--version"]) : null,
    python: hasPython
      ? `${versionOf(PYTHON, ["--version"])}, protobuf ${"skipped" in python ? "?" : `${python.version} (${python.implementation})`}`
      : null,
    repetitions,
    totalSeconds: 0,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  },
  corpus: {
    seed: CORPUS_SEED,
    configs: corpus.length,
    bytes: utf8Bytes(corpus),
    kinds,
    generationMs,
    large: { inputs: LARGE_INPUTS, bytes: inputBytes },
  },
  ours,
  protoc,
  python,
  ratios: {
    readVsProtoc: peerRatio(protoc, "read"),
    printVsProtoc: peerRatio(protoc, "print"),
    readVsPython: peerRatio(python, "read"),
    printVsPython: peerRatio(python, "print"),
    bestRun: { readVsProtoc: bestRunRatio(protoc, "read"), printVsProtoc: bestRunRatio(protoc, "print") },
    cpuTime: { readVsProtoc: cpuRatio(protoc, "read"), printVsProtoc: cpuRatio(protoc, "print") },
  },
  linearity,
  scaling,
  memory: {
    inputBytes,
    ours: oursMemory,
    oursWithoutPositions: oursMemoryWithoutPositions,
    python: pythonMemory,
    ratios: {
      oursHeap: oursMemory.heapPeakAboveBaseline / inputBytes,
      oursRss: perInput(oursMemory.rssPeakAboveBaseline),
      oursWithoutPositionsHeap: oursMemoryWithoutPositions.heapPeakAboveBaseline / inputBytes,
      oursWithoutPositionsRss: perInput(oursMemoryWithoutPositions.rssPeakAboveBaseline),
      pythonTracemalloc: "skipped" in pythonMemory ? null : perInput(pythonMemory.traced_peak_bytes),
      pythonRss: "skipped" in pythonMemory ? null : perInput(pythonMemory.rss_peak_above_baseline_bytes),
    },
  },
  startup,
  validate,
  fmt,
  serve,
};
measured.meta.totalSeconds = (performance.now() - started) / 1000;
const results: BenchResults = { ...measured, targets: evaluateTargets(measured) };

const output = join(PROJECT_ROOT, "bench", "results.json");
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  `${formatReport(results)}\n\nfull figures: ${output} (${results.meta.totalSeconds.toFixed(0)} s)\n`,
);
