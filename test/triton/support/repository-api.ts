/**
 * Triton's model repository extension over HTTP (explicit model control):
 * load, unload, index, and the model configuration endpoint. Every request
 * is bounded in time; a request that times out is reported, never retried.
 */

export type LoadAnswer = { ok: true } | { ok: false; error: string } | { ok: false; timedOut: true; error: string };

export interface IndexEntry {
  name: string;
  version?: string;
  state?: string;
  reason?: string;
}

async function post(
  url: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; text: string } | { timedOut: true }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      body: body === undefined ? "" : JSON.stringify(body),
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  } catch (error: unknown) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      return { timedOut: true };
    // A refused or reset connection: the server is gone (or going); the caller reports it as no verdict.
    return { timedOut: true };
  }
}

function errorOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === "string" ? parsed.error : text;
  } catch {
    return text;
  }
}

/** A client for one server's repository API, at `http://127.0.0.1:PORT`. */
export class RepositoryApi {
  constructor(private readonly httpUrl: string) {}

  /** POST …/load: ok, Triton's error text, or a timeout (a load Triton never answers). */
  async load(model: string, timeoutMs: number): Promise<LoadAnswer> {
    const answer = await post(
      `${this.httpUrl}/v2/repository/models/${encodeURIComponent(model)}/load`,
      undefined,
      timeoutMs,
    );
    if ("timedOut" in answer)
      return { ok: false, timedOut: true, error: `no answer to the load of '${model}' within ${timeoutMs} ms` };
    if (answer.status === 200) return { ok: true };
    return { ok: false, error: errorOf(answer.text) };
  }

  /** POST …/unload with its dependents (the steps an ensemble loaded). */
  async unload(model: string, timeoutMs = 30_000): Promise<void> {
    await post(
      `${this.httpUrl}/v2/repository/models/${encodeURIComponent(model)}/unload`,
      { parameters: { unload_dependents: true } },
      timeoutMs,
    );
  }

  async index(timeoutMs = 10_000): Promise<IndexEntry[]> {
    const answer = await post(`${this.httpUrl}/v2/repository/index`, {}, timeoutMs);
    if ("timedOut" in answer || answer.status !== 200) return [];
    return JSON.parse(answer.text) as IndexEntry[];
  }

  /** GET /v2/models/NAME/config: Triton's JSON of the loaded model's configuration; undefined when there is no answer. */
  async config(model: string, timeoutMs = 10_000): Promise<Record<string, unknown> | undefined> {
    try {
      const response = await fetch(`${this.httpUrl}/v2/models/${encodeURIComponent(model)}/config`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return response.status === 200 ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Waits (bounded) until none of `models` is loading, ready or unloading,
   * so that a folder of the same name can be staged again. Returns false
   * when the deadline passed first.
   */
  async waitSettled(models: readonly string[], timeoutMs = 30_000): Promise<boolean> {
    const busy = new Set(["LOADING", "READY", "UNLOADING"]);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const entries = await this.index();
      if (!entries.some((e) => models.includes(e.name) && busy.has(e.state ?? ""))) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }
}
