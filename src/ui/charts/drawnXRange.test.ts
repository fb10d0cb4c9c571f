import { describe, expect, it } from 'vitest';
import { drawnXDomain, steadyXRange, type XRange } from './drawnXRange';
import { xTicks } from './runChartModel';

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

describe('the range held between redraws (steadyXRange)', () => {
  /** The ranges drawn for a run at `perSecond` steps a second, redrawn 10 times a second for `seconds`. */
  function ranges(perSecond: number, seconds: number): { at: number; last: number; range: XRange }[] {
    const out: { at: number; last: number; range: XRange }[] = [];
    let range: XRange | null = null;
    for (let at = 100; at <= seconds * 1000; at += 100) {
      const last = Math.round((perSecond * at) / 1000);
      range = steadyXRange(range, [0, last], 'step', false, false, at);
      out.push({ at, last, range });
    }
    return out;
  }
  const moves = (drawn: { range: XRange }[]): number => drawn.filter((d, i) => i > 0 && d.range !== drawn[i - 1].range).length;

  it('a run at full speed (10,000 steps a second) moves the axis a few times in its first seconds, and holds it still while it grows within', () => {
    const drawn = ranges(10_000, 100);
    for (const { last, range } of drawn) {
      expect(range.low).toBe(0);
      expect(range.end).toBeGreaterThanOrEqual(last);
    }
    // Moved to the next tick only (no reach ahead), it moved 9 times in the first 20 redraws and 7 in the next 80.
    expect(moves(drawn.slice(0, 20))).toBeLessThanOrEqual(4);
    expect(moves(drawn.slice(19, 100))).toBeLessThanOrEqual(5);
    expect(moves(drawn.slice(99))).toBeLessThanOrEqual(10);
    // Never more than doubling the span: the curves fill 40 % of the width at least, two thirds after the first 10 s.
    expect(Math.min(...drawn.map((d) => d.last / d.range.end))).toBeGreaterThanOrEqual(0.4);
    expect(Math.min(...drawn.slice(100).map((d) => d.last / d.range.end))).toBeGreaterThanOrEqual(2 / 3);
  });

  it("a slow run (15 steps a second, LocoProp-M at the paper's scale) steps its axis to the next tick, as drawnXDomain alone", () => {
    for (const { last, range } of ranges(15, 120).slice(50)) {
      expect(range.end).toBeGreaterThanOrEqual(last);
      expect(last / range.end).toBeGreaterThanOrEqual(2 / 3 - 0.01);
    }
  });

  it('paused, a range that reached ahead settles on the data (a run paused in its first seconds is not left in half its chart)', () => {
    let range = steadyXRange(null, [0, 2000], 'step', false, false, 0);
    range = steadyXRange(range, [0, 6000], 'step', false, false, 400);
    expect(range.end).toBeGreaterThan(drawnXDomain([0, 6000], 'step', false, false)[1]);
    const settled = steadyXRange(range, [0, 6000], 'step', false, false, 500, false);
    expect(settled.end).toBe(drawnXDomain([0, 6000], 'step', false, false)[1]);
    expect(steadyXRange(settled, [0, 6000], 'step', false, false, 600, false)).toBe(settled);
  });

  it('data that shrinks (a reset, a rewind, a run hidden) starts afresh; a window and a log axis draw the data itself', () => {
    let range = steadyXRange(null, [0, 50_000], 'step', false, false, 0);
    range = steadyXRange(range, [0, 90_000], 'step', false, false, 1000);
    expect(range.end).toBeGreaterThan(100_000);
    range = steadyXRange(range, [0, 120], 'step', false, false, 1100);
    expect(range.end).toBe(drawnXDomain([0, 120], 'step', false, false)[1]);
    expect(steadyXRange(range, [8000, 10_037], 'step', false, true, 1200)).toMatchObject({ low: 8000, end: 10_037 });
    expect(steadyXRange(range, [1, 10_037], 'step', true, false, 1200)).toMatchObject({ low: 1, end: 10_037 });
  });
});
