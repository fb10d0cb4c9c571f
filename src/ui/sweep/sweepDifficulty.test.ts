import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import type { SweepRun } from '../../config/sweep';
import type { SweepRunResult } from '../../engine/sweep/types';
import { difficultyModel, filterMask, filterOptions } from '../charts/difficultyModel';
import { sweepDifficultyGroups, sweepDifficultyRuns } from './sweepDifficulty';

/** 2 groups × 2 learning rates × 2 seeds, in the plan's order (group, point, seed). */
const runs: SweepRun[] = [];
for (let group = 0; group < 2; group++)
  for (let point = 0; point < 2; point++)
    for (let seedIndex = 0; seedIndex < 2; seedIndex++) {
      const config = { ...defaultConfig(), learningRate: [0.01, 0.1][point], seed: 1 + seedIndex };
      runs.push({ index: runs.length, group, point: [point], values: [config.learningRate], seedIndex, config });
    }

/** Run i gets the examples of `right[i]` right, out of 4. */
const right: number[][] = [[0, 1], [0], [0, 1, 2], [0, 1], [0, 3], [0], [0, 2], [1]];
const result = (index: number, diverged = false): SweepRunResult =>
  ({ index, diverged: diverged ? { atStep: 5, trainLoss: Infinity } : null, correct: diverged ? null : Uint8Array.from({ length: 4 }, (_, e) => (right[index].includes(e) ? 1 : 0)) }) as SweepRunResult;
const names = ['Backprop', 'LocoProp-M'];
const words = (point: readonly number[]): string => `learning rate ${[0.01, 0.1][point[0]]}`;

describe("a sweep's examples that tell its runs apart", () => {
  it('compares each group at its best, one seed at a time, and counts where one is right and the other wrong', () => {
    const results = runs.map((run) => result(run.index));
    // Backprop's best at 0.1 (runs 2, 3), LocoProp-M's at 0.01 (runs 4, 5).
    const best = [{ group: 0, point: [1], median: 0.2 }, { group: 1, point: [0], median: 0.3 }];
    const seed1 = sweepDifficultyRuns({ runs }, results, names, best, 'best', 0, words);
    expect(seed1.map((run) => [run.id, run.label, run.name])).toEqual([
      ['sweep-run-2', 'Backprop', 'Backprop at learning rate 0.1'],
      ['sweep-run-4', 'LocoProp-M', 'LocoProp-M at learning rate 0.01'],
    ]);
    const model = difficultyModel(seed1);
    if (!model) throw new Error('no model');
    // Run 2 right on 0, 1, 2; run 4 on 0, 3.
    expect([model.all.count, model.some.count, model.none.count]).toEqual([1, 3, 0]);
    const groups = sweepDifficultyGroups(model, 'best');
    const pair = filterOptions(groups).find((option) => option.label === 'where Backprop at learning rate 0.1 is right and LocoProp-M at learning rate 0.01 wrong');
    expect(pair).toBeDefined();
    expect([...(filterMask(model, groups, pair?.value ?? '') ?? [])]).toEqual([0, 1, 1, 0]);
    // The second seed: runs 3 and 5.
    expect(sweepDifficultyRuns({ runs }, results, names, best, 'best', 1, words).map((run) => run.id)).toEqual(['sweep-run-3', 'sweep-run-5']);
  });

  it('compares every run of a seed, grouped by sweep group; a diverged run is left out', () => {
    const results = runs.map((run) => result(run.index, run.index === 6));
    const every = sweepDifficultyRuns({ runs }, results, names, [null, null], 'every', 0, words);
    expect(every.map((run) => run.id)).toEqual(['sweep-run-0', 'sweep-run-2', 'sweep-run-4', 'sweep-run-6']);
    const model = difficultyModel(every);
    if (!model) throw new Error('no model');
    expect(model.runs.map((run) => run.id)).toEqual(['sweep-run-0', 'sweep-run-2', 'sweep-run-4']);
    expect(model.leftOut.map((run) => run.id)).toEqual(['sweep-run-6']);
    // Backprop's two runs together against LocoProp-M's one: no pair of single runs.
    expect(sweepDifficultyGroups(model, 'every').map((group) => group.label)).toEqual(['every Backprop run (2)', 'every LocoProp-M run (1)']);
  });
});
