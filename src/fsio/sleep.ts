/** Blocks this thread for `ms` milliseconds without spinning (the CLI is synchronous). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
