import { describe, expect, it } from 'vitest';
import { curvesModel } from './curvesModel';

describe('sweep curves model', () => {
  it('puts every group on the same axes, steps from 0 to the last checkpoint', () => {
    const model = curvesModel([
      [{ steps: [0, 50, 100], values: [1, 0.5, 0.25], diverged: false }],
      [{ steps: [0, 50, 100], values: [0.8, 0.6, 0.5], diverged: false }],
    ]);
    expect(model.xDomain).toEqual([0, 100]);
    expect(model.xTicks[0]).toBe(0);
    expect(model.xTicks[model.xTicks.length - 1]).toBe(100);
    expect(model.groups[0][0].points.map((p) => p.x)).toEqual([0, 0.5, 1]);
    // 0.25 and 1 are the extremes of both groups: both inside the shared axis, and 0.5 at the same height in each.
    expect(model.groups[0][0].points[1].y).toBeCloseTo(model.groups[1][0].points[2].y, 12);
    const ys = model.groups.flat().flatMap((l) => l.points.map((p) => p.y));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(1);
  });

  it('stops a diverged curve at its last finite value, marks it there, and does not stretch the axis to its blow-up', () => {
    const model = curvesModel([
      [
        { steps: [0, 50, 100], values: [1, 0.5, 0.4], diverged: false },
        { steps: [0, 50], values: [1, 1e9], diverged: true },
        { steps: [0, 50, 100], values: [1, 0.9, Number.NaN], diverged: true },
      ],
    ]);
    expect(model.yAxis.domain[1]).toBeLessThan(10);
    const [ok, blown, nan] = model.groups[0];
    expect(ok.end).toBeNull();
    expect(blown.points).toHaveLength(2);
    expect(blown.end?.y).toBe(1);
    expect(nan.points).toHaveLength(2);
    expect(nan.end).toEqual(nan.points[1]);
  });

  it('draws nothing for no curves, without failing', () => {
    const model = curvesModel([[], []]);
    expect(model.groups).toEqual([[], []]);
    expect(model.xDomain).toEqual([0, 1]);
  });
});
