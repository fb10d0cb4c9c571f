import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { axisValues, expandSweep, inSentence, sweepAxisLabel, sweptField, type SweepSpec } from '../../config/sweep';
import { selectedResponse } from '../../engine/sweep/response';
import type { SweepRunResult } from '../../engine/sweep/types';
import type { SweepRecord } from '../../state/sweepStore';
import { compareAtBest, pointConfig, testWords } from './sweepActions';
import { defaultAxis, sweepableFields, sweepSize, typedList, typedNumber } from './sweepForm';

const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.001, 0.01, 0.1] } }], seeds: 2, budget: 100, budgetUnit: 'steps' };
const groups = [{ ...defaultConfig(), seed: 5, validationPercent: 20 }, { ...defaultConfig(), seed: 5, optimizer: 'sgd' as const, validationPercent: 20 }];

function record(): SweepRecord {
  const expansion = expandSweep(spec, groups, { msPerStep: 0.01, maxMs: 1e9 });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return { spec, groups, plan: expansion.plan, groupNames: ['Adam', 'SGD'], workers: 1, startedAt: '' };
}

/** A run whose final validation loss is `loss`. */
function finished(index: number, loss: number): SweepRunResult {
  const m = { trainLoss: loss, testLoss: loss, validationLoss: loss, trainAccuracy: Number.NaN, testAccuracy: Number.NaN, validationAccuracy: Number.NaN };
  return { index, steps: [0, 100], trainLoss: [1, loss], testLoss: [1, loss], validationLoss: [1, loss], trainAccuracy: null, testAccuracy: null, validationAccuracy: null, final: m, best: m, diverged: null } as unknown as SweepRunResult;
}

describe('what a sweep opens', () => {
  it('a point opens the sweep run itself: its config, value and seed', () => {
    const config = pointConfig(record(), 1, [2], 1);
    expect(config).toMatchObject({ optimizer: 'sgd', learningRate: 0.1, seed: 6, repeatSeeds: 1, validationPercent: 20 });
    expect(pointConfig(record(), 1, [3], 0)).toBeNull();
  });

  it('each group at its best value, over the sweep seeds, with the rule in words', () => {
    const r = record();
    // Adam is best at 0.01 (run indices 2, 3), SGD at 0.1 (indices 10, 11).
    const losses = [0.5, 0.6, 0.2, 0.3, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.2];
    const response = selectedResponse(r.plan.runs, losses.map((loss, i) => finished(i, loss)), { kind: 'final', of: 'validationLoss' }, true);
    const tuned = compareAtBest(r, response);
    expect(tuned?.configs.map((c) => [c.optimizer, c.learningRate, c.seed, c.repeatSeeds])).toEqual([
      ['adam', 0.01, 5, 2],
      ['sgd', 0.1, 5, 2],
    ]);
    expect(tuned?.statement).toContain('lowest median final validation loss at step 100');
    expect(tuned?.statement).toContain('3 values of learning rate, 2 seeds, 100 steps');
    expect(tuned?.statement).toContain('Adam at learning rate 0.01 (median final test loss');
    expect(tuned?.statement).toContain('SGD at learning rate 0.1 (median final test loss');
    // The comparison trains as the sweep measured: it stops at the sweep's 100 steps.
    expect(tuned?.configs.map((c) => [c.budget, c.budgetUnit])).toEqual([[100, 'steps'], [100, 'steps']]);
    expect(tuned?.statement).toContain('They stop at 100 steps, as the sweep\'s runs did.');
  });

  it('states the test figures at each chosen value, chosen on the validation split, never on them (issue 17 §4)', () => {
    const r = record();
    // Validation picks Adam 0.01 (runs 2, 3) and SGD 0.1 (runs 10, 11); the test set would pick Adam 0.001 and SGD 0.01.
    const validation = [0.5, 0.6, 0.2, 0.3, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.2];
    const test = [0.05, 0.05, 0.4, 0.2, 0.9, 0.9, 0.8, 0.7, 0.1, 0.1, 0.3, 0.5];
    const accuracy = [0.9, 0.9, 0.7, 0.8, 0.1, 0.1, 0.2, 0.2, 0.95, 0.95, 0.6, 0.75];
    const results = validation.map((loss, i): SweepRunResult => {
      const run = finished(i, loss);
      return { ...run, testLoss: [1, test[i]], testAccuracy: [0, accuracy[i]], trainAccuracy: [0, accuracy[i]] };
    });
    const response = selectedResponse(r.plan.runs, results, { kind: 'final', of: 'validationLoss' }, true);
    expect(response.test).toEqual([{ loss: 0.30000000000000004, accuracy: 0.75 }, { loss: 0.4, accuracy: 0.675 }]);
    const tuned = compareAtBest(r, response);
    expect(tuned?.configs.map((c) => c.learningRate)).toEqual([0.01, 0.1]);
    expect(tuned?.statement).toContain('Adam at learning rate 0.01 (median final test loss 0.3000 and final test accuracy 75.0%); SGD at learning rate 0.1 (median final test loss 0.4000 and final test accuracy 67.5%).');
    expect(tuned?.statement).toContain('reported, never used to choose');
    // The words beside a best leave out the figure the chart already shows.
    expect(testWords({ loss: 0.3, accuracy: 0.75 }, { kind: 'final', of: 'testLoss' })).toBe('median final test accuracy 75.0%');
    expect(testWords({ loss: 0.3, accuracy: null }, { kind: 'final', of: 'testLoss' })).toBe('');
    expect(testWords({ loss: Number.POSITIVE_INFINITY, accuracy: null })).toBe('median final test loss off the scale (∞)');
  });

  it('names the chosen values as the rest of the page does, not as raw floats', () => {
    // A log range from 0.001 to 0.1 in 3 points computes its middle value as 0.010000000000000005.
    const ranged: SweepSpec = { ...spec, axes: [{ field: 'learningRate', values: { kind: 'range', from: 0.001, to: 0.1, count: 3, scale: 'log' } }] };
    const expansion = expandSweep(ranged, groups, { msPerStep: 0.01, maxMs: 1e9 });
    if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
    const r: SweepRecord = { ...record(), spec: ranged, plan: expansion.plan };
    expect(r.plan.axisValues[0][1]).not.toBe(0.01);
    const losses = [0.5, 0.6, 0.2, 0.3, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.2];
    const tuned = compareAtBest(r, selectedResponse(r.plan.runs, losses.map((loss, i) => finished(i, loss)), { kind: 'final', of: 'validationLoss' }, true));
    expect(tuned?.statement).toContain('Adam at learning rate 0.01 (median final test loss 0.2500); SGD at learning rate 0.1 (median final test loss 0.1500).');
    expect(tuned?.statement).not.toMatch(/\d{8}/);
  });

  it('a sweep budgeted in training time compares at equal time; whole epochs stop at the same epochs', () => {
    const losses = [0.5, 0.6, 0.2, 0.3, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.1, 0.2];
    const tunedWith = (budget: Pick<SweepSpec, 'budget' | 'budgetUnit'>) => {
      const r = record();
      const plan = { ...r.plan, ...budget };
      return compareAtBest({ ...r, plan }, selectedResponse(plan.runs, losses.map((loss, i) => finished(i, loss)), { kind: 'final', of: 'validationLoss' }, true));
    };
    const timed = tunedWith({ budget: 2, budgetUnit: 'seconds' });
    expect(timed?.configs.map((c) => [c.pacing, c.budget])).toEqual([['time', 0], ['time', 0]]);
    expect(timed?.statement).toContain('They train at equal time, as the sweep gave each run 2 s of training');
    expect(tunedWith({ budget: 3, budgetUnit: 'epochs' })?.configs[0]).toMatchObject({ budget: 3, budgetUnit: 'epochs' });
    expect(tunedWith({ budget: 2.5, budgetUnit: 'epochs' })?.statement).toContain('no stop is set');
  });
});

