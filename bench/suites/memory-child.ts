import { readFileSync, writeFileSync } from "node:fs";
import { GCProfiler, getHeapStatistics } from "node:v8";
import { loadTextFormat } from "../support/library.js";

/**
 * Child process of memory.ts: reads one file with our reader and reports how
 * much memory the read took above the process's baseline, as JSON on stdout.
 * Run it with --expose-gc.
 *
 * The baseline is taken after the library is loaded, a small config has been
 * read once (schema loaded, code compiled) and the input text is in memory,
 * so what remains is the cost of reading itself. Two peaks are reported:
 * - heap: V8's used heap just before every garbage collection during the read
 *   (GCProfiler) and at its end, the same kind of figure as Python's
 *   tracemalloc peak;
 * - RSS: the kernel's high-water mark (VmHWM), reset just before the read.
 * usage: memory-child.ts FILE positions|no-positions
 */

function procStatus(field: "VmRSS" | "VmHWM"): number | undefined {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${field}:`));
  const kilobytes = line?.split(/\s+/)[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
}

/** Linux resets VmHWM to the current RSS when 5 is written to clear_refs. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

const [file, mode] = process.argv.slice(2);
if (file === undefined || (mode !== "positions" && mode !== "no-positions")) {
  throw new Error("usage: memory-child.ts FILE positions|no-positions");
}
const collect = globalThis.gc;
if (!collect) throw new Error("run with --expose-gc");
const positions = mode === "positions";

const api = await loadTextFormat();
const text = readFileSync(file, "utf8");
api.parseConfig('name: "warm"\nbackend: "python"\ninput [{ name: "x" data_type: TYPE_FP32 dims: [1] }]\n', {
  positions,
});
collect();
collect();

const peakReset = resetPeakRss();
const rssBefore = procStatus("VmRSS");
const heapBefore = getHeapStatistics();
const profiler = new GCProfiler();
profiler.start();
const result = api.parseConfig(text, { positions });
const profile = profiler.stop();
const heapAtEnd = getHeapStatistics();
const rssPeak = procStatus("VmHWM");

const heapBeforeEachGc = profile.statistics.map(
  (event) => event.beforeGC.heapStatistics.usedHeapSize + event.beforeGC.heapStatistics.externalMemory,
);
const heapPeak = Math.max(heapAtEnd.used_heap_size + heapAtEnd.external_memory, ...heapBeforeEachGc);
collect();
const heapRetained = getHeapStatistics();

process.stdout.write(
  JSON.stringify({
    ok: result.ok,
    inputBytes: Buffer.byteLength(text, "utf8"),
    heapPeakAboveBaseline: heapPeak - (heapBefore.used_heap_size + heapBefore.external_memory),
    heapRetainedAboveBaseline:
      heapRetained.used_heap_size +
      heapRetained.external_memory -
      (heapBefore.used_heap_size + heapBefore.external_memory),
    rssPeakAboveBaseline: peakReset && rssPeak !== undefined && rssBefore !== undefined ? rssPeak - rssBefore : null,
    garbageCollections: profile.statistics.length,
    // Keeps the value alive until after the measurement above.
    fields: Object.keys(result.value).length,
  }),
);
