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
  models: ModelVerdict[];
}

/** The status prefixes core's Status::AsString puts before a message. */
const STATUS_PREFIX = /^(Invalid argument|Internal|Not found|Unavailable|Unsupported|Already exists|Unknown|Cancelled): /;

/** The reasons inside one load error, without the parts that only name the request. */
export function reasonsOf(error: string, model: string): string[] {
  let text = error.trim();
  const prefix = `load failed for model '${model}': `;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  const versioned = text.split(/version \d+ is at UNAVAILABLE state: /).filter((part) => part.trim() !== "");
  return versioned.map((part) => part.trim().replace(/;$/, "").replace(STATUS_PREFIX, "").trim());
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

function modelFolders(caseRoot: string): string[] {
  return readdirSync(caseRoot).filter((name) => statSync(join(caseRoot, name)).isDirectory());
}

/** Stages cases into `stage` (the served repository) and asks `triton` for its verdict. */
export class TritonJudge {
  readonly api: RepositoryApi;

  constructor(
    private readonly triton: RunningTriton,
    private readonly stage: string,
    private readonly loadTimeoutMs = 45_000,
  ) {
    this.api = new RepositoryApi(triton.httpUrl);
  }

  /**
   * Loads `load` (default: every model folder of the case, in name order)
   * from a copy of `caseRoot`, records each answer and, for loaded models,
   * Triton's config; then unloads and removes the copy. Model names must be
   * unique among the cases judged at the same time.
   */
  async judge(caseRoot: string, load?: readonly string[]): Promise<CaseVerdict> {
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
          polled = folders.flatMap((name) => errorLinesAfter(this.triton.log(), mark, `Poll failed for model directory '${name}': `));
        }
        messages = polled.length > 0 ? polled : messages;
      }
      models.push({ model, loaded: false, messages, raw: answer.error, timedOut });
    }
    const timedOut = models.some((m) => m.timedOut);
    if (!timedOut) {
      for (const m of models) if (m.loaded) await this.api.unload(m.model);
      await this.api.waitSettled(folders);
      for (const name of folders) rmSync(join(this.stage, name), { recursive: true, force: true });
    }
    return { loaded: models.every((m) => m.loaded), timedOut, models };
  }
}
