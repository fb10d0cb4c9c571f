/**
 * The sweep charts draw nothing until their box is measured (useSweepChart.ts): a 512-run sweep's heatmap was
 * rendered at a guessed 640 px in the start button's task, its width then read mid-commit (a forced layout) and
 * every cell rendered again at the measured width in the same task (issue 20 §7). A static render runs no ref
 * callbacks or observers, so it is a render before the first measurement.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResponseCell, SweepResponse } from '../../engine/sweep/response';
import { ResponseChart } from './ResponseChart';
import { SweepCurves } from './SweepCurves';
import { SweepHeatmap } from './SweepHeatmap';
import { chartWidth } from './useSweepChart';

const cell = (group: number, point: number[], value: number): ResponseCell => ({ group, point, values: [value], median: value, min: value, max: value, diverged: 0 });
const groups = [
  { name: 'Run 1', color: '#1f77b4' },
  { name: 'Run 2', color: '#ff7f0e' },
];
const count = (html: string, testId: string): number => html.split(`data-testid="${testId}"`).length - 1;

function heatmap(width?: number): string {
  const cells = groups.flatMap((_, g) => [0, 1, 2].flatMap((i) => [0, 1].map((j) => cell(g, [i, j], 0.1 * (1 + i + j + g)))));
  const response: SweepResponse = { metric: { kind: 'final', of: 'testLoss' }, checkpoint: 1, atStep: 10, cells, best: [null, null], rule: '' };
  return renderToStaticMarkup(createElement(SweepHeatmap, { response, columns: [0.01, 0.1, 1], rows: [2, 4], columnLabel: 'Learning rate', rowLabel: 'Width', groups, onOpenPoint: () => undefined, width }));
}

describe('sweep charts before their box is measured', () => {
  it('the heatmap renders no cell until measured, every cell once given a width', () => {
    expect(count(heatmap(), 'sweep-heatmap')).toBe(1);
    expect(count(heatmap(), 'sweep-cell')).toBe(0);
    expect(count(heatmap(800), 'sweep-cell')).toBe(12);
  });

  it('the response chart and the learning curves draw no svg until measured', () => {
    const cells = groups.flatMap((_, g) => [0, 1, 2].map((i) => cell(g, [i], 0.1 * (1 + i + g))));
    const response: SweepResponse = { metric: { kind: 'final', of: 'testLoss' }, checkpoint: 1, atStep: 10, cells, best: [null, null], rule: '' };
    const chart = (width?: number): string =>
      renderToStaticMarkup(createElement(ResponseChart, { response, values: [0.01, 0.1, 1], fieldLabel: 'Learning rate', scale: 'log', groups, onOpenPoint: () => undefined, width }));
    expect(chart()).not.toContain('<svg');
    expect(chart(800)).toContain('<svg');
    const curves = groups.map(() => [{ seed: 1, steps: [0, 10], values: [1, 0.5], diverged: null }]);
    const plots = (width?: number): string => renderToStaticMarkup(createElement(SweepCurves, { curves, groups, metricLabel: 'test loss', width }));
    expect(count(plots(), 'sweep-curves-group')).toBe(0);
    expect(count(plots(800), 'sweep-curves-group')).toBe(2);
  });

  it('a response with no finite median draws no made-up scale and says why', () => {
    const never = (group: number, i: number): ResponseCell => ({ group, point: [i], values: [Infinity], median: Infinity, min: Infinity, max: Infinity, diverged: 0 });
    const chart = (cells: ResponseCell[]): string => {
      const response: SweepResponse = { metric: { kind: 'stepsTo', of: 'trainLoss', target: 1e-6 }, checkpoint: 1, atStep: 10, cells, best: [null, null], rule: '' };
      return renderToStaticMarkup(createElement(ResponseChart, { response, values: [0.01, 0.1, 1], fieldLabel: 'Learning rate', scale: 'log', groups, onOpenPoint: () => undefined, width: 800 }));
    };
    const offScale = chart(groups.flatMap((_, g) => [0, 1, 2].map((i) => never(g, i))));
    expect(count(offScale, 'sweep-point')).toBe(6);
    expect(count(offScale, 'sweep-no-scale')).toBe(1);
    expect(offScale).not.toContain('class="sweep-grid"');
    const reached = chart([never(0, 0), cell(0, [1], 120), cell(0, [2], 80)]);
    expect(count(reached, 'sweep-no-scale')).toBe(0);
    expect(reached).toContain('class="sweep-grid"');
  });

  it('a chart takes the width it is given, else its measured width, else none', () => {
    expect(chartWidth(500, 0)).toBe(500);
    expect(chartWidth(undefined, 730)).toBe(730);
    expect(chartWidth(undefined, 0)).toBeNull();
  });
});
