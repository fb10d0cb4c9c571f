import { describe, expect, it } from 'vitest';
import { formatCompact, formatMetricValue, formatSweepValue, logTicks, thinTicks, xAxisFor, yAxisFor, yPosition } from './sweepAxes';

describe('sweep axes', () => {
  it('labels a log axis at decades, with 2 … 9 times each decade as minor positions', () => {
    const axis = xAxisFor([1e-4, 1e-3, 1e-2, 1e-1], 'log');
    expect(axis.ticks.map((t) => t.label)).toEqual(['1e-4', '1e-3', '0.01', '0.1']);
    expect(axis.ticks.map((t) => t.at)).toEqual([-4, -3, -2, -1]);
    // 2e-4 … 9e-4, 2e-3 … 9e-3, 2e-2 … 9e-2 inside the padded domain, and the ones just past 0.1 and before 1e-4.
    const minor = axis.minor.map((u) => Number((10 ** u).toPrecision(6)));
    for (const m of [2e-4, 5e-4, 9e-4, 3e-3, 7e-2]) expect(minor).toContain(m);
    expect(minor).not.toContain(1e-3);
    expect(axis.minor.every((u) => u >= axis.domain[0] && u <= axis.domain[1])).toBe(true);
  });

  it('labels every k-th decade of a wide log axis, anchored at 10⁰, and 1-2-5 within one decade', () => {
    const wide = logTicks([-12.3, 3.3], 8);
    expect(wide.ticks.map((t) => t.at)).toEqual([-12, -10, -8, -6, -4, -2, 0, 2]);
    const narrow = logTicks([Math.log10(0.015), Math.log10(0.09)]);
    expect(narrow.ticks.map((t) => t.label)).toEqual(['0.02', '0.05']);
    const tiny = logTicks([Math.log10(0.031), Math.log10(0.045)]);
    expect(tiny.ticks.map((t) => t.label)).toEqual(['0.04']);
  });

  it('pads a linear axis so the end points sit inside it, and draws a single value in the middle', () => {
    const axis = xAxisFor([0, 0.5, 1], 'linear');
    expect(axis.domain[0]).toBeLessThan(0);
    expect(axis.domain[1]).toBeGreaterThan(1);
    expect(axis.ticks.map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    const one = xAxisFor([3e-3], 'log');
    expect((Math.log10(3e-3) - one.domain[0]) / (one.domain[1] - one.domain[0])).toBeCloseTo(0.5, 12);
  });

  it('uses a log metric axis only past two decades of positive values, and puts ±∞ off the scale', () => {
    expect(yAxisFor([0.2, 0.9, Infinity, Number.NaN]).log).toBe(false);
    const log = yAxisFor([1e-4, 0.5]);
    expect(log.log).toBe(true);
    expect(yAxisFor([-1e-4, 0.5]).log).toBe(false);
    expect(yPosition(log, 1e-4)).toBeGreaterThan(0);
    expect(yPosition(log, 0.5)).toBeLessThan(1);
    const mid = Math.sqrt(log.domain[0] * log.domain[1]);
    expect(yPosition(log, mid)).toBeCloseTo(0.5, 12);
    expect(yPosition(log, Infinity)).toBe('high');
    expect(yPosition(log, -Infinity)).toBe('low');
    expect(yPosition(log, Number.NaN)).toBeNull();
    expect(yAxisFor([]).domain).toEqual([0, 1]);
    expect(yAxisFor([Infinity, Number.NaN]).ticks).toEqual([]);
  });

  it('writes values compactly and metrics in words', () => {
    expect([1e-3, 0.03, 2.5e-4, 0.1, 12, 30000, 0].map(formatCompact)).toEqual(['1e-3', '0.03', '2.5e-4', '0.1', '12', '3e4', '0']);
    expect([0.0031622776601683794, true, 'adam'].map(formatSweepValue)).toEqual(['0.003162', 'on', 'adam']);
    expect(formatMetricValue({ kind: 'final', of: 'testAccuracy' }, 0.9321)).toBe('93.2%');
    expect(formatMetricValue({ kind: 'best', of: 'validationAccuracy' }, 0.5)).toBe('50.0%');
    expect(formatMetricValue({ kind: 'stepsTo', of: 'testLoss', target: 0.1 }, Infinity)).toBe('not reached');
    expect(formatMetricValue({ kind: 'stepsTo', of: 'testLoss', target: 0.1 }, 1200)).toBe('1,200 steps');
    expect(formatMetricValue({ kind: 'final', of: 'testLoss' }, Infinity)).toBe('off the scale (∞)');
    expect(formatMetricValue({ kind: 'final', of: 'testLoss' }, 0.12345)).toBe('0.1235');
  });

  it('thins labels that would overlap on a short axis, keeping the first', () => {
    const ticks = Array.from({ length: 20 }, (_, i) => ({ at: i, label: `${i}.25` }));
    expect(thinTicks(ticks, 2000)).toHaveLength(20);
    const thin = thinTicks(ticks, 200);
    expect(thin[0].at).toBe(0);
    const spacing = 200 / 20;
    const stride = thin[1].at - thin[0].at;
    expect(stride * spacing).toBeGreaterThanOrEqual(5 * 7);
  });
});
