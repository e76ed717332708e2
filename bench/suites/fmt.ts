import type { TextFormatApi } from "../support/library.js";
import { builtFunction } from "../support/library.js";
import { interleave, timeOnce, type Timing } from "../support/interleave.js";
import { toThroughput, utf8Bytes, type Throughput } from "../support/stats.js";

/**
 * Issue 6: the comment-keeping formatter against the plain printer on the
 * same corpus. The fair peer of `fmt` (text in, text out) is reading then
 * printing; printing alone is shown too.
 */

/** `formatPbtxt` of the built library (`dist/src/formatter/index.js`). */
export type FormatFunction = (text: string) => { text: string; ok: boolean };

export type FmtResult =
  | { skipped: string }
  | { fmt: Throughput; readAndPrint: Throughput; ratioToReadAndPrint: number; ratioToPrint: number };

/** The formatted text; a refusal of a corpus config is a failure of the benchmark. */
function formattedText(output: ReturnType<FormatFunction>): string {
  if (!output.ok) throw new Error("formatPbtxt refused a generated config");
  return output.text;
}

export async function measureFmt(
  api: TextFormatApi,
  corpus: readonly string[],
  printMsMedian: number,
  repetitions: number,
): Promise<FmtResult> {
  const format = await builtFunction<FormatFunction>("src/formatter/index.js", "formatPbtxt");
  if (!format) return { skipped: "formatPbtxt not found in dist/src/formatter/index.js (run npm run build)" };
  let formatted: string[] = [];
  let printed: string[] = [];
  const times = interleave(
    {
      fmt: () =>
        timeOnce(() => {
          formatted = corpus.map((text) => formattedText(format(text)));
        }),
      readAndPrint: () =>
        timeOnce(() => {
          printed = corpus.map((text) => api.printConfig(api.parseConfig(text, { positions: false }).value));
        }),
    },
    repetitions,
    2,
  );
  const figure = (runs: readonly Timing[] | undefined, texts: readonly string[]) =>
    toThroughput(
      (runs ?? []).map((run) => run.wallMs),
      corpus.length,
      utf8Bytes(texts),
      (runs ?? []).map((run) => run.cpuMs),
    );
  const fmt = figure(times.fmt, formatted);
  const readAndPrint = figure(times.readAndPrint, printed);
  return {
    fmt,
    readAndPrint,
    ratioToReadAndPrint: fmt.medianMs / readAndPrint.medianMs,
    ratioToPrint: fmt.medianMs / printMsMedian,
  };
}
