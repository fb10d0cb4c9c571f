import { describe, expect, it } from 'vitest';
import { decimateMinMax, interpolate, smoothDebiased } from './series';

describe('debiased EMA smoothing', () => {
  it('starts at the first value and follows the bias-corrected recurrence', () => {
    const smoothed = smoothDebiased([10, 0, 0], 0.5);
    expect(smoothed[0]).toBeCloseTo(10, 12);
    // EMA: 5, 2.5, 1.25 → debiased by 1 − 0.5, 1 − 0.25, 1 − 0.125
    expect(smoothed[1]).toBeCloseTo(2.5 / 0.75, 12);
    expect(smoothed[2]).toBeCloseTo(1.25 / 0.875, 12);
  });

  it('weight 0 returns the raw values; a constant series stays constant for any weight', () => {
    expect(smoothDebiased([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5]);
    for (const v of smoothDebiased([2, 2, 2, 2], 0.99)) expect(v).toBeCloseTo(2, 12);
  });

  it('passes NaN through without poisoning later values', () => {
    const smoothed = smoothDebiased([1, Number.NaN, 1], 0.9);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBeCloseTo(1, 12);
  });
});

describe('min/max decimation', () => {
  it('keeps short series whole', () => {
    expect(decimateMinMax([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps every bucket extreme, the last point, and at most maxPoints + 1 points', () => {
    const spikes = new Map([[17, 100], [4321, 100], [4322, -80], [7777, -100], [9998, 50]]);
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50) + (spikes.get(i) ?? 0));
    const kept = decimateMinMax(values, 500);
    expect(kept.length).toBeLessThanOrEqual(501);
    // One-sample spikes and dips survive, even two in adjacent samples.
    for (const i of spikes.keys()) expect(kept).toContain(i);
    expect(kept[kept.length - 1]).toBe(9999);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    // The envelope holds: every value lies between the kept values of its neighbourhood (two buckets of 40 each way).
    const window = 80;
    for (let i = 0; i < values.length; i++) {
      const near = kept.filter((k) => Math.abs(k - i) <= window).map((k) => values[k]);
      expect(Math.min(...near) <= values[i] && values[i] <= Math.max(...near), `value ${i}`).toBe(true);
    }
  });
});

describe('interpolate', () => {
  it('maps linearly between points and holds at the ends', () => {
    const steps = [0, 10, 30];
    const epochs = [0, 1, 2];
    expect(interpolate(steps, epochs, 5)).toBe(0.5);
    expect(interpolate(steps, epochs, 20)).toBe(1.5);
    expect(interpolate(steps, epochs, -3)).toBe(0);
    expect(interpolate(steps, epochs, 99)).toBe(2);
  });
});
