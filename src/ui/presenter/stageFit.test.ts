import { describe, expect, it } from 'vitest';
import { fitPlotLeast, fitZoom, MAX_PLANE, MIN_PLANE, MIN_PLOT_LEAST, PLOT_LEAST, STAGE_BOTTOM, stagePlaneSize } from './stageFit';

describe('stagePlaneSize', () => {
  it('leaves the panel, with what it holds besides the plane, on the screen', () => {
    // 768 px tall, the panel 88 px down, 72 px of legend, readout and padding: the panel ends 16 px above the bottom.
    const side = stagePlaneSize(768, 88, 72);
    expect(88 + side + 72 + STAGE_BOTTOM).toBeLessThanOrEqual(768);
    expect(88 + side + 1 + 72 + STAGE_BOTTOM).toBeGreaterThan(768);
  });
  it('stays within its bounds, and a missing measure falls back to the smallest plane', () => {
    expect(stagePlaneSize(400, 300, 90)).toBe(MIN_PLANE);
    expect(stagePlaneSize(4000, 50, 90)).toBe(MAX_PLANE);
    expect(stagePlaneSize(Number.NaN, 50)).toBe(MIN_PLANE);
  });
});

describe('fitZoom', () => {
  const base = { min: 1, max: 1.45 };
  it('scales the part so the column is as tall as the room', () => {
    // 300 px of chart at zoom 1 in a 500 px column (200 px of other things), 560 px of room: the chart may be 360 px, 1.2×.
    expect(fitZoom({ ...base, available: 560, column: 500, scaled: 300, current: 1 })).toBe(1.2);
  });
  it('gives the same zoom when measured again at the zoom it gave (no oscillation)', () => {
    const first = fitZoom({ ...base, available: 560, column: 500, scaled: 300, current: 1 });
    const again = fitZoom({ ...base, available: 560, column: 200 + 300 * first, scaled: 300 * first, current: first });
    expect(again).toBe(first);
  });
  it('keeps within [min, max], and holds the current zoom when nothing is measured', () => {
    expect(fitZoom({ ...base, available: 2000, column: 500, scaled: 300, current: 1 })).toBe(1.45);
    expect(fitZoom({ ...base, available: 300, column: 500, scaled: 300, current: 1 })).toBe(1);
    expect(fitZoom({ ...base, available: 560, column: 0, scaled: 0, current: 1.3 })).toBe(1.3);
  });
  it('never rounds up past the room', () => {
    const zoom = fitZoom({ ...base, available: 555, column: 500, scaled: 300, current: 1 });
    expect(200 + 300 * zoom).toBeLessThanOrEqual(555);
  });
});

describe('fitPlotLeast', () => {
  it('keeps the full plot while the column fits, and takes from it what the unscaled views push past the room', () => {
    // 600 px of room, 200 px unscaled, 400 px of charts at zoom 1 with the plot at its full height.
    expect(fitPlotLeast({ available: 600, rest: 200, natural: 400, zoom: 1 })).toBe(PLOT_LEAST);
    // 300 px unscaled and the charts at zoom 0.85 (340 px): 40 px too many; the plot gives 40 / 0.85 = 47.06 px.
    const least = fitPlotLeast({ available: 600, rest: 300, natural: 400, zoom: 0.85 });
    expect(least).toBe(202);
    expect(300 + 0.85 * (400 - PLOT_LEAST + least)).toBeLessThanOrEqual(600);
    expect(300 + 0.85 * (400 - PLOT_LEAST + least + 1)).toBeGreaterThan(600);
  });
  it('never goes below its least', () => {
    expect(fitPlotLeast({ available: 300, rest: 400, natural: 400, zoom: 0.85 })).toBe(MIN_PLOT_LEAST);
  });
});
