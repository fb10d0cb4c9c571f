/**
 * Test vectors for the range test's recorder and suggestions, worked out by hand and in IEEE doubles from the
 * rules as fastai states them (https://docs.fast.ai/callback.schedule.html `lr_find` and `LRFinder`,
 * https://docs.fast.ai/learner.html `AvgSmoothLoss`; source fastai/callback/schedule.py, fastai/learner.py),
 * not with this code (T8, the sweeps, is in schedule.test.ts):
 *  - T9: a 16-loss sequence that falls, then explodes. fastai's debiased EMA, s_c = v_c/(1 − 0.98^c) with
 *    v_c = 0.98·v_{c−1} + 0.02·ℓ_c, v_0 = 0, has its best at i = 7 and first exceeds 4× that best at i = 14,
 *    where LRFinder stops (15 points kept); the hand check [1, 0.5, 0.25] → 1, 0.7474…, 0.5782… is the same EMA.
 *  - T10: a 10-point curve S0 small enough to run each suggestion by hand: valley (the middle of the longest
 *    strictly decreasing subsequence), minimum/10 and steep (the left end of the most negative slope against
 *    ln lr).
 */
import { describe, expect, it } from 'vitest';
import { record, stopIndex, trimForSuggestions } from './recorder';
import { minimumOverTen, steep, valley } from './suggestions';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

describe('range-test recorder (fastai rules)', () => {
  const raw = [2.0, 1.8, 1.9, 1.5, 1.2, 1.0, 0.9, 1.1, 1.6, 2.5, 4.0, 6.5, 11.0, 20.0, 40.0, 90.0];

  it('T9: bias-corrected EMA (β = 0.98), best at i = 7, stops after i = 14 with 15 points', () => {
    const expected = [
      2.0, 1.898989898989899, 1.8993334240239437, 1.7964546505660557, 1.6722957003040604, 1.5545119368737579,
      1.4552490616580025, 1.4076403432553946, 1.4307810430991095, 1.5476820832023828, 1.7938139183932231,
      2.231022619714676, 2.990315033572062, 4.3712063320554035, 7.096882143787716,
    ];
    const result = record(raw);
    expect(result.stopped).toBe(true);
    expect(result.lastIndex).toBe(14);
    expect(result.smoothed).toHaveLength(15);
    result.smoothed.forEach((s, i) => expectClose(s, expected[i]));
    expect(Math.min(...result.smoothed)).toBe(result.smoothed[7]);
  });

  it('T9 hand check: [1, 0.5, 0.25] smooths to 1, 0.7474…, 0.5782…', () => {
    const { smoothed, stopped } = record([1.0, 0.5, 0.25]);
    expect(stopped).toBe(false);
    expectClose(smoothed[1], 0.7474747474747464);
    expectClose(smoothed[2], 0.5782886682084064);
  });

  it('stops at the first non-finite smoothed loss', () => {
    expect(stopIndex([1, 0.9, Number.NaN, 0.5], 4)).toBe(2);
    expect(record([1, 0.9, Number.POSITIVE_INFINITY]).lastIndex).toBe(2);
  });

  it('trims the first n/10 and the last 5 points, and cuts at the first NaN', () => {
    const lrs = Array.from({ length: 30 }, (_, i) => i);
    const losses = lrs.map((i) => (i === 20 ? Number.NaN : 1));
    const trimmed = trimForSuggestions(lrs, losses, 100);
    expect(trimmed.start).toBe(10);
    expect(trimmed.lrs).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(trimForSuggestions(lrs.slice(0, 12), losses.slice(0, 12), 100).lrs).toEqual([]);
  });
});

describe('suggestions (T10 curve S0)', () => {
  const losses = [5, 4, 6, 3, 2.5, 2, 3, 1, 7, 8];
  const lrs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

  it('valley: the longest decreasing run ends at 7, starts at 1, idx 4 → 0.01', () => {
    expect(valley(lrs, losses)).toEqual({ index: 4, learningRate: 0.01 });
  });

  it('minimum: argmin 7 (lr 10) → 1.0', () => {
    expect(minimumOverTen(lrs, losses)).toEqual({ index: 7, learningRate: 1 });
  });

  it('steep: steepest segment starts at 2 → 1e-4 (left end)', () => {
    expect(steep(lrs, losses)).toEqual({ index: 2, learningRate: 1e-4 });
  });

  it('steep looks only at the descent up to the minimum (fastai\'s would take the drop after it, index 6)', () => {
    const rising = [4, 3.5, 3, 1.5, 1, 3, 8, 2, 9];
    const nine = lrs.slice(0, 9);
    // Slopes per decade: −0.5, −0.5, −1.5, −0.5, then +2, +5, −6 (a drop between two blow-ups), +7.
    expect(steep(nine, rising)).toEqual({ index: 2, learningRate: 1e-4 });
    expect(steep(nine, rising).learningRate).toBeLessThan(nine[minimumOverTen(nine, rising).index]);
    // No descent at all: the minimum is the first point.
    expect(steep([1e-3, 1e-2, 1e-1], [1, 2, 3])).toEqual({ index: 0, learningRate: 1e-3 });
  });

  it('valley edge cases: a never-decreasing curve gives index 0; a negative index is clamped to 0', () => {
    const five = [1e-3, 1e-2, 1e-1, 1, 10];
    expect(valley(five, [1, 2, 3, 4, 5]).index).toBe(0);
    expect(valley(five, [2, 1, 3, 4, 5])).toEqual({ index: 0, learningRate: 1e-3 });
  });
});
