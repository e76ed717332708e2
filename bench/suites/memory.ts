import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { timedRun } from "../support/process.js";
import { benchTempDir } from "../support/temp.js";

/** What the child reports for one read of the large config (bytes). */
export interface MemoryReading {
  ok: boolean;
  inputBytes: number;
  heapPeakAboveBaseline: number;
  heapRetainedAboveBaseline: number;
  rssPeakAboveBaseline: number | null;
  garbageCollections: number;
}

const CHILD = resolve(import.meta.dirname, "memory-child.ts");

/**
 * Reads `text` in a fresh Node process (memory-child.ts) so nothing else the
 * benchmark allocated is counted; median of `repetitions` processes.
 */
export function measureOurMemory(text: string, positions: boolean, repetitions: number): MemoryReading {
  const file = join(benchTempDir("memory"), "large.pbtxt");
  writeFileSync(file, text);
  const readings: MemoryReading[] = [];
  for (let i = 0; i < repetitions; i++) {
    const run = timedRun(process.execPath, [
      "--expose-gc",
      "--import",
      "tsx",
      CHILD,
      file,
      positions ? "positions" : "no-positions",
    ]);
    if (run.status !== 0) throw new Error(`memory child failed:\n${run.stderr}`);
    readings.push(JSON.parse(run.stdout.toString("utf8")) as MemoryReading);
  }
  readings.sort((a, b) => a.heapPeakAboveBaseline - b.heapPeakAboveBaseline);
  const middle = readings[Math.floor(readings.length / 2)];
  if (!middle) throw new Error("no memory reading");
  return middle;
}
