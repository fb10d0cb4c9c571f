import { describe, expect, it } from 'vitest';
import type { RunId } from '../../config/runs';
import type { ChartRun } from '../charts/runChartModel';
import { accuracyChartModel } from './accuracyChartModel';

function run(id: string, trainAccuracy: number[], testAccuracy: number[]): ChartRun {
  const step = trainAccuracy.map((_, i) => i * 10);
  const history = { step, epoch: step.map((s) => s / 100), examplesSeen: step.map((s) => s * 16), wallMs: step.map((s) => s * 2), trainLoss: step.map(() => 0.5), testLoss: step.map(() => 0.6), trainAccuracy, testAccuracy, learningRate: step.map(() => 0.01), validationLoss: step.map(() => Number.NaN) };
  return { id: id as RunId, position: 1, name: id, color: '#0072b2', task: 'binary', seeds: [1], history, rateHistory: { step: [], learningRate: [], momentum: [] } as unknown as ChartRun['rateHistory'], probes: {} };
}

describe('accuracyChartModel', () => {
  it('draws train (solid) and test (dashed) accuracy in percent on the chosen x-axis', () => {
    const model = accuracyChartModel([run('a', [0.5, 0.75, 0.9], [0.4, 0.7, 0.85])], 'epoch', 100);
    expect(model.runIds).toEqual(['a']);
    expect(model.lines.map((line) => line.id)).toEqual(['a/train', 'a/test']);
    expect(model.lines[0].points).toEqual([
      { x: 0, y: 50 },
      { x: 0.1, y: 75 },
      { x: 0.2, y: 90 },
    ]);
    expect(model.styles['a/train'].dash).toBeUndefined();
    expect(model.styles['a/test'].dash).toBe('6 3');
    expect(model.xDomain).toEqual([0, 0.2]);
  });

  it('sets a y-axis around the values, never beyond 0–100 %', () => {
    const model = accuracyChartModel([run('a', [0.95, 0.99, 1], [0.9, 0.97, 1])], 'step', 100);
    expect(model.y).not.toBeNull();
    const [low, high] = model.y?.domain ?? [0, 0];
    expect(low).toBeGreaterThanOrEqual(0);
    expect(low).toBeLessThanOrEqual(90);
    expect(high).toBe(100);
    expect(model.y?.ticks.every((t) => t >= low && t <= high)).toBe(true);
  });

  it('leaves out runs without accuracy (regression reports NaN) and counts them', () => {
    const model = accuracyChartModel([run('r', [Number.NaN, Number.NaN], [Number.NaN, Number.NaN]), run('c', [0.6, 0.8], [0.5, 0.7])], 'step', 100);
    expect(model.runIds).toEqual(['c']);
    expect(model.without).toBe(1);
    const none = accuracyChartModel([run('r', [Number.NaN], [Number.NaN])], 'step', 100);
    expect(none.lines).toEqual([]);
    expect(none.y).toBeNull();
    expect(none.xDomain).toBeNull();
  });
});
