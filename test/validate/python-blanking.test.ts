/**
 * The model.py checks read code with comments and string literals blanked
 * (src/python/source.ts), so that what a string or comment says is never
 * taken for code, and code is never taken for a string. Python's own
 * tokenizer is the oracle: from its STRING and COMMENT tokens the test builds
 * the blanked text it expects (a comment all blank; a string's prefix and
 * quotes kept, what is between them blank but its line breaks) and compares.
 * The texts are Triton's own model.py files, the ones our generator writes,
 * and hand-made ones at the tokenizer's edges, each also with `\r\n` and `\r`
 * line endings, which Python reads as `\n`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPythonSource } from "../../src/python/source.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

/**
 * Python 3 prints, per text, the [start row, start col, end row, end col, kind] of each string and comment,
 * or null for a text that is not Python (compile refuses it): tokenize alone lets some through.
 */
const TOKENIZE = `
import io, json, sys, tokenize
out = []
for text in json.load(sys.stdin):
    try:
        compile(text.replace(chr(13) + chr(10), chr(10)).replace(chr(13), chr(10)), "m", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        out.append(None)
        continue
    spans = []
    opened = None
    # newline=None: universal newlines, as Python reads a source file.
    for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
        kind = tokenize.tok_name[tok.type]
        if kind == "FSTRING_START":
            opened = tok.start
        elif kind == "FSTRING_END":
            spans.append([*opened, *tok.end, "STRING"])
            opened = None
        elif opened is None and kind in ("STRING", "COMMENT"):
            spans.append([*tok.start, *tok.end, kind])
    out.append(spans)
json.dump(out, sys.stdout)
`;

const python = spawnSync("/usr/bin/python3", ["-c", "import tokenize"]).status === 0;
if (!python && process.env.CI === "true") throw new Error("CI=true but /usr/bin/python3 is not installed");
if (!python) console.warn("skipping the blanking test against Python's tokenizer: /usr/bin/python3 not found");

type Span = [number, number, number, number, "STRING" | "COMMENT"];

function pythonSpans(texts: string[]): Array<Span[] | null> {
  const run = spawnSync("/usr/bin/python3", ["-c", TOKENIZE], {
    input: JSON.stringify(texts),
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`python3 tokenize failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Array<Span[] | null>;
}

/** The offset in `text` (UTF-16 units) of Python's (row, column in code points). */
function offsetOf(text: string, lineStarts: number[], row: number, column: number): number {
  const start = lineStarts[row - 1];
  // Python counted more lines than the text holds: it ends lines where the text does not.
  if (start === undefined) throw new Error(`Python's line ${row} is not a line of the text read`);
  let at = start;
  for (let n = 0; n < column; n++) at += (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
  return at;
}

/** The blanked text Python's tokens call for. */
function expectedCode(text: string, spans: Span[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const chars = text.split("");
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== "\n") chars[i] = " ";
  };
  for (const [r1, c1, r2, c2, kind] of spans) {
    const start = offsetOf(text, lineStarts, r1, c1);
    const end = offsetOf(text, lineStarts, r2, c2);
    if (kind === "COMMENT") blank(start, end);
    else {
      let open = start;
      while (open < end && !"'\"".includes(text[open] as string)) open++; // past the prefix: r, b, f, u, rb, …
      const quote = text.startsWith(text[open]?.repeat(3) as string, open) && end - open >= 6 ? 3 : 1;
      blank(open + quote, end - quote);
    }
  }
  return chars.join("");
}

const EDGES = [
  'x = "a \\\n  continued" ; y = 1  # after a continued string\n',
  "x = 'a \\\n  continued' ; y = 'b'\n",
  's = "a # not a comment"  # a comment with "quotes" and \'more\'\n',
  'd = """a \'single\' and "double"\n  # not a comment\n"""  ; e = 2\n',
  "d = '''one\n'' two ''\nthree'''\n",
  "q = \"escaped \\\" quote\" + 'and \\' this'\n",
  'r = r"raw \\" still raw" ; b = b"\\x00" ; f = f"{x!r:>{width}}"\n',
  'u = "😀 emoji" ; v = "é" ; w = 3  # 😀 in a comment\n',
  'empty = "" ; empty2 = \'\' ; triple_empty = """"""\n',
  'tricky = """ends with a quote\\""""\n',
  "class TritonPythonModel:\n    def execute(self, requests):\n        # return None\n        return [r for r in requests if '#' in str(r)]\n",
];

describe.skipIf(!python)("model.py blanking, against Python's tokenizer", () => {
  const texts: Array<[string, string]> = EDGES.map((text, i) => [`edge ${i + 1}`, text]);
  if (sharedAvailable()) {
    const manifest = JSON.parse(readFileSync(sharedPath("conformance", "python", "manifest.json"), "utf8")) as Array<{
      file: string;
    }>;
    for (const { file } of manifest)
      texts.push([file, readFileSync(sharedPath("conformance", "python", file), "utf8")]);
  }
  const variants = texts.flatMap(([name, text]): Array<[string, string]> => {
    const lf = text.replace(/\r\n?/g, "\n");
    return [
      [name, lf],
      [`${name} (\\r\\n)`, lf.replace(/\n/g, "\r\n")],
      [`${name} (\\r)`, lf.replace(/\n/g, "\r")],
    ];
  });
  const spans = python ? pythonSpans(variants.map(([, text]) => text)) : [];

  it.each(variants.map(([name, text], i) => [name, text, i] as const))("%s", (_name, text, i) => {
    const source = readPythonSource("model.py", text);
    const tokens = spans[i];
    expect(tokens, "Python compiles it").not.toBeNull();
    expect(source.code).toBe(expectedCode(source.text, tokens as Span[]));
  });

  it("random texts of quotes, escapes, comments and line endings that Python compiles", () => {
    const pieces = ['"', "'", '"""', "'''", "\\", "\n", "\r\n", "\r", "#", " ", "\t", "x", "=", "r", "b", "f"];
    pieces.push("{", "}", "(", ")", "1", "é", "😀", "\u2028", "\\\n", 'x = "', "' # '", '"""doc', "''");
    const texts = fc.sample(
      fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((a) => `${a.join("")}\n`),
      {
        seed: 20_261_205,
        numRuns: 6000,
      },
    );
    const tokens = pythonSpans(texts);
    const compiled = texts.flatMap((text, i) => {
      const spans = tokens[i];
      return spans ? [{ text, spans }] : [];
    });
    // Enough of them are Python for the comparison to mean something.
    expect(compiled.length).toBeGreaterThan(1000);
    const wrong = compiled.filter(({ text, spans }) => {
      const source = readPythonSource("model.py", text);
      return source.code !== expectedCode(source.text, spans);
    });
    expect(wrong.map(({ text }) => text).slice(0, 5)).toEqual([]);
  });

  it("covers Triton's models when the shared data is there", () => {
    expect(variants.length).toBeGreaterThanOrEqual(sharedAvailable() ? 3 * (EDGES.length + 30) : 3 * EDGES.length);
  });
});
