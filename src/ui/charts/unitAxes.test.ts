import { describe, expect, it } from 'vitest';
import { unitScale } from './unitAxes';

describe('unitScale: a value’s place across an axis of the unit square', () => {
  it('is linear on a linear axis: the ends at 0 and 1, the middle at 0.5, beyond the ends outside', () => {
    const place = unitScale([200, 1200], false);
    expect([200, 700, 1200, 0, 1450].map(place)).toEqual([0, 0.5, 1, -0.2, 1.25]);
  });

  it('goes by logarithm on a log axis: each decade the same width; 0 and below cannot be placed', () => {
    const place = unitScale([1, 1000], true);
    for (const [v, u] of [[1, 0], [10, 1 / 3], [100, 2 / 3], [1000, 1]] as const) expect(place(v)).toBeCloseTo(u, 12);
    expect([0, -5].map(place)).toEqual([Number.NaN, Number.NaN]);
  });

  it('puts every value in the middle of an axis with no span', () => {
    expect([3, 7].map(unitScale([5, 5], false))).toEqual([0.5, 0.5]);
  });
});
