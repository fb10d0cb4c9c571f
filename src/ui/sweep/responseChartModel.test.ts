import { describe, expect, it } from 'vitest';
import { sweepResponse, type ResponseCell, type SweepResponse, type SweepRunRef } from '../../engine/sweep/response';
import type { RunMetrics, SweepRunResult } from '../../engine/sweep/types';
import { dodge, oneNotation, responseChartModel } from './responseChartModel';
import { xAxisFor } from './sweepAxes';

const METRIC = { kind: 'final', of: 'testLoss' } as const;
const NO_METRICS: RunMetrics = { trainLoss: Number.NaN, testLoss: Number.NaN, trainAccuracy: Number.NaN, testAccuracy: Number.NaN, validationLoss: Number.NaN, validationAccuracy: Number.NaN };

function cell(group: number, point: number[], values: number[], diverged = 0): ResponseCell {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { group, point, values, median, min: values.length ? Math.min(...values) : Number.NaN, max: values.length ? Math.max(...values) : Number.NaN, diverged };
}

function response(cells: ResponseCell[], best: SweepResponse['best']): SweepResponse {
  return { metric: METRIC, checkpoint: 3, atStep: 30, cells, best, rule: 'lowest median final test loss at step 30' };
}

describe('response chart model', () => {
  it('places log-swept values evenly by decade, and 3e-3 at log10(3) of the way from 1e-3 to 1e-2', () => {
    const values = [1e-4, 1e-3, 3e-3, 1e-2];
    const r = response(values.map((_, i) => cell(0, [i], [0.5, 0.4, 0.6])), [null]);
    const model = responseChartModel(r, values, 'log');
    expect(model.xAxis.scale).toBe('log');
    const [a, b, c, d] = model.groups[0].points.map((p) => p.x);
    expect(b - a).toBeCloseTo(d - b, 12);
    expect((c - b) / (d - b)).toBeCloseTo(Math.log10(3), 12);
    expect(a).toBeGreaterThan(0);
    expect(d).toBeLessThan(1);
    // The same values on a linear axis are not evenly spaced: 1e-4 and 1e-3 nearly coincide.
    const linear = responseChartModel(r, values, 'linear').groups[0].points.map((p) => p.x);
    expect(linear[1] - linear[0]).toBeLessThan((linear[3] - linear[1]) / 5);
  });

  it('draws the median inside its min–max band, and marks each group at its best', () => {
    const values = [0.01, 0.1, 1];
    const cells = [cell(0, [0], [0.6, 0.5, 0.7]), cell(0, [1], [0.3, 0.2, 0.25]), cell(0, [2], [0.4, 0.45, 0.9]), cell(1, [0], [0.9, 0.8, 1]), cell(1, [1], [0.5, 0.55, 0.6]), cell(1, [2], [0.1, 0.15, 0.2])];
    const best: SweepResponse['best'] = [
      { group: 0, point: [1], median: 0.25 },
      { group: 1, point: [2], median: 0.15 },
    ];
    const model = responseChartModel(response(cells, best), values, 'log');
    for (const group of model.groups)
      for (const p of group.points) {
        expect(typeof p.y).toBe('number');
        expect(p.yMin as number).toBeLessThanOrEqual(p.y as number);
        expect(p.y as number).toBeLessThanOrEqual(p.yMax as number);
        expect(p.yMin as number).toBeGreaterThanOrEqual(0);
        expect(p.yMax as number).toBeLessThanOrEqual(1);
      }
    expect(model.groups[0].points[2].yMax as number).toBeGreaterThan(model.groups[0].points[2].y as number);
    expect(model.groups.map((g) => g.best?.index)).toEqual([1, 2]);
    expect(model.groups[1].best?.median).toBe(0.15);
    expect(model.groups[0].lines).toHaveLength(1);
    expect(model.groups[0].lines[0]).toHaveLength(3);
    expect(model.groups[0].bands[0]).toHaveLength(3);
  });

  it('keeps a diverged point, off the scale above the plot when its median is +∞, and breaks the line there', () => {
    const values = [1e-3, 1e-2, 1e-1, 1];
    const cells = [cell(0, [0], [0.5, 0.6, 0.55]), cell(0, [1], [0.2, 0.3, 0.25]), cell(0, [2], [0.3, Infinity, 0.35], 1), cell(0, [3], [Infinity, Infinity, 0.9], 2)];
    const model = responseChartModel(response(cells, [{ group: 0, point: [1], median: 0.25 }]), values, 'log');
    const points = model.groups[0].points;
    expect(points).toHaveLength(4);
    expect(points.map((p) => p.diverged)).toEqual([0, 0, 1, 2]);
    expect(typeof points[2].y).toBe('number');
    expect(points[2].yMax).toBe('high');
    expect(points[3].y).toBe('high');
    expect(points[3].median).toBe(Infinity);
    expect(model.anyHigh).toBe(true);
    expect(model.divergedPoints).toBe(2);
    expect(model.groups[0].lines.map((l) => l.map((p) => p.index))).toEqual([[0, 1, 2]]);
    // The y axis is fitted to the finite values only.
    expect(model.yAxis.domain[0]).toBeLessThanOrEqual(0.2);
    expect(model.yAxis.domain[1]).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a live sweep: unrun values are empty marks, and the line breaks around them', () => {
    const values = [1, 2, 3, 4];
    const cells = [cell(0, [0], [0.5]), cell(0, [1], []), cell(0, [2], [0.3]), cell(0, [3], [0.2])];
    const model = responseChartModel(response(cells, [{ group: 0, point: [3], median: 0.2 }]), values, 'linear', { groups: 2 });
    expect(model.groups).toHaveLength(2);
    expect(model.groups[0].points.map((p) => p.index)).toEqual([0, 2, 3]);
    expect(model.groups[0].empty.map((p) => p.index)).toEqual([1]);
    expect(model.groups[0].lines.map((l) => l.map((p) => p.index))).toEqual([[0], [2, 3]]);
    expect(model.groups[1].points).toHaveLength(0);
    expect(model.groups[1].empty).toHaveLength(4);
    expect(model.groups[1].best).toBeNull();
  });

  it('draws choices as categories, dodged per group, with neither lines nor bands across them', () => {
    const values = ['sgd', 'adam', 'rmsprop'];
    const cells = [0, 1].flatMap((g) => values.map((_, i) => cell(g, [i], [0.1 * (i + 1) + g, 0.1 * (i + 2) + g])));
    const model = responseChartModel(response(cells, [null, null]), values, 'log');
    expect(model.xAxis.scale).toBe('category');
    expect(model.xAxis.ticks.map((t) => t.label)).toEqual(values);
    const [g0, g1] = model.groups;
    expect(g0.lines).toEqual([]);
    expect(g0.bands).toEqual([]);
    // Slot i is centred at (i + 0.5) / 3; the groups sit either side of it.
    for (let i = 0; i < 3; i++) {
      expect((g0.points[i].x + g1.points[i].x) / 2).toBeCloseTo((i + 0.5) / 3, 12);
      expect(g0.points[i].x).toBeLessThan(g1.points[i].x);
    }
    expect(dodge(0, 1)).toBe(0);
    const booleans = responseChartModel(response([], []), [false, true], 'linear');
    expect(booleans.xAxis.ticks.map((t) => t.label)).toEqual(['off', 'on']);
  });

  it('falls back to a linear axis when a log sweep holds a value at or below 0', () => {
    const model = responseChartModel(response([cell(0, [0], [1]), cell(0, [1], [2])], [null]), [0, 1], 'log');
    expect(model.xAxis.scale).toBe('linear');
    expect(model.groups[0].points.every((p) => p.x >= 0 && p.x <= 1)).toBe(true);
  });

  it('takes a slice of a two-field sweep, and the best only when it lies in the slice', () => {
    const cells = [cell(0, [0, 0], [0.5]), cell(0, [0, 1], [0.1]), cell(0, [1, 0], [0.4]), cell(0, [1, 1], [0.3])];
    const best: SweepResponse['best'] = [{ group: 0, point: [0, 1], median: 0.1 }];
    const first = responseChartModel(response(cells, best), [1, 2], 'linear');
    expect(first.groups[0].points.map((p) => p.median)).toEqual([0.5, 0.4]);
    expect(first.groups[0].best).toBeNull();
    const second = responseChartModel(response(cells, best), [1, 2], 'linear', { slice: [1] });
    expect(second.groups[0].points.map((p) => p.median)).toEqual([0.1, 0.3]);
    expect(second.groups[0].best?.index).toBe(0);
  });

  it('draws what sweepResponse computes from recorded runs, diverged runs included', () => {
    const runs: SweepRunRef[] = [];
    for (let value = 0; value < 3; value++) for (let seed = 0; seed < 2; seed++) runs.push({ index: runs.length, group: 0, point: [value] });
    const finals = [0.5, 0.7, 0.2, 0.3, 0.4, Number.NaN];
    const results: SweepRunResult[] = finals.map((f, index) => ({
      index,
      steps: [0, 10],
      trainLoss: [1, f],
      testLoss: [1, f],
      trainAccuracy: null,
      testAccuracy: null,
      validationLoss: null,
      validationAccuracy: null,
      final: { ...NO_METRICS, trainLoss: f, testLoss: f },
      best: { ...NO_METRICS, trainLoss: f, testLoss: f },
      diverged: Number.isNaN(f) ? { atStep: 10, trainLoss: Number.NaN } : null,
      correct: null,
    }));
    const model = responseChartModel(sweepResponse(runs, results, METRIC), [0.01, 0.1, 1], 'log');
    const points = model.groups[0].points;
    expect(points.map((p) => p.median)).toEqual([0.6, 0.25, Infinity]);
    expect(points.map((p) => p.diverged)).toEqual([0, 0, 1]);
    expect(points[2].y).toBe('high');
    expect(model.groups[0].best?.index).toBe(1);
  });
});

describe('the response chart x axis', () => {
  it('writes a learning-rate axis in one notation: 1e-4, 1e-3, 1e-2, not 1e-3 beside 0.01', () => {
    const axis = xAxisFor([1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2], 'log');
    const mixed = axis.ticks.map((t) => t.label);
    expect(mixed).toEqual(expect.arrayContaining(['1e-3', '0.01']));
    expect(oneNotation(axis.ticks).map((t) => t.label)).toEqual(mixed.map((label) => (label === '0.01' ? '1e-2' : label)));
    expect(oneNotation([{ label: '0.1' }, { label: '0.2' }, { label: '0.5' }]).map((t) => t.label)).toEqual(['0.1', '0.2', '0.5']);
  });
});
