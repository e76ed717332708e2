/**
 * A unified diff of two texts (what `diff -u` and `git diff` print), for
 * `gen-repo fmt --check --diff`: which lines formatting would change.
 */

const CONTEXT = 3;
/** Above this many line pairs the longest-common-subsequence table is not built: one hunk replaces all. */
const MAX_CELLS = 4_000_000;

type Edit = { kind: " " | "-" | "+"; line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The edit script from `a` to `b`: kept, removed and added lines, in order. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  // Common head and tail first: formatting usually changes a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const edits: Edit[] = a.slice(0, head).map((line) => ({ kind: " ", line }));
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    edits.push(...midA.map((line): Edit => ({ kind: "-", line })), ...midB.map((line): Edit => ({ kind: "+", line })));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
    const width = midB.length + 1;
    const lcs = new Uint32Array((midA.length + 1) * width);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        edits.push({ kind: " ", line: midA[i] as string });
        i++;
        j++;
      } else if (
        i < midA.length &&
        (j === midB.length || (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))
      ) {
        // Removals before additions where both keep the common part, as diff -u prints them.
        edits.push({ kind: "-", line: midA[i] as string });
        i++;
      } else {
        edits.push({ kind: "+", line: midB[j] as string });
        j++;
      }
    }
  }
  edits.push(...a.slice(a.length - tail).map((line): Edit => ({ kind: " ", line })));
  return edits;
}

/** `--- FILE`, `+++ FILE` and `@@` hunks with three lines of context; "" when the texts are equal. */
export function unifiedDiff(before: string, after: string, file: string): string {
  if (before === after) return "";
  const edits = editScript(splitLines(before), splitLines(after));
  const out = [`--- ${file}\n`, `+++ ${file}\n`];
  let index = 0;
  let oldLine = 1;
  let newLine = 1;
  while (index < edits.length) {
    // Skip to the next change, counting the lines passed.
    let next = index;
    while (next < edits.length && (edits[next] as Edit).kind === " ") next++;
    if (next === edits.length) break;
    const start = Math.max(index, next - CONTEXT);
    for (let k = index; k < start; k++) {
      oldLine++;
      newLine++;
    }
    // Extend the hunk while changes are closer than twice the context.
    let end = next;
    for (;;) {
      while (end < edits.length && (edits[end] as Edit).kind !== " ") end++;
      let gap = end;
      while (gap < edits.length && (edits[gap] as Edit).kind === " ") gap++;
      if (gap < edits.length && gap - end <= 2 * CONTEXT) end = gap;
      else break;
    }
    const stop = Math.min(edits.length, end + CONTEXT);
    const hunk = edits.slice(start, stop);
    const oldCount = hunk.filter((e) => e.kind !== "+").length;
    const newCount = hunk.filter((e) => e.kind !== "-").length;
    out.push(
      `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@\n`,
    );
    for (const e of hunk) out.push(`${e.kind}${e.line}\n`);
    oldLine += oldCount;
    newLine += newCount;
    index = stop;
  }
  return out.join("");
}
