/** Small statistics for repeated timings. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export interface LinearFit {
  /** Milliseconds at zero size: the fixed cost (start-up). */
  intercept: number;
  /** Milliseconds per unit of size. */
  slope: number;
  /** Coefficient of determination; 1 is a perfect line. */
  r2: number;
}

/** Least-squares line through (x, y) points. */
export function linearFit(points: ReadonlyArray<readonly [number, number]>): LinearFit {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { intercept, slope, r2 };
}

export const MB = 1_000_000;

/** How fast something went through `items` configs of `bytes` bytes (UTF-8), from the median run. */
export interface Throughput {
  medianMs: number;
  /** The least disturbed run: on a busy machine the steadier estimate of the work itself. */
  bestMs: number;
  /** Median CPU time, where it was measured. */
  cpuMedianMs: number | null;
  runsMs: number[];
  items: number;
  bytes: number;
  itemsPerSecond: number;
  mbPerSecond: number;
}

export function toThroughput(
  runsMs: readonly number[],
  items: number,
  bytes: number,
  cpuRunsMs?: readonly number[],
): Throughput {
  const medianMs = median(runsMs);
  return {
    medianMs,
    bestMs: Math.min(...runsMs),
    cpuMedianMs: cpuRunsMs ? median(cpuRunsMs) : null,
    runsMs: [...runsMs],
    items,
    bytes,
    itemsPerSecond: (items * 1000) / medianMs,
    mbPerSecond: bytes / MB / (medianMs / 1000),
  };
}

export function utf8Bytes(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0);
}

/**
 * How time grows with size beyond its fixed part, from three sizes: k is 1 for
 * linear work and 2 for quadratic. Null when noise makes an increment zero or
 * negative, which happens when the fixed part (start-up) dwarfs the work.
 */
export function growthExponent(points: ReadonlyArray<readonly [number, number]>): number | null {
  const [first, middle, last] = points;
  if (!first || !middle || !last) return null;
  const early = middle[1] - first[1];
  const late = last[1] - middle[1];
  if (early <= 0 || late <= 0) return null;
  // Time = fixed + c * n^k: the ratio of the two increments fixes k. Sizes need not be
  // evenly spaced (1,000 / 2,000 / 10,000), so k is found by bisection: the increment
  // ratio grows with k for any n1 < n2 < n3.
  const [n1, n2, n3] = [first[0], middle[0], last[0]];
  const ratioAt = (k: number) => (n3 ** k - n2 ** k) / (n2 ** k - n1 ** k);
  const target = late / early;
  let low = 0.05;
  let high = 4;
  if (target <= ratioAt(low)) return low;
  if (target >= ratioAt(high)) return high;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (ratioAt(mid) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
