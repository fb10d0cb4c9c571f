/**
 * A repeated run in the difficulty panel is compared one seed at a time (issue 17 §6): at seed k every run gives
 * its (k+1)-th seed's verdicts, on that seed's test set, and a run with fewer seeds is left out with the reason.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import type { RunId } from '../../config/runs';
import { difficultyModel, testSetKey } from './difficultyModel';
import { comparedRuns, type Reading } from './useDifficulty';
import type { RunView } from '../useRuns';

const view = (id: string, position: number, repeatSeeds: number): RunView => ({ id: id as RunId, position, name: `run ${id}`, color: '#000', config: { ...defaultConfig(), seed: 4, repeatSeeds } });
const bytes = (values: number[]): Uint8Array => Uint8Array.from(values);
// Per seed, four test examples (seed 4's split, then seed 5's, then seed 6's).
const readings: Record<string, Reading> = {
  a: { correct: bytes([1, 1, 0, 0]), seedCorrect: [bytes([1, 1, 0, 0]), bytes([0, 1, 1, 0]), bytes([1, 0, 0, 0])], step: 10, classes: true },
  b: { correct: bytes([1, 0, 0, 1]), seedCorrect: [bytes([1, 0, 0, 1]), bytes([0, 1, 0, 0]), bytes([1, 1, 1, 1])], step: 10, classes: true },
  c: { correct: bytes([1, 1, 1, 1]), seedCorrect: null, step: 10, classes: true },
};
const views = [view('a', 1, 3), view('b', 2, 3), view('c', 3, 1)];

describe('comparedRuns: a repeated run seed by seed', () => {
  it("at seed 0 compares each run's own seed, the single-seed run included", () => {
    const runs = comparedRuns(views, readings, new Set(), 0);
    expect(runs.map((r) => r.testSet)).toEqual(views.map(() => testSetKey({ ...defaultConfig(), seed: 4 })));
    const model = difficultyModel(runs);
    expect(model?.runs.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(Array.from(model?.right ?? [])).toEqual([3, 2, 1, 2]);
  });

  it("at seed 1 compares the second seeds on seed 5's test set; the run with one seed is left out and says why", () => {
    const runs = comparedRuns(views, readings, new Set(), 1);
    const model = difficultyModel(runs, 'a' as RunId);
    expect(model?.testSet).toBe(testSetKey({ ...defaultConfig(), seed: 5 }));
    expect(model?.runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(Array.from(model?.right ?? [])).toEqual([0, 2, 1, 0]);
    expect(model?.leftOut).toEqual([{ id: 'c', label: 'Run 3', reason: 'it trains one seed' }]);
    // The third seeds differ again.
    expect(Array.from(difficultyModel(comparedRuns(views, readings, new Set(), 2))?.right ?? [])).toEqual([2, 1, 1, 1]);
  });

  it('leaves out hidden runs and runs without classes, as before', () => {
    const runs = comparedRuns(views, { ...readings, b: { ...readings.b, classes: false } }, new Set(['a' as RunId]), 0);
    expect(runs.map((r) => r.id)).toEqual(['c']);
  });
});
