/**
 * Triton's own verdict on a model repository case: the case's model folders
 * are staged into the served repository, loaded one by one through the
 * repository API, then unloaded and removed, so one server judges many cases.
 * Triton answers a load that fails while polling the folder with a generic
 * "failed to poll from model repository"; the reason is only in its log
 * (`Poll failed for model directory 'NAME': REASON`), so it is read there.
 */
import { cpSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunningTriton } from "../../../src/serve/launch.js";
import { RepositoryApi } from "./repository-api.js";

export interface ModelVerdict {
  model: string;
  loaded: boolean;
  /** Triton's reasons, stripped of the wrapping that names the request ("load failed for model 'm': version 1 is at …"). */
  messages: string[];
  /** The error text the load request returned, as given. */
  raw: string;
  /** Triton did not answer the load in time: no verdict. */
  timedOut: boolean;
  /** `GET /v2/models/NAME/config` of a loaded model. */
  config?: Record<string, unknown>;
}

export interface CaseVerdict {
  /** Every model of the case loaded. */
  loaded: boolean;
  timedOut: boolean;
  /** The server exited while the case was being judged (Triton 2.51 can crash in a warmup, signal 11). */
  crashed: boolean;
  models: ModelVerdict[];
}

/** The status prefixes core's Status::AsString puts before a message. */
const STATUS_PREFIX =
  /^(Invalid argument|Internal|Not found|Unavailable|Unsupported|Already exists|Unknown|Cancelled): /;

/** The reasons inside one load error, without the parts that only name the request. */
export function reasonsOf(error: string, model: string): string[] {
  let text = error.trim();
  const prefix = `load failed for model '${model}': `;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  const versioned = text.split(/version \d+ is at UNAVAILABLE state: /).filter((part) => part.trim() !== "");
  // "[request id: <id_unknown>] " names the warmup request, not the reason; a Python exception
  // from the stub comes as "ValueError: REASON" and its traceback ("\n\nAt:\n  file(line): …").
  return versioned.map((part) =>
    part
      .trim()
      .replace(/;$/, "")
      .replace(STATUS_PREFIX, "")
      .replace(/^\[request id: [^\]]*\] /, "")
      .replace(/\n\nAt:\n[\s\S]*$/, "")
      .replace(/^(?:ValueError|TypeError|KeyError|TritonModelException): /, "")
      .trim(),
  );
}

/** Messages of Triton's error lines since `offset` of the log that start with `lead`. */
export function errorLinesAfter(log: string, offset: number, lead: string): string[] {
  const found: string[] = [];
  for (const line of log.slice(offset).split("\n")) {
    if (!/^E\d{4} /.test(line)) continue;
    const quoted = line.slice(line.indexOf("] ") + 2);
    let message = quoted;
    try {
      message = JSON.parse(quoted) as string;
    } catch {
      // Not a quoted message: keep the text as printed.
    }
    if (message.startsWith(lead)) found.push(message.slice(lead.length));
  }
  return found;
}

/**
 * protobuf's own reason for a config Triton could not read: Triton answers
 * "failed to read text proto from PATH" and leaves the reason to the
 * `[libprotobuf ERROR …] Error parsing text-format inference.ModelConfig:
 * L:C: REASON` line printed just before its own error line.
 */
export function parseReasonsBefore(log: string, offset: number, model: string): string[] {
  const lines = log.slice(offset).split("\n");
  const found: string[] = [];
  const lead = "Error parsing text-format inference.ModelConfig: ";
  lines.forEach((line, i) => {
    if (!line.includes(`Poll failed for model directory '${model}': failed to read text proto`)) return;
    for (const before of lines.slice(Math.max(0, i - 3), i)) {
      const at = before.indexOf(lead);
      if (before.startsWith("[libprotobuf ERROR") && at !== -1)
        found.push(before.slice(at + lead.length).replace(/^\d+:\d+: /, ""));
    }
  });
  return found;
}

function modelFolders(caseRoot: string): string[] {
  return readdirSync(caseRoot).filter((name) => statSync(join(caseRoot, name)).isDirectory());
}

/** Stages cases into `stage` (the served repository) and asks `triton` for its verdict. */
export class TritonJudge {
  readonly api: RepositoryApi;
  /** Set once the server process is gone. */
  dead = false;

  constructor(
    readonly triton: RunningTriton,
    private readonly stage: string,
    private readonly loadTimeoutMs = 45_000,
  ) {
    this.api = new RepositoryApi(triton.httpUrl);
    void triton.exited.then(() => {
      this.dead = true;
    });
  }

  /**
   * Loads `load` (default: every model folder of the case, in name order)
   * from a copy of `caseRoot`, records each answer and, for loaded models,
   * Triton's config; then unloads and removes the copy. Model names must be
   * unique among the cases judged at the same time; `settle: false` skips
   * the wait for the unload when no later case reuses the names.
   */
  async judge(caseRoot: string, options: { load?: readonly string[]; settle?: boolean } = {}): Promise<CaseVerdict> {
    const load = options.load;
    const folders = modelFolders(caseRoot);
    for (const name of folders) {
      rmSync(join(this.stage, name), { recursive: true, force: true });
      cpSync(join(caseRoot, name), join(this.stage, name), { recursive: true });
    }
    const order = load ?? [...folders].sort();
    const models: ModelVerdict[] = [];
    for (const model of order) {
      const mark = this.triton.log().length;
      const answer = await this.api.load(model, this.loadTimeoutMs);
      if (answer.ok) {
        const config = await this.api.config(model);
        models.push({ model, loaded: true, messages: [], raw: "", timedOut: false, ...(config ? { config } : {}) });
        continue;
      }
      const timedOut = "timedOut" in answer;
      let messages = reasonsOf(answer.error, model);
      if (/failed to poll from model repository/.test(answer.error)) {
        // Triton writes the log line before it answers, but the pipe may deliver it after the answer: wait for it, bounded.
        let polled: string[] = [];
        for (let tries = 0; tries < 40 && polled.length === 0; tries++) {
          if (tries > 0) await new Promise((r) => setTimeout(r, 50));
          polled = folders.flatMap((name) =>
            errorLinesAfter(this.triton.log(), mark, `Poll failed for model directory '${name}': `),
          );
        }
        polled.push(...folders.flatMap((name) => parseReasonsBefore(this.triton.log(), mark, name)));
        messages = polled.length > 0 ? polled : messages;
      }
      models.push({ model, loaded: false, messages, raw: answer.error, timedOut });
    }
    const timedOut = models.some((m) => m.timedOut);
    // Give the exit a moment to be seen: a refused connection arrives before the exit event.
    if (timedOut) await new Promise((r) => setTimeout(r, 200));
    const crashed = timedOut && this.dead;
    if (!timedOut) {
      for (const m of models) if (m.loaded) await this.api.unload(m.model);
      // Only a folder name that will be staged again must wait until Triton has let go of it.
      if (options.settle !== false) await this.api.waitSettled(folders);
      for (const name of folders) rmSync(join(this.stage, name), { recursive: true, force: true });
    }
    return { loaded: models.every((m) => m.loaded), timedOut, crashed, models };
  }
}
