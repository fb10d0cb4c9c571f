import { describe, expect, it } from 'vitest';
import { compactTick, countTicks, tickLabels, extent, fitTitle, linearAxis, logAxis, nearestIndex, nearestPoint, niceTicks, prepareLine, prepareSeedBand, valueAt, yAxisOf, yAxisWidth } from './lineChartModel';

const options = { smoothing: 0, logY: false, maxPoints: 100 };

describe('line chart model', () => {
  it('keeps a one-point spike through decimation and drops what a log axis cannot show', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => i);
    const ys = xs.map((i) => (i === 4321 ? 50 : 1 / (1 + i)));
    const { raw } = prepareLine(xs, ys, options);
    expect(raw.length).toBeLessThanOrEqual(102);
    expect(raw.some((p) => p.x === 4321 && p.y === 50)).toBe(true);
    const logged = prepareLine([0, 1, 2], [1, 0, Number.NaN], { ...options, logY: true });
    expect(logged.raw.map((p) => p.y)).toEqual([1, null, null]);
  });

  it('smooths with the debiased EMA (first value unchanged) and keeps the raw line apart', () => {
    const { raw, smoothed } = prepareLine([0, 1, 2], [1, 3, 3], { ...options, smoothing: 0.5 });
    expect(raw.map((p) => p.y)).toEqual([1, 3, 3]);
    expect(smoothed[0].y).toBe(1);
    // EMA 0.5: a1 = 0.5, a2 = 0.25 + 1.5 = 1.75, debiased by 1 − 0.25 → 7/3
    expect(smoothed[1].y).toBeCloseTo(7 / 3, 12);
  });

  it('draws a repeated run as its median inside its band', () => {
    const xs = [0, 1, 2, 3];
    const perSeed = [
      [1, 0.8, 0.6, 0.5],
      [1.2, 0.9, 0.7, 0.4],
      [0.9, 0.7, 0.5, 0.45],
    ];
    for (const kind of ['minmax', 'iqr'] as const) {
      const { median, band } = prepareSeedBand(xs, perSeed, kind, options);
      median.forEach((p, i) => {
        const range = band[i].range;
        expect(range).not.toBeNull();
        if (range && p.y !== null) {
          expect(range[0]).toBeLessThanOrEqual(p.y);
          expect(p.y).toBeLessThanOrEqual(range[1]);
        }
      });
    }
    expect(prepareSeedBand(xs, perSeed, 'minmax', options).band[0].range).toEqual([0.9, 1.2]);
  });

  it('finds the extent of finite values, positive ones on a log axis', () => {
    expect(extent([3, null, -1, Number.NaN, 7])).toEqual([-1, 7]);
    expect(extent([3, -1, 0, 7], true)).toEqual([3, 7]);
    expect(extent([null])).toBeNull();
  });

  it('ticks at 1-2-5 steps on a linear axis and at decades on a log axis', () => {
    expect(niceTicks([0, 1], false)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks([0.013, 0.087], false)).toEqual([0.02, 0.04, 0.06, 0.08]);
    expect(niceTicks([1e-7, 10], true)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
    expect(niceTicks([0.03, 0.6], true)).toEqual([0.05, 0.1, 0.2, 0.5]);
  });

  it('maps a pointer position back to a value, linear or log, and finds the nearest sample', () => {
    expect(valueAt(0.5, [0, 10], false)).toBe(5);
    expect(valueAt(0.5, [1e-6, 1], true)).toBeCloseTo(1e-3, 12);
    expect(valueAt(2, [1, 100], true)).toBe(100);
    expect(nearestIndex([1e-4, 1e-3, 1e-2], 2e-3, true)).toBe(1);
    expect(nearestIndex([1e-4, 1e-3, 1e-2], 6e-3, true)).toBe(2);
  });
});

