import { describe, expect, it } from 'vitest';
import { BoundedSeries } from './boundedSeries';

type Column = 'step' | 'loss' | 'other';

function series(capacity = 100, recent = 20): BoundedSeries<Column> {
  return new BoundedSeries<Column>({ columns: ['step', 'loss', 'other'], x: 'step', extremes: ['loss'], capacity, recent });
}

/** A smooth, slowly falling loss; `other` is 10 × the step so row alignment can be checked. */
function feed(s: BoundedSeries<Column>, from: number, to: number, loss = (step: number) => 1 / (1 + step / 100)): void {
  for (let step = from; step < to; step++) s.push({ step, loss: loss(step), other: 10 * step });
}

describe('BoundedSeries', () => {
  it('holds every point until it fills up', () => {
    const s = series();
    feed(s, 0, 100);
    expect(s.length).toBe(100);
    expect(s.columns.step).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('never holds more than its capacity, keeps the first point, the recent window whole, and rows aligned', () => {
    const s = series();
    for (let step = 0; step < 100_000; step++) {
      s.push({ step, loss: Math.sin(step), other: 10 * step });
      expect(s.length).toBeLessThanOrEqual(100);
      // After every push, not only at the end: the last 20 points are the last 20 pushed.
      if (step >= 19) expect(s.columns.step[s.length - 20]).toBe(step - 19);
    }
    const { step, loss, other } = s.columns;
    expect(step[0]).toBe(0);
    expect(step.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => 100_000 - 20 + i));
    step.forEach((x, i) => {
      expect(other[i]).toBe(10 * x);
      expect(loss[i]).toBe(Math.sin(x));
      if (i > 0) expect(x).toBeGreaterThan(step[i - 1]);
    });
  });

  it('takes a point as its values in column order (pushValues) exactly as it takes it as an object', () => {
    const byObject = series();
    const byValues = series();
    const row = new Float64Array(3);
    for (let step = 0; step < 1_000; step++) {
      const loss = step % 97 === 0 ? Number.NaN : Math.cos(step / 7);
      byObject.push({ step, loss, other: 10 * step });
      row[0] = step;
      row[1] = loss;
      row[2] = 10 * step;
      byValues.pushValues(row);
    }
    // Through the same compactions: the same points in every column.
    expect(byValues.length).toBe(byObject.length);
    expect(byValues.columns).toEqual(byObject.columns);
    expect(() => byValues.pushValues([1, 2])).toThrow(/2 values for 3 columns/);
  });

  it('keeps a single spike and a single dip through many compactions', () => {
    const s = series();
    const loss = (step: number): number => (step === 1234 ? 50 : step === 4321 ? -50 : 1 / (1 + step / 100));
    feed(s, 0, 1_000_000, loss);
    const { step, loss: kept } = s.columns;
    expect(kept[step.indexOf(1234)]).toBe(50);
    expect(kept[step.indexOf(4321)]).toBe(-50);
  });

  it('spreads the compacted points evenly along x, not crowded at the newest compaction', () => {
    const s = series(1000, 100);
    feed(s, 0, 1_000_000);
    // Everything pushed more than `capacity` points ago has been through the latest compaction.
    const compacted = s.columns.step.filter((x) => x < 1_000_000 - 1000);
    const firstHalf = compacted.filter((x) => x < (1_000_000 - 1000) / 2).length;
    // Index-based buckets would thin the oldest points at every compaction and leave the first half a handful.
    expect(compacted.length).toBeGreaterThan(300);
    expect(firstHalf / compacted.length).toBeGreaterThan(0.45);
    expect(firstHalf / compacted.length).toBeLessThan(0.55);
  });

  it('lets a NaN lose but keeps ±Infinity as an extreme', () => {
    const s = series();
    const loss = (step: number): number => (step === 500 ? Infinity : step % 2 === 0 ? Number.NaN : 1);
    feed(s, 0, 10_000, loss);
    const { step, loss: kept } = s.columns;
    expect(kept[step.indexOf(500)]).toBe(Infinity);
    // Points pushed over two capacities ago went through a compaction as neither its first nor its last
    // older point: of those, only the series' first point (kept whatever it holds) may be NaN.
    const compacted = kept.filter((_, i) => i > 0 && step[i] < 10_000 - 200);
    expect(compacted.length).toBeGreaterThan(0);
    expect(compacted.filter((v) => Number.isNaN(v))).toEqual([]);
    expect(kept.slice(-20).filter((v) => Number.isNaN(v))).toHaveLength(10);
  });

  it('pops across the compacted part and clears', () => {
    const s = series();
    feed(s, 0, 1000);
    const before = s.length;
    for (let i = 0; i < 30; i++) s.pop();
    expect(s.length).toBe(before - 30);
    // The 20 recent points and 10 compacted ones are gone: the last left is older than step 970, its row whole.
    const last = s.last('step') ?? Number.NaN;
    expect(last).toBeLessThan(970);
    expect(s.last('other')).toBe(10 * last);
    expect(s.columns.other.length).toBe(s.length);
    s.clear();
    expect(s.length).toBe(0);
    expect(s.last('step')).toBeUndefined();
    s.pop();
    expect(s.length).toBe(0);
  });

  it('keeps its column arrays when compacting, so views of them stay live', () => {
    const s = series();
    const steps = s.columns.step;
    feed(s, 0, 1000);
    expect(s.columns.step).toBe(steps);
    expect(steps.length).toBe(s.length);
  });

  it('refuses sizes that leave no room to compact', () => {
    expect(() => series(10, 9)).toThrow(RangeError);
    expect(() => series(20, 0)).toThrow(RangeError);
    expect(() => new BoundedSeries<Column>({ columns: ['step', 'loss'], x: 'step', extremes: ['other'], capacity: 100, recent: 10 })).toThrow(RangeError);
  });
});
