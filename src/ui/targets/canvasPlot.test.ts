import { describe, expect, it } from 'vitest';
import { paddedDomain } from './canvasPlot';

describe('paddedDomain', () => {
  it('pads finite values by 5 % and ignores NaN and infinities', () => {
    expect(paddedDomain([0, 10, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([-0.5, 10.5]);
  });
  it('widens a single value and falls back to [-1, 1] for nothing', () => {
    expect(paddedDomain([2, 2])).toEqual([1, 3]);
    expect(paddedDomain([])).toEqual([-1, 1]);
  });
});
