import { dirname } from "node:path";
import { findConfigFiles } from "../../formatter/find-configs.js";
import { type MessageListStyle, formatPbtxt } from "../../formatter/format.js";
import { matchLineEndings } from "../../formatter/line-endings.js";
import { isChangedWhileWriting, removeStaleTemporaries, writeFileAtomic } from "../../formatter/write-atomic.js";
import { describeFsError } from "../../fsio/errors.js";
import { readStdinBounded } from "../../fsio/bounded-read.js";
import { type Command, UsageError, reportDiagnostics, requireInputs } from "../io.js";
import { readTextFile } from "./read-input.js";
import { encodeUtf8Text } from "../../pbtxt/utf8.js";
import { parseCommandArgs } from "../args.js";
import { unifiedDiff } from "../unified-diff.js";

/** The folder of a file path, kept as bytes when it is bytes. */
function folderOf(path: string | Buffer): string | Buffer {
  return typeof path === "string" ? dirname(path) : path.subarray(0, Math.max(path.lastIndexOf(0x2f), 1));
}

const USAGE = `usage: gen-repo fmt [PATH ...] [--check [--diff] | --write] [--messages keep|blocks|lists]

Formats config.pbtxt files, keeping every comment. PATH is a file or a folder
(searched for config.pbtxt, hidden folders skipped); without PATH, standard input.

  (no flag)    print the formatted text on stdout
  --check      print the files that would change; exit 1 if any would
  --diff       with --check: print what would change, as a unified diff
  --write      rewrite files in place (atomically: temporary file + rename,
               permissions kept) and print the ones rewritten
  --messages   repeated messages such as input/output/instance_group:
               keep (default) as written, blocks (one "input { … }" each),
               lists (one "input [ { … }, { … } ]")

Layout: 2-space indent, one field per line, repeated scalars as [ a, b ],
fields in the order written, blank lines kept (at most one). A region between
"# gen-repo: fmt off" and "# gen-repo: fmt on" is left byte for byte.
The formatted file is always the same message for protoc and Triton.

A file that does not parse is reported as FILE:LINE:COLUMN: message and never
rewritten. Exit codes: 0 ok, 1 files would change (--check) or a file could
not be read, parsed or written, 2 usage error.`;

const STYLES: readonly MessageListStyle[] = ["keep", "blocks", "lists"];

interface FmtArgs {
  paths: string[];
  mode: "print" | "check" | "write";
  messages: MessageListStyle;
  /** --check --diff: a unified diff per file that would change, instead of its name. */
  diff: boolean;
}

function parseFmtArgs(argv: string[]): FmtArgs {
  const parsed = parseCommandArgs(argv, {
    check: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    messages: { type: "string", default: "keep" },
    diff: { type: "boolean", default: false },
  });
  const { values, positionals } = parsed;
  if (values.check && values.write) throw new UsageError("--check and --write cannot be combined");
  const messages = values.messages as MessageListStyle;
  if (!STYLES.includes(messages))
    throw new UsageError(`--messages must be one of: ${STYLES.join(", ")}; got "${values.messages}"`);
  if (values.write && positionals.length === 0)
    throw new UsageError("--write needs at least one PATH (standard input cannot be rewritten)");
  if (values.diff && !values.check) throw new UsageError("--diff goes with --check (gen-repo fmt --check --diff PATH)");
  return {
    paths: positionals,
    mode: values.check ? "check" : values.write ? "write" : "print",
    messages,
    diff: values.diff,
  };
}

export const fmtCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const args = parseFmtArgs(argv);
    if (args.paths.length === 0) {
      const stdin = readStdinBounded();
      if ("refused" in stdin) {
        io.stderr(`<stdin>: cannot read: ${stdin.refused}\n`);
        return 1;
      }
      const text = stdin.text;
      const result = formatPbtxt(text, { messages: args.messages, file: "<stdin>" });
      reportDiagnostics(
        io,
        result.diagnostics.filter((d) => d.severity === "error"),
      );
      if (!result.ok) return 1;
      if (args.mode === "check") {
        if (result.changed) io.stdout(args.diff ? unifiedDiff(text, result.text, "<stdin>") : "<stdin>\n");
        return result.changed ? 1 : 0;
      }
      io.stdout(result.text);
      return 0;
    }

    requireInputs(io.cwd, args.paths);
    const { files, missing } = findConfigFiles(args.paths, io.cwd);
    let failed = missing.length > 0;
    for (const path of missing) io.stderr(`${path}: no such file or folder\n`);
    let wouldChange = false;
    for (const { display: path, path: absolute } of files) {
      const input = readTextFile(absolute, path);
      if ("diagnostic" in input) {
        reportDiagnostics(io, [input.diagnostic]);
        failed = true;
        continue;
      }
      const result = formatPbtxt(input.text, { messages: args.messages, file: path });
      if (!result.ok) {
        reportDiagnostics(
          io,
          result.diagnostics.filter((d) => d.severity === "error"),
        );
        failed = true;
        continue;
      }
      // A CRLF file stays CRLF; only a real change of text counts as a change.
      const formatted = matchLineEndings(input.text, result.text);
      if (args.mode === "print") {
        io.stdout(formatted);
      } else if (formatted !== input.text) {
        wouldChange = true;
        if (args.mode === "write") {
          try {
            // Leftovers of a killed fmt --write in this folder go first.
            removeStaleTemporaries(folderOf(absolute));
            // Bytes that are not UTF-8 ride in the text as U+DC00+byte (pbtxt/utf8.ts): write them back as those bytes.
            writeFileAtomic(absolute, encodeUtf8Text(formatted), undefined, { expected: input.bytes });
          } catch (error: unknown) {
            io.stderr(
              isChangedWhileWriting(error)
                ? `${path}: skipped: ${error.message}\n`
                : `${path}: cannot write: ${describeFsError(error)}\n`,
            );
            failed = true;
            continue;
          }
        }
        io.stdout(args.mode === "check" && args.diff ? unifiedDiff(input.text, formatted, path) : `${path}\n`);
      }
    }
    if (failed) return 1;
    return args.mode === "check" && wouldChange ? 1 : 0;
  },
};
