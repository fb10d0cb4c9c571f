import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { bandOf, bandsOverlap, quantileSorted } from './seedBand';

describe('the band over seeds', () => {
  it('matches NumPy linear quantiles on known vectors', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]
    expect(bandOf([4, 1, 3, 2], 'iqr')).toEqual({ median: 2.5, low: 1.75, high: 3.25 });
    expect(bandOf([5, 1, 3], 'minmax')).toEqual({ median: 3, low: 1, high: 5 });
    expect(quantileSorted([10], 0.75)).toBe(10);
  });

  it('always contains its median, for both kinds', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random.next() * 9);
      const values = Array.from({ length: n }, () => random.next() * 3 - 1);
      for (const kind of ['minmax', 'iqr'] as const) {
        const band = bandOf(values, kind);
        expect(band.low).toBeLessThanOrEqual(band.median);
        expect(band.median).toBeLessThanOrEqual(band.high);
        expect(band.low).toBeGreaterThanOrEqual(Math.min(...values));
        expect(band.high).toBeLessThanOrEqual(Math.max(...values));
      }
    }
  });

  it('leaves out diverged seeds, and is NaN when none is left', () => {
    expect(bandOf([1, Number.NaN, 3], 'minmax')).toEqual({ median: 2, low: 1, high: 3 });
    expect(bandOf([Number.NaN, Number.POSITIVE_INFINITY], 'iqr').median).toBeNaN();
  });

  it('says whether two bands overlap', () => {
    expect(bandsOverlap({ median: 1, low: 0.5, high: 1.5 }, { median: 2, low: 1.4, high: 3 })).toBe(true);
    expect(bandsOverlap({ median: 1, low: 0.5, high: 1.2 }, { median: 2, low: 1.4, high: 3 })).toBe(false);
  });
});
