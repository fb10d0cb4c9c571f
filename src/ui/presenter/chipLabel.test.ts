import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import type { RunId } from '../../config/runs';
import { runViews } from '../useRuns';
import { chipLabel } from './chipLabel';

const views = (...changes: Partial<ExperimentConfig>[]) =>
  runViews(changes.map((change, i) => ({ id: `r${i}` as RunId, config: { ...defaultConfig(), algorithm: 'backprop', optimizer: 'sgd', learningRate: 0.05, ...change } })));

describe('chipLabel', () => {
  it('names each run by its number and what tells it from run 1', () => {
    const runs = views({}, { learningRate: 0.5 }, { learningRate: 5 });
    expect(runs.map((_, i) => chipLabel(runs, i))).toEqual(['Run 1 · lr 0.05', 'Run 2 · lr 0.5', 'Run 3 · lr 5']);
  });
  it('names a schedule against run 1’s and an algorithm against run 1’s', () => {
    const schedules = views({}, { schedule: 'one-cycle', maxLearningRate: 0.15 });
    expect(chipLabel(schedules, 0)).toBe('Run 1 · constant');
    expect(chipLabel(schedules, 1)).toMatch(/^Run 2 · (one-cycle|max lr 0\.15)$/);
    const algorithms = views({}, { algorithm: 'locoprop-m' });
    expect(chipLabel(algorithms, 0)).toBe('Run 1 · Backprop');
    expect(chipLabel(algorithms, 1)).toBe('Run 2 · LocoProp-M');
  });
  it('shows a lone run’s rate', () => {
    expect(chipLabel(views({ learningRate: 0.01 }), 0)).toBe('Run 1 · lr 0.01');
  });
});
