import { beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { expandSweep, type SweepSpec } from '../../config/sweep';
import { selectedResponse } from '../../engine/sweep/response';
import type { SweepRunResult } from '../../engine/sweep/types';
import { createConfigStore } from '../../state/configStore';
import { useRunStore } from '../../state/runStore';
import type { SweepRecord } from '../../state/sweepStore';
import { runViews } from '../useRuns';
import { compareAtBest } from './sweepActions';
import { compareEachAtBest, openSweepPoint, SWEEP_OPEN_CODE } from './sweepOpen';

const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.001, 0.01, 0.1] } }], seeds: 2, budget: 100, budgetUnit: 'steps' };
// A sweep needs a validation split; the page's run 1 has none, so an opened point differs from it there too.
const groups = [{ ...defaultConfig(), seed: 5, validationPercent: 20 }, { ...defaultConfig(), seed: 5, optimizer: 'sgd' as const, validationPercent: 20 }];

function record(): SweepRecord {
  const expansion = expandSweep(spec, groups, { msPerStep: 0.01, maxMs: 1e9 });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return { spec, groups, plan: expansion.plan, groupNames: ['Backprop, Adam', 'Backprop, SGD'], workers: 1, startedAt: '' };
}

function finished(index: number, loss: number): SweepRunResult {
  const m = { trainLoss: loss, testLoss: loss, validationLoss: loss, trainAccuracy: Number.NaN, testAccuracy: Number.NaN, validationAccuracy: Number.NaN };
  return { index, steps: [0, 100], trainLoss: [1, loss], testLoss: [1, loss], validationLoss: [1, loss], trainAccuracy: null, testAccuracy: null, validationAccuracy: null, final: m, best: m, diverged: null } as unknown as SweepRunResult;
}

const names = (store: ReturnType<typeof createConfigStore>): string[] => runViews(store.getState().runs).map((run) => run.name);
const sweepMessages = (): string[] => useRunStore.getState().messages.filter((m) => m.code === SWEEP_OPEN_CODE).map((m) => m.text);

describe('opening a sweep point', () => {
  beforeEach(() => useRunStore.setState({ messages: [] }));

  it('names the opened run by its group, value and seed, and says so of that run', () => {
    const store = createConfigStore({ ...defaultConfig(), seed: 5 });
    expect(openSweepPoint(store, record(), 0, [1], 1)).toBe(true);
    expect(names(store)[1]).toBe('Backprop, Adam at learning rate 0.01, seed 6');
    const [message] = useRunStore.getState().messages;
    expect(message.text).toBe('Opened Backprop, Adam at learning rate 0.01, seed 6: the sweep\'s run exactly (same seed, data and batches). The sweep measured it at 100 steps: "Stop at" 100 steps ends it there.');
    expect(message.runId).toBe(store.getState().runs[1].id);
  });

  it('keeps the name through experiment-wide changes and drops it once the run’s own settings change', () => {
    const store = createConfigStore({ ...defaultConfig(), seed: 5 });
    openSweepPoint(store, record(), 1, [2], 0);
    store.getState().setField('speed', 50);
    expect(names(store)[1]).toBe('Backprop, SGD at learning rate 0.1, seed 5');
    store.getState().setField('learningRate', 0.3);
    expect(names(store)[1]).not.toContain('Backprop, SGD at');
    expect(names(store)[1]).toContain('lr 0.3');
  });

  it('"Compare each at its best" replaces what opening said, so no banner names a run that is gone', () => {
    const store = createConfigStore({ ...defaultConfig(), seed: 5 });
    const r = record();
    openSweepPoint(store, r, 0, [1], 0);
    const losses = [0.5, 0.6, 0.2, 0.3, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.2];
    const tuned = compareAtBest(r, selectedResponse(r.plan.runs, losses.map((loss, i) => finished(i, loss)), { kind: 'final', of: 'validationLoss' }, true));
    if (!tuned) throw new Error('no best point');
    let statement = '';
    compareEachAtBest(store, tuned, (t) => (statement = t.statement));
    expect(statement).toBe(tuned.statement);
    expect(sweepMessages()).toEqual(['Compared each group at its best: 2 runs replace the comparison (the runs card says how they were chosen).']);
    expect(names(store)).toHaveLength(2);
  });

  it('says which run it could not open when the comparison is full', () => {
    const store = createConfigStore(Array.from({ length: 8 }, () => defaultConfig()));
    expect(openSweepPoint(store, record(), 0, [0], 0)).toBe(false);
    expect(sweepMessages()).toEqual(['The comparison already holds 8 runs; remove one to open Backprop, Adam at learning rate 0.001, seed 5.']);
  });
});
