/**
 * A run repeated over N seeds is drawn as its median with a band: min–max, or the interquartile range.
 * Quantiles interpolate linearly between order statistics (NumPy's default, "linear", Hyndman & Fan type 7),
 * so the median of an even count is the mean of the middle two. Non-finite values (a diverged seed) are
 * left out; with none left the band is NaN.
 */

export const BAND_KINDS = ['minmax', 'iqr'] as const;
export type BandKind = (typeof BAND_KINDS)[number];

export interface Band {
  median: number;
  low: number;
  high: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of values sorted ascending. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function bandOf(values: readonly number[], kind: BandKind): Band {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const [lowQ, highQ] = kind === 'minmax' ? [0, 1] : [0.25, 0.75];
  return { median: quantileSorted(sorted, 0.5), low: quantileSorted(sorted, lowQ), high: quantileSorted(sorted, highQ) };
}

/** Whether two bands share any value: if they do, the difference between the runs is within seed noise. */
export function bandsOverlap(a: Band, b: Band): boolean {
  return a.low <= b.high && b.low <= a.high;
}