describe('log axis and nearest point', () => {
  it('pads a log axis and widens a narrow span to decades so that it has at least two ticks', () => {
    const wide = logAxis([1e-4, 0.5]);
    expect(wide.domain[0]).toBeLessThan(1e-4);
    expect(wide.ticks).toEqual([1e-4, 1e-3, 1e-2, 0.1]);
    const narrow = logAxis([0.21, 0.39]);
    expect(narrow.domain).toEqual([0.1, 1]);
    expect(narrow.ticks).toEqual([0.1, 0.2, 0.5, 1]);
  });

  it('finds the point nearest in x, whatever the order', () => {
    expect(nearestPoint([{ x: 0 }, { x: 10 }, { x: 20 }], 12)).toBe(1);
    expect(nearestPoint([{ x: 5 }, { x: 1 }], 0)).toBe(1);
    expect(nearestPoint([], 3)).toBe(-1);
  });

  it('gives a linear axis ticks whose labels differ, on a narrow span far from zero', () => {
    const axis = linearAxis([136.52, 136.61]);
    expect(axis.ticks).toEqual([136.52, 136.54, 136.56, 136.58, 136.6, 136.62]);
    expect(axis.domain).toEqual([136.52, 136.62]);
    expect(axis.decimals).toBe(2);
    const labels = axis.ticks.map((t) => t.toFixed(axis.decimals));
    expect(new Set(labels).size).toBe(labels.length);
    expect(linearAxis([0, 0.73])).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8], decimals: 1 });
    // A flat line still gets two or more ticks around its value.
    expect(linearAxis([0.5, 0.5]).ticks.length).toBeGreaterThanOrEqual(2);
  });
});

describe('tick labels that fit the axis', () => {
  it('writes tiny and huge values with an exponent, the rest as plain numbers', () => {
    expect([1e-6, 0.00025, 0.000195, 0.001, 0.015, 0.6931, 2, 1234, 200000].map((v) => compactTick(v))).toEqual(['1e-6', '2.5e-4', '1.95e-4', '0.001', '0.015', '0.693', '2', '1230', '2e5']);
    expect(compactTick(0)).toBe('0');
    expect(compactTick(-0.00005)).toBe('-5e-5');
  });

  it('puts count-axis ticks on whole numbers only, even when one step is all there is', () => {
    expect(countTicks([0, 1])).toEqual([0, 1]);
    expect(countTicks([0, 3])).toEqual([0, 1, 2, 3]);
    expect(countTicks([0, 2000])).toEqual([0, 500, 1000, 1500, 2000]);
    expect(countTicks([0, 0.4])).toEqual([0]);
  });
});

describe('the y axis gives its title room from its labels', () => {
  it('labels a narrow loss span with the decimals it needs and widens the axis past the 66 px that overlapped', () => {
    const axis = yAxisOf([0.6931, 0.6945], false);
    const labels = axis.ticks.map(axis.format);
    expect(labels).toContain('0.6940');
    // Six characters at 16 px: about 58 px of label, beside a title line and the tick: more than the old fixed 66.
    expect(yAxisWidth(labels, 16)).toBeGreaterThan(66);
    expect(yAxisWidth(labels, 16)).toBeGreaterThanOrEqual(4 + 16 + 6 * 0.55 * 16 + 8);
    // Short labels need less, a larger font (the stage) more.
    expect(yAxisWidth(['0.5', '1'], 16)).toBeLessThan(yAxisWidth(labels, 16));
    expect(yAxisWidth(labels, 22)).toBeGreaterThan(yAxisWidth(labels, 16));
  });

  it('writes the full title only where it fits along the axis', () => {
    expect(fitTitle('loss (cross-entropy)', 'loss', 120, 16)).toBe('loss');
    expect(fitTitle('loss (cross-entropy)', 'loss', 300, 16)).toBe('loss (cross-entropy)');
  });
});

describe('tickLabels', () => {
  it('adds digits until every two ticks read apart, and no more', () => {
    // The walk's case: a sweep's medians from 0.6890 to 0.6910 read 0.689, 0.69, 0.69, 0.691 at 3 digits.
    expect(tickLabels([0.689, 0.6895, 0.69, 0.6905, 0.691])).toEqual(['0.689', '0.6895', '0.69', '0.6905', '0.691']);
    expect(tickLabels([0, 0.25, 0.5, 0.75, 1])).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(tickLabels([1e-4, 2e-4])).toEqual(['1e-4', '2e-4']);
  });
});
