/** The training budget as a setting (issue 19 §1): in the address, checked by name, and set by the scenes that need it. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './experiment';
import { decodeExperiment, encodeExperiment } from './experimentUrl';
import { findScene, sceneConfigs } from './scenes';

describe('the training budget in the address', () => {
  it('is absent by default (no budget), and round-trips once for every run', () => {
    expect(defaultConfig().budget).toBe(0);
    expect(encodeExperiment([defaultConfig()])).not.toContain('budget');
    const runs = [{ ...defaultConfig(), budget: 300 }, { ...defaultConfig(), budget: 300, learningRate: 0.1 }];
    const query = encodeExperiment(runs);
    expect(query).toContain('budget=300');
    expect(query).not.toContain('r2.budget');
    expect(decodeExperiment(query).runs).toEqual(runs);
    const inEpochs = [{ ...defaultConfig(), budget: 4, budgetUnit: 'epochs' as const }];
    const decoded = decodeExperiment(encodeExperiment(inEpochs));
    expect(decoded.problems).toEqual([]);
    expect(decoded.runs).toEqual(inEpochs);
  });

  it('names a malformed or out-of-range budget and its unit, and plays without a budget', () => {
    for (const text of ['-1', 'abc', '2.5', '1e99', '%', '']) {
      const decoded = decodeExperiment(`?budget=${text}&runs=2`);
      expect(decoded.problems.map((p) => p.field), text).toContain('budget');
      expect(decoded.problems.find((p) => p.field === 'budget')?.message, text).toMatch(/^"budget" = /);
      expect(decoded.runs.map((run) => run.budget)).toEqual([0, 0]);
    }
    const unit = decodeExperiment('?budget=3&budgetUnit=minutes');
    expect(unit.problems.map((p) => p.field)).toEqual(['budgetUnit']);
    expect(unit.problems[0].message).toContain('steps, epochs');
    expect(unit.runs[0]).toMatchObject({ budget: 3, budgetUnit: 'steps' });
  });
});

describe('scenes set the budget their lesson needs', () => {
  it('one-cycle-vs-constant ends both runs at 2,000 steps, where one-cycle ends', () => {
    const runs = sceneConfigs(findScene('one-cycle-vs-constant')!);
    expect(runs.map((run) => [run.budget, run.budgetUnit])).toEqual([[2000, 'steps'], [2000, 'steps']]);
    expect(runs[1].totalSteps).toBe(2000);
    expect(encodeExperiment(runs, findScene('one-cycle-vs-constant')!)).toBe('scene=one-cycle-vs-constant');
  });

  it('a scene without a budget clears the viewer’s, and the address still names the scene alone', () => {
    const scene = findScene('backprop-spiral')!;
    const [run] = sceneConfigs(scene, { ...defaultConfig(), budget: 500, budgetUnit: 'epochs' });
    expect([run.budget, run.budgetUnit]).toEqual([0, 'steps']);
    expect(encodeExperiment([run], scene)).toBe('scene=backprop-spiral');
  });
});
