import { describe, expect, it } from 'vitest';
import { linePath, loneDotRadius, lonePoints, pixelPoints, placedAt, yScaleFor } from './seriesLines';

// A log y axis over 0.01–1 on 100 px (top at 0), an x axis 0–10 over 200 px: what a Recharts scale gives.
const x = (v: number): number => v * 20;
const logY = (v: number): number | undefined => (v > 0 ? -Math.log10(v) * 50 : Number.NaN);

describe('a series drawn with the chart scales', () => {
  it('places each point and breaks the line at a null and at a value the scale cannot place', () => {
    const placed = pixelPoints(
      [
        { x: 0, y: 1 },
        { x: 1, y: 0.1 },
        { x: 2, y: null },
        { x: 3, y: 0.01 },
        { x: 4, y: 0 }, // 0 on a log axis
        { x: 5, y: 0.1 },
        { x: 6, y: 1 },
      ],
      x,
      logY,
    );
    expect(Array.from({ length: 7 }, (_, i) => placedAt(placed, i))).toEqual([{ x: 0, y: -0 }, { x: 20, y: 50 }, null, { x: 60, y: 100 }, null, { x: 100, y: 50 }, { x: 120, y: -0 }]);
    expect(placedAt(placed, 7)).toBeNull();
    // Recharts' Line without connectNulls: a new segment after each gap; a lone point draws nothing.
    expect(linePath(placed)).toBe('M0,0L20,50M60,100M100,50L120,0');
  });

  it('is empty where no point can be placed', () => {
    expect(linePath(pixelPoints([{ x: 1, y: null }, { x: Number.NaN, y: 1 }], x, logY))).toBe('');
  });

  it('gives a point with no placed neighbour a dot: a one-point series (the train loss at step 0) is seen', () => {
    const first = pixelPoints([{ x: 0, y: 0.1 }], x, logY);
    // Its path is a lone move, which draws nothing.
    expect(linePath(first)).toBe('M0,50');
    expect(lonePoints(first)).toEqual([{ x: 0, y: 50, index: 0 }]);
    // Between gaps too; points on a segment are not lone.
    const gapped = pixelPoints([{ x: 0, y: 1 }, { x: 1, y: 0.1 }, { x: 2, y: null }, { x: 3, y: 0.01 }, { x: 4, y: 0 }, { x: 5, y: 0.1 }], x, logY);
    expect(lonePoints(gapped).map((p) => p.index)).toEqual([3, 5]);
    expect(lonePoints(pixelPoints([{ x: 0, y: 1 }, { x: 1, y: 0.1 }], x, logY))).toEqual([]);
    // Never thinner than the line it stands for, nor a speck.
    expect(loneDotRadius(4)).toBe(5);
    expect(loneDotRadius(1.2)).toBe(3);
  });

  it('places a series on its own axis, and says so when the chart has no scale for it', () => {
    const left = 'left scale';
    const right = 'right scale';
    expect(yScaleFor({ axis: 'right' }, true, left, right)).toBe(right);
    expect(yScaleFor({ axis: 'right' }, false, left, right)).toBe(left);
    expect(yScaleFor({ axis: 'left' }, true, left, undefined)).toBe(left);
    expect(yScaleFor({ axis: 'right' }, true, left, undefined)).toBeNull();
  });
});
