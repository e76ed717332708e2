import type { TextFormatApi } from "../support/library.js";
import { builtFunction } from "../support/library.js";
import { interleave, timeOnce, type Timing } from "../support/interleave.js";
import { toThroughput, utf8Bytes, type Throughput } from "../support/stats.js";

/**
 * Issue 6: the comment-keeping formatter against the plain printer on the
 * same corpus. The fair peer of `fmt` (text in, text out) is reading then
 * printing; printing alone is shown too.
 */

/** `formatPbtxt(text)`: the formatter may return the text or an object holding it. */
export type FormatFunction = (text: string) => unknown;

export type FmtResult =
  | { skipped: string }
  | { fmt: Throughput; readAndPrint: Throughput; ratioToReadAndPrint: number; ratioToPrint: number };

const CANDIDATES = ["src/fmt/index.js", "src/index.js"];

async function findFormatter(): Promise<FormatFunction | undefined> {
  for (const module of CANDIDATES) {
    const format = await builtFunction<FormatFunction>(module, "formatPbtxt");
    if (format) return format;
  }
  return undefined;
}

/** The formatted text from a string or a `{ text, ok }` result; a refusal of a corpus config is a failure. */
function formattedText(output: unknown): string {
  if (typeof output === "string") return output;
  if (output !== null && typeof output === "object" && "text" in output && typeof output.text === "string") {
    if ("ok" in output && output.ok === false) throw new Error("formatPbtxt refused a generated config");
    return output.text;
  }
  throw new Error("formatPbtxt returned neither a string nor { text }");
}

/** `given` replaces the built `formatPbtxt` (a test may pass another build's). */
export async function measureFmt(
  api: TextFormatApi,
  corpus: readonly string[],
  printMsMedian: number,
  repetitions: number,
  given?: FormatFunction,
): Promise<FmtResult> {
  const format = given ?? (await findFormatter());
  if (!format) return { skipped: `formatPbtxt not found in dist/${CANDIDATES.join(" or dist/")} (issue 6 not built yet)` };
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
  const fmt = figure(times["fmt"], formatted);
  const readAndPrint = figure(times["readAndPrint"], printed);
  return { fmt, readAndPrint, ratioToReadAndPrint: fmt.medianMs / readAndPrint.medianMs, ratioToPrint: fmt.medianMs / printMsMedian };
}
