import { generateLargeConfig } from "../corpus/large-config.js";
import type { TextFormatApi } from "../support/library.js";
import { interleave, timeOnce } from "../support/interleave.js";
import { linearFit, toThroughput, utf8Bytes, type LinearFit, type Throughput } from "../support/stats.js";

/**
 * Linearity of reading, shape held constant: the large config generated with
 * 1/16, 1/8, 1/4, 1/2 and all of its inputs. The corpus-vs-large comparison
 * the issue asks for also mixes in a different mix of fields (the large file
 * is nearly all `input` entries), which moves MB/s for protoc too; this one
 * changes only the size.
 */
export interface ScalingResult {
  points: Array<{ inputs: number } & Throughput>;
  /** Milliseconds against megabytes. */
  fit: LinearFit;
  /** MB/s of the largest over MB/s of the smallest: 1 is perfectly linear. */
  largestToSmallest: number;
}

export function measureScaling(api: TextFormatApi, largestInputs: number, repetitions: number): ScalingResult {
  const sizes = [16, 8, 4, 2, 1].map((divisor) => Math.round(largestInputs / divisor));
  const texts = new Map(sizes.map((inputs) => [inputs, generateLargeConfig(inputs)] as const));
  // The sizes take turns, round after round, so a busy moment of the machine does not land on one size.
  const tasks = Object.fromEntries(
    sizes.map((inputs) => [String(inputs), () => timeOnce(() => void api.parseConfig(texts.get(inputs) ?? ""))]),
  );
  const times = interleave(tasks, repetitions * 2, 2);
  const points = sizes.map((inputs) => ({
    inputs,
    ...toThroughput(
      (times[String(inputs)] ?? []).map((run) => run.wallMs),
      1,
      utf8Bytes([texts.get(inputs) ?? ""]),
      (times[String(inputs)] ?? []).map((run) => run.cpuMs),
    ),
  }));
  const first = points[0];
  const last = points[points.length - 1];
  return {
    points,
    fit: linearFit(points.map((point) => [point.bytes / 1e6, point.medianMs] as const)),
    largestToSmallest: first && last ? last.mbPerSecond / first.mbPerSecond : Number.NaN,
  };
}
