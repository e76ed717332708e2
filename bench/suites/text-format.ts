import type { MessageValue } from "../../src/pbtxt/types.js";
import { timeOnce, type TimedTask, type Timing } from "../support/interleave.js";
import type { TextFormatApi } from "../support/library.js";
import { toThroughput, utf8Bytes, type Throughput } from "../support/stats.js";

/**
 * Our reader and printer, in this process, over the same texts the peers get.
 * Reading is timed with positions on (the default, what the validator and the
 * CLI use) and off; printing is timed from the values read.
 */
export interface OursResult {
  read: { corpus: Throughput; large: Throughput };
  readWithoutPositions: { corpus: Throughput; large: Throughput };
  print: { corpus: Throughput; large: Throughput };
}

function readAll(api: TextFormatApi, texts: readonly string[], positions: boolean): MessageValue[] {
  return texts.map((text) => {
    const result = api.parseConfig(text, { positions });
    if (!result.ok) {
      const first = result.diagnostics[0];
      throw new Error(
        `our reader refused a generated config: ${first ? `${first.line}:${first.column}: ${first.message}` : "no diagnostic"}`,
      );
    }
    return result.value;
  });
}

/** Tasks for {@link interleave}, and how to turn their times into results. */
export function ourTasks(
  api: TextFormatApi,
  corpus: readonly string[],
  large: string,
): { tasks: Record<string, TimedTask>; result: (times: Record<string, Timing[]>) => OursResult } {
  // Read once up front: a refused config stops the benchmark here, and printing needs the values.
  const values = { corpus: readAll(api, corpus, true), large: readAll(api, [large], true) };
  const texts = { corpus, large: [large] };
  const printedBytes = { corpus: 0, large: 0 };
  const tasks: Record<string, TimedTask> = {};
  for (const set of ["corpus", "large"] as const) {
    tasks[`ours read ${set}`] = () => timeOnce(() => void readAll(api, texts[set], true));
    tasks[`ours read ${set} without positions`] = () => timeOnce(() => void readAll(api, texts[set], false));
    tasks[`ours print ${set}`] = () => {
      let printed: string[] = [];
      const timing = timeOnce(() => {
        printed = values[set].map((value) => api.printConfig(value));
      });
      printedBytes[set] = utf8Bytes(printed);
      return timing;
    };
  }
  const result = (times: Record<string, Timing[]>): OursResult => {
    const figure = (task: string, set: "corpus" | "large", bytes: number) => {
      const runs = times[task] ?? [];
      return toThroughput(
        runs.map((run) => run.wallMs),
        texts[set].length,
        bytes,
        runs.map((run) => run.cpuMs),
      );
    };
    const inputBytes = { corpus: utf8Bytes(corpus), large: utf8Bytes([large]) };
    return {
      read: {
        corpus: figure("ours read corpus", "corpus", inputBytes.corpus),
        large: figure("ours read large", "large", inputBytes.large),
      },
      readWithoutPositions: {
        corpus: figure("ours read corpus without positions", "corpus", inputBytes.corpus),
        large: figure("ours read large without positions", "large", inputBytes.large),
      },
      print: {
        corpus: figure("ours print corpus", "corpus", printedBytes.corpus),
        large: figure("ours print large", "large", printedBytes.large),
      },
    };
  };
  return { tasks, result };
}