describe('the sweep form', () => {
  it('a log field spans its current value ÷30 to ×30 in 7 points, inside its range', () => {
    expect(defaultAxis('learningRate', { ...defaultConfig(), learningRate: 0.01 }).values).toEqual({ kind: 'range', from: 0.00033, to: 0.3, count: 7, scale: 'log' });
    expect(defaultAxis('learningRate', { ...defaultConfig(), learningRate: 1e-5 }).values).toMatchObject({ from: 1e-5 });
  });

  it('a choice lists its options; a whole-number field never asks for more values than it has', () => {
    expect(defaultAxis('optimizer', defaultConfig()).values.kind).toBe('list');
    for (const { name } of sweepableFields()) {
      const axis = defaultAxis(name, defaultConfig());
      const values = axisValues(axis);
      if (axis.values.kind === 'range' && Array.isArray(values)) expect([name, values.length]).toEqual([name, axis.values.count]);
    }
  });

  it('names a field inside a sentence with its first letter lower-cased only (K stays K)', () => {
    expect(inSentence(sweepAxisLabel('learningRate'))).toBe('learning rate');
    expect(inSentence('Inner iterations K')).toBe('inner iterations K');
  });

  it('offers no setting of the range test (it changes no training step), and says why when the address names one', () => {
    const names = sweepableFields().map((f) => f.name as string);
    for (const name of ['rangeMode', 'rangeStart', 'rangeEnd', 'rangeSteps']) expect(names).not.toContain(name);
    expect(names).toContain('learningRate');
    expect(sweptField('rangeStart')).toEqual({ reason: '"rangeStart" is a setting of the learning-rate range test, which changes no training step, so it cannot be swept.' });
  });

  it('whole-number size fields default to powers of two on a log scale, not an even split of their range', () => {
    const values = (name: 'batchSize' | 'width' | 'innerSteps' | 'depth' | 'points'): unknown => axisValues(defaultAxis(name, defaultConfig()));
    expect(values('batchSize')).toEqual([8, 16, 32, 64, 128, 256]);
    expect(values('width')).toEqual([2, 4, 8, 16, 32, 64]);
    expect(values('innerSteps')).toEqual([1, 2, 4, 8, 16]);
    expect(values('points')).toEqual([50, 100, 200, 400, 800, 1600]);
    expect(values('depth')).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts runs before expanding, and reads typed numbers as decimals only', () => {
    expect(sweepSize(spec, 2)).toEqual({ runs: 12, points: [3] });
    expect(sweepSize({ ...spec, axes: [{ field: 'learningRate', values: { kind: 'range', from: -1, to: 1, count: 3, scale: 'log' } }] }, 2)).toBeNull();
    expect(typedNumber(' 0.03 ')).toBe(0.03);
    expect(typedNumber('1e-3')).toBe(0.001);
    expect(typedNumber('0x10')).toBeNaN();
    expect(typedList('0.01, 0.03 0.1')).toEqual([0.01, 0.03, 0.1]);
  });
});
