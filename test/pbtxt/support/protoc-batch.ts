import { spawn } from "node:child_process";
import { parseConfig } from "../../../src/pbtxt/parser.js";
import { printConfig } from "../../../src/pbtxt/printer.js";
import { encodeUtf8Text } from "../../../src/pbtxt/utf8.js";
import { recalled, remember } from "../../support/oracle-memo.js";
import { type ProtocResult, protocAnswer, protocEncodeArgs } from "../../support/protoc.js";
import { decodeWire, valueTree } from "../../support/wire-values.js";

/**
 * protoc as the oracle for many inputs at once. One protoc process reads one
 * message (about 10 ms each), so inputs run as a pool of concurrent
 * processes; the verdicts come back in input order, parsed as
 * test/support/protoc.ts parses one.
 */
const CONCURRENCY = 4;
/** A protoc that hangs must not hang the suite. */
const TIMEOUT_MS = 20_000;

function encodeOne(input: Uint8Array): Promise<ProtocResult> {
  const args = protocEncodeArgs();
  // under mutation testing, protoc's remembered answer (test/support/oracle-memo.ts)
  const known = recalled(args, input);
  if (known !== undefined) return Promise.resolve(protocAnswer(known.status, known.stdout, known.stderr.toString()));
  return new Promise((resolve, reject) => {
    const child = spawn("protoc", args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      const [stdout, stderr] = [Buffer.concat(out), Buffer.concat(err)];
      remember(args, input, { status, stdout, stderr });
      resolve(protocAnswer(status, stdout, stderr.toString()));
    });
    child.stdin.on("error", () => {
      // protoc may exit before reading all of its input; its verdict still stands.
    });
    child.stdin.end(input);
  });
}

/** protoc --encode for every input, a few processes at a time. */
export async function protocEncodeAll(inputs: readonly Uint8Array[]): Promise<ProtocResult[]> {
  const results: ProtocResult[] = new Array(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await encodeOne(inputs[i] as Uint8Array);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, inputs.length) }, worker));
  return results;
}

/**
 * protoc's column for one of ours: protoc counts bytes and moves a tab to
 * the next multiple of 8, we count UTF-16 code units.
 */
export function protocColumn(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = text.indexOf("\n", start) + 1;
  const before = encodeUtf8Text(text.slice(start, start + column - 1));
  let col = 0;
  for (const b of before) col = b === 9 ? col + 8 - (col % 8) : col + 1;
  return col + 1;
}

/** Text as protoc's stderr shows it once read as UTF-8: raw bytes become U+FFFD. */
export function asProtocShowsIt(message: string): string {
  return Buffer.from(encodeUtf8Text(message)).toString("utf8");
}

export interface Verdict {
  ok: boolean;
  error?: { line: number; column: number; message: string };
}

/** Our first error in protoc's terms (byte columns, message as protoc's output reads). */
export function ourVerdict(bytes: Uint8Array): Verdict & { result: ReturnType<typeof parseConfig> } {
  const result = parseConfig(bytes);
  if (result.ok) return { ok: true, result };
  const first = result.diagnostics.find((d) => d.severity === "error");
  const text = result.source.source.text;
  const line = first?.line ?? 0;
  return {
    ok: false,
    result,
    error: {
      line,
      column: protocColumn(text, line, first?.column ?? 0),
      message: asProtocShowsIt(first?.message ?? ""),
    },
  };
}

export function protocVerdict(r: ProtocResult): Verdict {
  return r.ok ? { ok: true } : { ok: false, ...(r.error ? { error: r.error } : {}) };
}

/**
 * Equal bytes, or else the same value tree (test/support/wire-values.ts):
 * map entries go to the wire in text order (we print them sorted), and a
 * NaN's sign is lost in printing, as in protoc's own printer.
 */
function sameMessage(a: Buffer, b: Buffer): boolean {
  return a.equals(b) || JSON.stringify(decodeWire(a)) === JSON.stringify(decodeWire(b));
}

/** What protoc wrote, against what we read, as value trees; undefined when they agree. */
function readDifference(ours: ReturnType<typeof parseConfig>, theirs: Buffer): string | undefined {
  const mine = JSON.stringify(valueTree(ours.value));
  const protoc = JSON.stringify(decodeWire(theirs));
  return mine === protoc ? undefined : `\n  protoc read: ${protoc}\n  we read:     ${mine}`;
}

/**
 * Reads every input with protoc and with us and lists each disagreement:
 * accept or refuse, the first error's line, column and message, and for
 * accepted input the message read (our value printed, read by protoc, must
 * give protoc's message), the stability of our printing, and the PB-UTF8
 * warning exactly when protoc logs invalid UTF-8 in a string field. What
 * we read is compared with protoc's bytes directly too, so a reader bug
 * cannot hide behind a printer bug that undoes it.
 */
export async function disagreementsWithProtoc(inputs: readonly Uint8Array[]): Promise<string[]> {
  const theirs = await protocEncodeAll(inputs);
  const ours = inputs.map((bytes) => ourVerdict(bytes));
  const problems: string[] = [];
  const show = (i: number): string => JSON.stringify(Buffer.from(inputs[i] as Uint8Array).toString("latin1"));
  const accepted: number[] = [];
  ours.forEach((o, i) => {
    const t = theirs[i] as ProtocResult;
    const expected = protocVerdict(t);
    const got = { ok: o.ok, ...(o.error ? { error: o.error } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      problems.push(
        `${show(i)} (bytes as latin1)\n  protoc: ${JSON.stringify(expected)}\n  ours:   ${JSON.stringify(got)}`,
      );
    } else if (o.ok) {
      accepted.push(i);
    }
  });
  const printed = accepted.map((i) =>
    printConfig((ours[i] as { result: ReturnType<typeof parseConfig> }).result.value),
  );
  const reread = await protocEncodeAll(printed.map((p) => Buffer.from(p, "utf8")));
  accepted.forEach((i, k) => {
    const t = theirs[i] as ProtocResult;
    const r = reread[k] as ProtocResult;
    const text = printed[k] as string;
    const read = readDifference((ours[i] as { result: ReturnType<typeof parseConfig> }).result, t.bytes);
    if (read) problems.push(`${show(i)}: we read another message than protoc:${read}`);
    if (!r.ok || !sameMessage(r.bytes, t.bytes)) {
      problems.push(
        `${show(i)}: protoc reads our printed text ${JSON.stringify(text)} as ${r.ok ? r.bytes.toString("hex") : r.stderr}, the input as ${t.bytes.toString("hex")}`,
      );
    }
    if (printConfig(parseConfig(text).value) !== text)
      problems.push(`${show(i)}: printing is not stable: ${JSON.stringify(text)}`);
    const warned = (ours[i] as { result: ReturnType<typeof parseConfig> }).result.diagnostics.some(
      (d) => d.code === "PB-UTF8",
    );
    const protocWarned = t.stderr.includes("contains invalid UTF-8 data");
    if (warned !== protocWarned)
      problems.push(
        `${show(i)}: PB-UTF8 ${warned ? "given" : "missing"}, protoc ${protocWarned ? "logs" : "does not log"} invalid UTF-8`,
      );
  });
  return problems;
}
