import { describe, expect, it } from 'vitest';
import type { ResponseCell, SweepMetric, SweepResponse } from '../../engine/sweep/response';
import { colourPosition, heatmapModel, relativeLuminance, sequentialColor } from './heatmapModel';

function cell(group: number, point: number[], values: number[], diverged = 0): ResponseCell {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { group, point, values, median, min: Math.min(...values), max: Math.max(...values), diverged };
}

function response(cells: ResponseCell[], best: SweepResponse['best'], metric: SweepMetric = { kind: 'final', of: 'testLoss' }): SweepResponse {
  return { metric, checkpoint: 1, atStep: 10, cells, best, rule: '' };
}

describe('heatmap model', () => {
  it('its colour scale gets lighter monotonically from 0 to 1, from dark purple to yellow', () => {
    let last = -1;
    for (let k = 0; k <= 64; k++) {
      const l = relativeLuminance(sequentialColor(k / 64));
      expect(l).toBeGreaterThan(last);
      last = l;
    }
    expect(sequentialColor(0)).toEqual([0x44, 0x01, 0x54]);
    expect(sequentialColor(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(sequentialColor(-3)).toEqual(sequentialColor(0));
    expect(sequentialColor(Number.NaN)).toEqual(sequentialColor(0));
  });

  it('colours a lower loss darker, and a higher accuracy darker', () => {
    const loss = { low: 0.1, high: 0.5, log: false, lowerIsBetter: true };
    expect(colourPosition(0.1, loss)).toBe(0);
    expect(colourPosition(0.5, loss)).toBe(1);
    expect(colourPosition(0.3, loss)).toBeCloseTo(0.5, 12);
    expect(colourPosition(0.9, { ...loss, lowerIsBetter: false })).toBe(0);
    expect(colourPosition(1e-2, { low: 1e-4, high: 1, log: true, lowerIsBetter: true })).toBeCloseTo(0.5, 12);

    const cells = [cell(0, [0, 0], [0.9]), cell(0, [0, 1], [0.6]), cell(0, [1, 0], [0.8]), cell(0, [1, 1], [0.7])];
    const accuracy = heatmapModel(response(cells, [{ group: 0, point: [0, 0], median: 0.9 }], { kind: 'final', of: 'testAccuracy' }), [1, 2], [3, 4]);
    const lum = accuracy.grids[0].cells.map((c) => relativeLuminance(c.fill ?? [0, 0, 0]));
    // Medians 0.9, 0.6, 0.8, 0.7 (cells in column-major order): the darkest is 0.9, the lightest 0.6.
    expect(lum[0]).toBeLessThan(lum[2]);
    expect(lum[2]).toBeLessThan(lum[3]);
    expect(lum[3]).toBeLessThan(lum[1]);
    expect(accuracy.scale.lowerIsBetter).toBe(false);
  });

  it('lays out one grid per group, column-major in plan order, with the best cell of each', () => {
    const cells: ResponseCell[] = [];
    for (let g = 0; g < 2; g++) for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) cells.push(cell(g, [i, j], [0.1 + i * 0.1 + j * 0.05 + g]));
    const best: SweepResponse['best'] = [
      { group: 0, point: [0, 0], median: 0.1 },
      { group: 1, point: [0, 0], median: 1.1 },
    ];
    const model = heatmapModel(response(cells, best), [1e-3, 0.03, 1], [8, 16]);
    // One notation per axis: not '1e-3' beside '0.03' (new-user walk).
    expect(model.columns).toEqual(['1e-3', '3e-2', '1e0']);
    expect(heatmapModel(response(cells, best), [0.01, 0.03, 0.1], [8, 16]).columns).toEqual(['0.01', '0.03', '0.1']);
    expect(model.rows).toEqual(['8', '16']);
    expect(model.grids).toHaveLength(2);
    const g0 = model.grids[0];
    expect(g0.cells.map((c) => c.pointIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(g0.cells[3]).toMatchObject({ i: 1, j: 1, value: [0.03, 16], median: 0.25, state: 'value' });
    expect(g0.best).toMatchObject({ i: 0, j: 0, median: 0.1 });
    // One scale over both groups: group 1 (medians above 1) is lighter everywhere than group 0.
    const lightest0 = Math.max(...g0.cells.map((c) => relativeLuminance(c.fill ?? [0, 0, 0])));
    const darkest1 = Math.min(...model.grids[1].cells.map((c) => relativeLuminance(c.fill ?? [0, 0, 0])));
    expect(lightest0).toBeLessThan(darkest1);
  });

  it('keeps diverged cells (off the scale, counted), greys cells not yet run, and ignores cells outside the grid', () => {
    const cells = [cell(0, [0, 0], [0.2, 0.3, Infinity], 1), cell(0, [0, 1], [Infinity, Infinity, 0.4], 2), cell(0, [1, 0], []), cell(0, [5, 5], [0.01])];
    const model = heatmapModel(response(cells, [{ group: 0, point: [0, 0], median: 0.3 }]), ['sgd', 'adam'], [false, true], { groups: 2 });
    const [a, b, c, d] = model.grids[0].cells;
    expect(a).toMatchObject({ state: 'value', diverged: 1, median: 0.3 });
    expect(b).toMatchObject({ state: 'off', diverged: 2, median: Infinity, fill: null });
    expect(c).toMatchObject({ state: 'empty', seeds: 0, fill: null });
    expect(d.state).toBe('empty');
    expect(model.grids[0].best?.pointIndex).toBe(0);
    expect(model.grids[1].best).toBeNull();
    expect(model.rows).toEqual(['off', 'on']);
    // The cell outside the grid does not stretch the colour scale.
    expect(model.scale.low).toBe(0.3);
  });

  it('puts light text on dark cells and dark text on light ones', () => {
    const cells = [cell(0, [0, 0], [0]), cell(0, [0, 1], [1])];
    const [dark, light] = heatmapModel(response(cells, [null]), [1], [1, 2]).grids[0].cells;
    expect(dark.lightText).toBe(true);
    expect(light.lightText).toBe(false);
  });
});
