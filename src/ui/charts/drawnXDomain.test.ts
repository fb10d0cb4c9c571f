import { describe, expect, it } from 'vitest';
import { drawnXDomain, xTicks } from './runChartModel';

describe('the x range a chart draws while runs train', () => {
  // A run at full speed: about 1,000 steps a redraw, for 100 s of redraws at 10 a second.
  const lasts = Array.from({ length: 1000 }, (_, i) => 37 + i * 1013);

  it('holds the data, ends on one of its own ticks, and leaves at most a third of the width empty', () => {
    for (const axis of ['step', 'epoch', 'time'] as const) {
      for (const last of lasts) {
        const high = axis === 'step' ? last : last / 97;
        const [low, end] = drawnXDomain([0, high], axis, false, false);
        expect(low).toBe(0);
        expect(end).toBeGreaterThanOrEqual(high);
        expect(xTicks([0, end], axis, false).at(-1)).toBeCloseTo(end, 9);
        expect(high / end).toBeGreaterThanOrEqual(2 / 3);
      }
    }
  });

  it('stands still over most redraws: the axis moves when the curve passes its end, not on every redraw', () => {
    const ends = lasts.map((last) => drawnXDomain([0, last], 'step', false, false)[1]);
    const moves = ends.filter((end, i) => i > 0 && end !== ends[i - 1]).length;
    // The data's own range moves on every one of the 999 redraws.
    expect(moves).toBeLessThan(60);
    // In the last 50 s (the 500 redraws from 500,000 steps on) it moves a few times.
    expect(ends.slice(500).filter((end, i) => i > 0 && end !== ends[500 + i - 1]).length).toBeLessThanOrEqual(6);
  });

  it("a window and a log axis keep the data's range", () => {
    expect(drawnXDomain([8000, 10_037], 'step', false, true)).toEqual([8000, 10_037]);
    expect(drawnXDomain([1, 10_037], 'step', true, false)).toEqual([1, 10_037]);
  });

  it('a range of one point or none is left as it is', () => {
    expect(drawnXDomain([0, 0], 'step', false, false)).toEqual([0, 0]);
  });
});
