/** Chart data logic apart from any renderer (after TensorBoard's line_chart_v2): smoothing and decimation. */

export { smoothDebiased } from '../../engine/smoothing';
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
