/** Shortening a series for display or messages without losing its spikes. */

/**
 * Indices of at most ~`maxPoints` points that keep the shape of `values`: the series is cut into
 * maxPoints/2 buckets and each bucket keeps its minimum and maximum (in index order); the last point is kept.
 */
export function decimateMinMax(values: readonly number[], maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const kept: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lowest = -1;
    let highest = -1;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (lowest < 0 || v < values[lowest]) lowest = i;
      if (highest < 0 || v > values[highest]) highest = i;
    }
    if (lowest < 0) kept.push(start);
    else if (lowest === highest) kept.push(lowest);
    else kept.push(Math.min(lowest, highest), Math.max(lowest, highest));
  }
  if (kept[kept.length - 1] !== n - 1) kept.push(n - 1);
  return kept;
}
