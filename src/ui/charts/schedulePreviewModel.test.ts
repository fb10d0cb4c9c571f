import { describe, expect, it } from 'vitest';
import { formatRateTick } from './rangeChartModel';
import { labelsWidth, previewAxis, previewStepsPerEpoch } from './schedulePreviewModel';

describe('previewAxis', () => {
  it('reaches from 0 to a 1-2-5 tick above the largest rate, wide enough for its labels', () => {
    const axis = previewAxis([0.001, 0.006, 0.0035], true);
    expect(axis.ticks[0]).toBe(0);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.006);
    // The top is a tick, and the ticks step by 1, 2 or 5 times a power of ten from 0.
    const top = axis.ticks[axis.ticks.length - 1];
    expect(top).toBe(axis.domain[1]);
    const step = axis.ticks[1] - axis.ticks[0];
    expect([1, 2, 5]).toContain(Number((step / 10 ** Math.floor(Math.log10(step))).toFixed(6)));
    axis.ticks.forEach((tick, i) => expect(tick).toBeCloseTo(i * step, 12));
    expect(axis.ticks.map(formatRateTick)).toContain('0.002');
    expect(axis.width).toBeGreaterThanOrEqual(labelsWidth(axis.ticks.map(formatRateTick)));
    expect(labelsWidth(['0.0075'])).toBeGreaterThan(44);
  });
  it('encloses the momentum range', () => {
    const axis = previewAxis([0.85, 0.95, 0.9], false);
    expect(axis.domain[0]).toBeLessThanOrEqual(0.85);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(0.95);
  });
  it('copes with constant, tiny and empty series', () => {
    expect(previewAxis([0.01, 0.01], true).domain).toEqual([0, 0.01]);
    const tiny = previewAxis([4e-8, 1e-5], true);
    expect(tiny.ticks.map(formatRateTick).every((l) => l.length <= 6)).toBe(true);
    expect(previewAxis([], true).domain).toEqual([0, 1]);
    expect(previewAxis([0.9, 0.9], false).ticks.length).toBeGreaterThanOrEqual(2);
  });
});

describe('previewStepsPerEpoch', () => {
  const config = { points: 500, trainPercent: 50, batchSize: 16 };
  it("counts a loaded file's training rows, not the built-in set's (a CSV of 50 rows has no plane points)", () => {
    // The worker reported 25 training rows and no plane points (the file has more than 2 inputs).
    const csvRun = { train: null, problem: { trainCount: 25 } };
    expect(previewStepsPerEpoch(csvRun, config)).toBe(25 / 16);
  });
  it('uses the reported rows when the run also has plane points, and clips the batch to them', () => {
    // 250 plane points, 50 of them held out for validation: 200 rows trained on.
    const heldOut = { train: { targets: new Float32Array(250) }, problem: { trainCount: 200 } };
    expect(previewStepsPerEpoch(heldOut, config)).toBe(200 / 16);
    expect(previewStepsPerEpoch({ problem: { trainCount: 10 } }, config)).toBe(1);
  });
  it("falls back to the configured split before a run has reported its data", () => {
    expect(previewStepsPerEpoch(null, config)).toBe(250 / 16);
  });
});
