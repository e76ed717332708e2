// Test support: puts `# gen-repo: fmt off` / `fmt on` lines at random line
// starts of a config (any line start is between two tokens), sometimes nested
// or without their `on`, and says which spans must come out byte for byte:
// each outermost `off` line through its matching `on` line.
import type { Random } from "../../bench/corpus/random.js";

export const FMT_OFF = "# gen-repo: fmt off";
export const FMT_ON = "# gen-repo: fmt on";

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && i + 1 < text.length) starts.push(i + 1);
  return starts;
}

/** The spans from each outermost `off` line to the end of its matching `on` line. */
export function keptSpans(text: string): string[] {
  const kept: string[] = [];
  let depth = 0;
  let start = 0;
  for (const match of text.matchAll(/^[ \t]*# gen-repo: fmt (off|on)$/gm)) {
    if (match[1] === "off") {
      if (depth++ === 0) start = match.index;
    } else if (depth > 0 && --depth === 0) {
      kept.push(text.slice(start, match.index + match[0].length));
    }
  }
  return kept;
}

/** `text` with `count` directive lines (more `off` than `on`) at random line starts, and its kept spans. */
export function withDirectives(text: string, rng: Random, count: number): { text: string; kept: string[] } {
  const starts = lineStarts(text);
  const marks = new Map<number, string[]>();
  for (let k = 0; k < count; k++) {
    const at = rng.pick(starts);
    marks.set(at, [...(marks.get(at) ?? []), rng.chance(0.55) ? FMT_OFF : FMT_ON]);
  }
  let out = "";
  let from = 0;
  for (const at of [...marks.keys()].sort((a, b) => a - b)) {
    out += text.slice(from, at);
    for (const line of marks.get(at) ?? []) out += `${" ".repeat(rng.below(3))}${line}\n`;
    from = at;
  }
  out += text.slice(from);
  return { text: out, kept: keptSpans(out) };
}
