import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SCHEMAS_DIR } from "../support/paths.js";
import type { PeerResult } from "../results.js";
import { timedRun } from "../support/process.js";
import { benchTempDir } from "../support/temp.js";
import { toThroughput, utf8Bytes } from "../support/stats.js";

/**
 * Python's google.protobuf.text_format as a peer (Debian's python3-protobuf,
 * run with /usr/bin/python3). protoc generates model_config_pb2 into a temp
 * directory; text_format_bench.py times Parse and MessageToString over the
 * same texts our reader gets, and measures its memory on the large config.
 */

export const PYTHON = "/usr/bin/python3";
const SCRIPT = resolve(import.meta.dirname, "text_format_bench.py");

export interface PythonResult {
  implementation: string;
  protobuf_version: string;
  corpus: { read_s: number; print_s: number; printed_bytes: number };
  large: { read_s: number; print_s: number; printed_bytes: number };
  memory: { traced_peak_bytes: number; rss_peak_above_baseline_bytes: number | null };
}

export function measurePythonTextFormat(corpus: readonly string[], large: string, repetitions: number): PythonResult {
  const dir = benchTempDir("python");
  const generate = timedRun("protoc", [`--proto_path=${SCHEMAS_DIR}`, `--python_out=${dir}`, "model_config.proto"]);
  if (generate.status !== 0) throw new Error(`protoc --python_out failed:\n${generate.stderr}`);
  const job = join(dir, "job.json");
  writeFileSync(job, JSON.stringify({ corpus, large, repetitions }));
  const run = timedRun(PYTHON, [SCRIPT, dir, job]);
  if (run.status !== 0) throw new Error(`text_format_bench.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.toString("utf8")) as PythonResult;
}

/** The script's medians in the shape of the other peers' results. */
export function pythonPeerResult(
  result: PythonResult,
  corpus: readonly string[],
  large: string,
): PeerResult & { implementation: string; version: string } {
  const bytes = { corpus: utf8Bytes(corpus), large: utf8Bytes([large]) };
  return {
    implementation: result.implementation,
    version: result.protobuf_version,
    read: {
      corpus: toThroughput([result.corpus.read_s * 1000], corpus.length, bytes.corpus),
      large: toThroughput([result.large.read_s * 1000], 1, bytes.large),
    },
    print: {
      corpus: toThroughput([result.corpus.print_s * 1000], corpus.length, result.corpus.printed_bytes),
      large: toThroughput([result.large.print_s * 1000], 1, result.large.printed_bytes),
    },
  };
}
