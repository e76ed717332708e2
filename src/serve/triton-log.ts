/**
 * Triton's log → diagnostics: why a model did not load, at the file and line
 * Triton's words point to. Triton prints each failure once, on one line, as
 * `E… model_lifecycle.cc:…] "failed to load 'M' version V: <Status>: <message>"`;
 * a config.pbtxt protobuf cannot read gets protobuf's own
 * `Error parsing text-format inference.ModelConfig: L:C: <message>` line
 * followed by Triton's `Poll failed for model directory 'M': failed to read
 * text proto from <path>`. A Python error carries the stub's traceback as
 * `<path>/model.py(<line>): <function>` frames (innermost first), a syntax
 * error Python's `(model.py, line N)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../pbtxt/parser.js";
import { SERVE_CODES } from "./codes.js";

export interface LogContext {
  /** The repository folder Triton was given. */
  servedRoot: string;
  /** The folder to name in diagnostics (the user's, when Triton served a copy). */
  shownRoot: string;
  /** Hint for `invalid or unsupported gpu id` (this Triton sees no GPU). */
  gpuHint?: string;
}

/** The message of a Triton log line: the quoted part after `] `, unescaped. */
function lineMessage(line: string): string {
  const start = line.indexOf('] "');
  if (start < 0) return line.slice(line.indexOf("] ") + 2).trim();
  let text = line.slice(start + 3);
  if (text.endsWith('"')) text = text.slice(0, -1);
  return text.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
}

/** The part of `path` below `root`, or undefined when it is not inside (`/r/repo-libs` is not inside `/r/repo`). */
function belowRoot(path: string, root: string): string | undefined {
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

function shown(path: string, context: LogContext): string {
  const below = belowRoot(path, context.servedRoot);
  return below === undefined ? path : join(context.shownRoot, below);
}

/** Line of `instance_group[i]` or of the first quoted name of the message (not the model's) that the config spells. */
function configLine(file: string, message: string, model: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  const group = /instance group \S+?_(\d+) of model/.exec(message);
  if (group) {
    const where = parseConfig(text, { file }).source.locate(`instance_group[${group[1]}]`);
    if (where) return where.line;
  }
  for (const [, name] of message.matchAll(/'([^'\n]+)'/g)) {
    if (name === model) continue;
    const index = text.indexOf(`"${name}"`);
    if (index >= 0) return text.slice(0, index).split("\n").length;
  }
  return undefined;
}

function modelFailure(model: string, version: string, message: string, context: LogContext): Diagnostic {
  const detail = message.replace(/^[A-Za-z ]+: /, "").trimEnd();
  const summary = detail.split("\n")[0] ?? detail;
  const d: Diagnostic = {
    code: SERVE_CODES.modelLoad,
    severity: "error",
    message: `failed to load '${model}' version ${version}: ${detail}`,
  };
  // A Python traceback: the innermost frame inside the repository is where it went wrong.
  const frame = [...detail.matchAll(/^\s*(\/\S+\.py)\((\d+)\): (\S+)/gm)].find(
    (m) => belowRoot(m[1] as string, context.servedRoot) !== undefined,
  );
  const syntax = /\((model\.py), line (\d+)\)/.exec(detail);
  if (frame) {
    d.file = shown(frame[1] as string, context);
    d.line = Number(frame[2]);
    d.message = `failed to load '${model}' version ${version}: ${summary} (in ${frame[3]})`;
  } else if (syntax) {
    d.file = join(context.shownRoot, model, version, "model.py");
    d.line = Number(syntax[2]);
  } else {
    const config = join(context.servedRoot, model, "config.pbtxt");
    d.file = join(context.shownRoot, model, "config.pbtxt");
    const line = configLine(config, detail, model);
    if (line !== undefined) d.line = line;
  }
  if (/invalid or unsupported gpu id/.test(detail) && context.gpuHint) d.hint = context.gpuHint;
  return d;
}

/** Every model failure in a Triton log, in log order; a server-level error when there is no model failure. */
export function diagnosticsFromLog(log: string, context: LogContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  let syntax: { line: number; column: number; message: string } | undefined;
  let lastServerError: string | undefined;
  // The patterns take `s`: a message may hold U+2028 (quoted by protobuf) or a \n lineMessage unescaped, where `.` stops.
  for (const line of log.split("\n")) {
    const parse = /Error parsing text-format inference\.ModelConfig: (\d+):(\d+): (.*)$/s.exec(line);
    if (parse) {
      syntax = { line: Number(parse[1]), column: Number(parse[2]), message: parse[3] as string };
      continue;
    }
    const poll = /Poll failed for model directory '([^']+)': (.*)$/s.exec(lineMessage(line));
    if (poll) {
      const path = /failed to read text proto from (\S+)/.exec(poll[2] as string)?.[1];
      const d: Diagnostic = {
        code: syntax ? SERVE_CODES.configSyntax : SERVE_CODES.modelLoad,
        severity: "error",
        message: syntax ? syntax.message : (poll[2] as string),
        file: path ? shown(path, context) : join(context.shownRoot, poll[1] as string),
      };
      if (syntax) {
        // protobuf prints 1-based positions, at the token after the offending value, as our reader does.
        d.line = syntax.line;
        d.column = syntax.column;
      }
      found.push(d);
      syntax = undefined;
      continue;
    }
    const failed = /failed to load '([^']+)' version (\d+): ([\s\S]*)$/.exec(lineMessage(line));
    if (failed) {
      found.push(modelFailure(failed[1] as string, failed[2] as string, failed[3] as string, context));
      continue;
    }
    const endpoint = /^failed to start (.*)$/s.exec(lineMessage(line));
    if (endpoint) {
      found.push({
        code: SERVE_CODES.server,
        severity: "error",
        message: `failed to start ${(endpoint[1] as string).trim()}`,
        hint: "another process listens on that port: choose another --http-port, --grpc-port or --metrics-port, or leave them out for free ports",
      });
      continue;
    }
    const fatal = /^error: (.*)$/s.exec(line.trim());
    if (fatal) lastServerError = fatal[1];
  }
  if (found.length === 0 && lastServerError)
    found.push({ code: SERVE_CODES.server, severity: "error", message: lastServerError });
  return found;
}
