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

export { decimateMinMax } from '../../engine/decimate';

/**
 * Linear interpolation of y at x over increasing xs (held constant outside the range). Maps a step to the
 * epoch, examples seen or training time of the tick history, so charts with different sampling share an axis.
 */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length;
  if (n === 0) return x;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  return span === 0 ? ys[lo] : ys[lo] + ((ys[hi] - ys[lo]) * (x - xs[lo])) / span;
}
