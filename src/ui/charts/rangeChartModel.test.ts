import { describe, expect, it } from 'vitest';
import { boxesOverlap, formatRateTick, labelWidth, placeLabels, rateTicks, suggestionIndex } from './rangeChartModel';

/** Every tick is 1, 2 or 5 times a power of ten. */
function is125(t: number): boolean {
  const e = Math.floor(Math.log10(t) + 1e-9);
  const m = Number((t / 10 ** e).toPrecision(6));
  return [1, 2, 5].includes(m);
}

describe('rateTicks', () => {
  it('labels whole decades over the default sweep (1e-7 … 10)', () => {
    expect(rateTicks([1e-7, 8.3], true)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
  });
  it('labels every second decade when there would be too many', () => {
    const ticks = rateTicks([1e-9, 1e3], true);
    expect(ticks).toEqual([1e-8, 1e-6, 1e-4, 0.01, 1, 100]);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] / ticks[i - 1]).toBeCloseTo(100, 6);
  });
  it('uses 1-2-5 within two decades, evenly on the log scale pattern', () => {
    expect(rateTicks([1e-4, 5e-3], true)).toEqual([1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3]);
    expect(rateTicks([3e-3, 0.2], true)).toEqual([5e-3, 0.01, 0.02, 0.05, 0.1, 0.2]);
  });
  it('never shows fewer than two ticks, and every tick is 1-2-5', () => {
    for (const [lo, hi] of [[0.011, 0.018], [0.3, 0.45], [1e-6, 1.5e-6], [2e-5, 3e-2], [1e-7, 10], [0.07, 0.3]] as [number, number][]) {
      const ticks = rateTicks([lo, hi], true);
      expect(ticks.length, `${lo}…${hi}`).toBeGreaterThanOrEqual(2);
      for (const t of ticks) expect(is125(t), `${t}`).toBe(true);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
    }
  });
  it('wide sweeps give evenly spaced decades only', () => {
    for (const [lo, hi] of [[1e-7, 10], [1e-5, 1], [2e-6, 0.4], [1e-10, 100]] as [number, number][]) {
      const ticks = rateTicks([lo, hi], true);
      const ratios = ticks.slice(1).map((t, i) => Math.round(Math.log10(t / ticks[i])));
      expect(new Set(ratios).size).toBe(1);
      for (const t of ticks) expect(Math.log10(t)).toBeCloseTo(Math.round(Math.log10(t)), 9);
    }
  });
  it('linear sweeps step by 1, 2 or 5 times a power of ten', () => {
    expect(rateTicks([0, 0.02], false)).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(rateTicks([0.001, 1], false)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('formatRateTick', () => {
  it('writes small and large rates compactly', () => {
    expect([1e-7, 2e-5, 1e-3, 0.05, 1, 10, 5000, 0.00015].map(formatRateTick)).toEqual(['1e-7', '2e-5', '0.001', '0.05', '1', '10', '5e3', '1.5e-4']);
  });
});

describe('placeLabels', () => {
  const plot = { x: 60, y: 10, width: 500, height: 200 };
  it('keeps labels of nearby markers apart (the "minimum"/"steepest" overlap)', () => {
    const markers = [
      { cx: 300, cy: 150, labelWidth: labelWidth('valley') },
      { cx: 318, cy: 140, labelWidth: labelWidth('steepest') },
      { cx: 330, cy: 152, labelWidth: labelWidth('minimum') },
    ];
    const placed = placeLabels(markers, plot);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(boxesOverlap(placed[i].box, placed[j].box)).toBe(false);
      for (const m of markers) expect(boxesOverlap(placed[i].box, { x: m.cx - 7, y: m.cy - 10, width: 20, height: 20 })).toBe(false);
    }
  });
  it('puts a lone label above its marker, and below it at the top edge', () => {
    const [top] = placeLabels([{ cx: 200, cy: 100, labelWidth: 40 }], plot);
    expect(top.box.y + top.box.height).toBeLessThanOrEqual(100 - 10);
    const [edge] = placeLabels([{ cx: 200, cy: 15, labelWidth: 40 }], plot);
    expect(edge.box.y).toBeGreaterThanOrEqual(15 + 10);
  });
  it('avoids obstacles', () => {
    const obstacle = { x: 170, y: 70, width: 60, height: 16 };
    const [placed] = placeLabels([{ cx: 200, cy: 100, labelWidth: 40 }], plot, [obstacle]);
    expect(boxesOverlap(placed.box, obstacle)).toBe(false);
  });
});

describe('suggestionIndex', () => {
  const learningRates = [1e-4, 1e-3, 1e-2, 1e-1, 1];
  const suggestions = { valley: { index: 1, learningRate: 1e-3 }, steep: { index: 2, learningRate: 1e-2 }, minimum: { index: 3, learningRate: 1e-2 } };
  it('selects the marked point, or for minimum the point nearest a tenth of its rate', () => {
    expect(suggestionIndex({ learningRates, suggestions }, 'valley', true)).toBe(1);
    expect(suggestionIndex({ learningRates, suggestions }, 'steep', true)).toBe(2);
    expect(suggestionIndex({ learningRates, suggestions }, 'minimum', true)).toBe(2);
    expect(suggestionIndex({ learningRates, suggestions: null }, 'valley', true)).toBe(-1);
  });
});
