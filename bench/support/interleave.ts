/**
 * Round-robin timing. This machine is shared (2 cores, other builds and test
 * runs come and go), so timing our reader for a minute and protoc the next
 * would let a busy minute decide the ratio. Instead every round runs each
 * task once, in the same order, and each task's median is taken over the
 * rounds: a slow moment hits ours and the peers alike.
 */

/**
 * One run's wall-clock time and CPU time. Wall time is what a user waits;
 * CPU time (user + system, all threads of the process that did the work) is
 * what the work cost, and barely moves when other processes share the cores.
 */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** One timed run of something. */
export type TimedTask = () => Timing;

/**
 * Times `work` once in this process. No garbage collection is forced before
 * it: V8's forced collection shrinks the heap to a minimum and the next run
 * then pays to grow it again (on this machine a forced gc() before each run
 * made a 1,250-input read 5 to 15 times slower). Each run pays its share of
 * collection, as it does in real use.
 */
export function timeOnce(work: () => void): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs every task once per round; the first `warmupRounds` rounds are not recorded. */
export function interleave(
  tasks: Readonly<Record<string, TimedTask>>,
  rounds: number,
  warmupRounds: number,
): Record<string, Timing[]> {
  const times: Record<string, Timing[]> = {};
  for (const name of Object.keys(tasks)) times[name] = [];
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) {
      const timing = task();
      if (round >= warmupRounds) times[name]?.push(timing);
    }
  }
  return times;
}
