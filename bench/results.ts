import type { PythonResult } from "./peers/python-text-format.js";
import type { FmtResult } from "./suites/fmt.js";
import type { ServeResult } from "./suites/serve.js";
import type { MemoryReading } from "./suites/memory.js";
import type { ScalingResult } from "./suites/scaling.js";
import type { StartupResult } from "./suites/startup.js";
import type { OursResult } from "./suites/text-format.js";
import type { ValidateResult } from "./suites/validate.js";
import type { Throughput } from "./support/stats.js";

/** Everything one `npm run bench` measured; written to bench/results.json. */
export interface BenchResults {
  meta: {
    date: string;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    protoc: string | null;
    python: string | null;
    repetitions: number;
    totalSeconds: number;
    /** 1-minute load average at the start and the end: above the CPU count, other work competed with the benchmark. */
    loadAverage: { start: number; end: number };
  };
  corpus: {
    seed: number;
    configs: number;
    bytes: number;
    kinds: Record<string, number>;
    generationMs: number;
    large: { inputs: number; bytes: number };
  };
  ours: OursResult;
  protoc: PeerResult | { skipped: string };
  python: (PeerResult & { implementation: string; version: string }) | { skipped: string };
  ratios: {
    /** ours / peer in configs per second: above 1 means we are faster. */
    readVsProtoc: number | null;
    printVsProtoc: number | null;
    readVsPython: number | null;
    printVsPython: number | null;
    /** The same from the best run of each, which a busy machine disturbs least. */
    bestRun: { readVsProtoc: number | null; printVsProtoc: number | null };
    /** The same from median CPU times, which other processes on the machine barely move. */
    cpuTime: { readVsProtoc: number | null; printVsProtoc: number | null };
  };
  /** Reading MB/s of the large config over that of the corpus, per reader. */
  linearity: Record<string, { corpusMbPerSecond: number; largeMbPerSecond: number; largeToCorpus: number }>;
  /** Our reading of the large config's shape at five sizes. */
  scaling: ScalingResult;
  memory: {
    inputBytes: number;
    ours: MemoryReading;
    oursWithoutPositions: MemoryReading;
    python: PythonResult["memory"] | { skipped: string };
    /** Peaks above the baseline divided by the input size. */
    ratios: {
      oursHeap: number;
      oursRss: number | null;
      oursWithoutPositionsHeap: number;
      oursWithoutPositionsRss: number | null;
      pythonTracemalloc: number | null;
      pythonRss: number | null;
    };
  };
  startup: StartupResult;
  validate: ValidateResult;
  fmt: FmtResult;
  /** Issue 9: gen-repo serve start to ready, ACT latency over gRPC and HTTP (figures, not targets). */
  serve: ServeResult | { skipped: string };
  targets: Target[];
}

export interface PeerResult {
  read: { corpus: Throughput; large: Throughput };
  print: { corpus: Throughput; large: Throughput };
  /** Process start-up and schema loading, measured on an empty input and subtracted (protoc only). */
  baselineMs?: { read: number; print: number };
}

export interface Target {
  issue: number;
  name: string;
  measured: string;
  target: string;
  met: boolean | null;
}
