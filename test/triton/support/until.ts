/**
 * Polls `done` every 100 ms until it holds or `timeoutMs` has passed; whether
 * it held. For what a real server does in its own time (a model's log line,
 * a reloaded model's statistics): every wait is bounded.
 */
export async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
