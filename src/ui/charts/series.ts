/** Chart data logic apart from any renderer (after TensorBoard's line_chart_v2): smoothing and decimation. */

/**
 * TensorBoard's debiased exponential moving average (tensorboard PR #639): the EMA divided by 1 − wⁿ,
 * so the first smoothed value equals the first raw value instead of being pulled towards 0.
 * Non-finite values pass through unsmoothed and do not disturb the average.
 */
export function smoothDebiased(values: readonly number[], weight: number): number[] {
  let accumulator = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    accumulator = accumulator * weight + (1 - weight) * value;
    count += 1;
    const debias = weight > 0 ? 1 - weight ** count : 1;
    return accumulator / debias;
  });
}

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
