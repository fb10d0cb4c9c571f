import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from './experiment';
import { axisValues, checkpointSteps, expandSweep, type SweepLimits, type SweepSpec } from './sweep';

const roomy = { msPerStep: 0.1, maxMs: 1e9 };
const lrRange = (count: number, scale: 'log' | 'linear' = 'log') => ({ field: 'learningRate', values: { kind: 'range' as const, from: 0.001, to: 0.1, count, scale } });

function groups(...overrides: Partial<ExperimentConfig>[]): ExperimentConfig[] {
  return overrides.map((o) => ({ ...defaultConfig(), ...o }));
}

function refused(spec: SweepSpec, runs = groups({}), limits: SweepLimits = roomy): string[] {
  const result = expandSweep(spec, runs, limits);
  if (result.ok) throw new Error('expected a refusal');
  return result.reasons;
}

describe('sweep values', () => {
  it('a log range is geometric, ends exactly at from and to', () => {
    expect(axisValues(lrRange(3))).toEqual([0.001, expect.closeTo(0.01, 12), 0.1]);
  });

  it('a linear range is evenly spaced', () => {
    expect(axisValues({ field: 'momentum', values: { kind: 'range', from: 0, to: 0.9, count: 4, scale: 'linear' } })).toEqual([0, expect.closeTo(0.3, 12), expect.closeTo(0.6, 12), 0.9]);
  });

  it('an integer field is rounded and de-duplicated', () => {
    // 1, 1.78, 3.16, 5.62, 10 → 1, 2, 3, 6, 10; 1..4 over 7 linear points → 1, 2, 2, 3, 3, 4, 4 rounded → 1, 2, 3, 4
    expect(axisValues({ field: 'batchSize', values: { kind: 'range', from: 1, to: 10, count: 5, scale: 'log' } })).toEqual([1, 2, 3, 6, 10]);
    expect(axisValues({ field: 'innerSteps', values: { kind: 'range', from: 1, to: 4, count: 7, scale: 'linear' } })).toEqual([1, 2, 3, 4]);
  });

  it('choice fields take a list of their options; a range or an unknown option is refused by name', () => {
    expect(axisValues({ field: 'optimizer', values: { kind: 'list', values: ['sgd', 'adam', 'sgd'] } })).toEqual(['sgd', 'adam']);
    expect(axisValues({ field: 'innerDecay', values: { kind: 'list', values: [true, false] } })).toEqual([true, false]);
    expect(axisValues({ field: 'optimizer', values: { kind: 'range', from: 1, to: 2, count: 2, scale: 'linear' } })).toMatch(/"optimizer" is a choice: list its options \(sgd, momentum/);
    expect(axisValues({ field: 'optimizer', values: { kind: 'list', values: ['sgd', 'lion'] } })).toMatch(/^"optimizer" = "lion" is not one of its options \(sgd, momentum, nesterov, adam, rmsprop[^)]*\)\.$/);
  });

  it('fields a sweep cannot take are named with the reason', () => {
    const reason = (field: string): string => axisValues({ field, values: { kind: 'list', values: [1] } }) as string;
    expect(reason('nope')).toBe('"nope" is not a field of the experiment.');
    expect(reason('seed')).toMatch(/"seed" is not swept: give the sweep's seeds/);
    expect(reason('backend')).toMatch(/"backend" holds for the whole experiment/);
    expect(reason('hidden')).toMatch(/"hidden" is a list/);
  });

  it('a log range through 0 and a bad count are refused with the numbers', () => {
    expect(axisValues({ field: 'momentum', values: { kind: 'range', from: 0, to: 0.9, count: 3, scale: 'log' } })).toBe('"momentum": a log range needs from and to above 0 (from 0, to 0.9).');
    expect(axisValues({ field: 'momentum', values: { kind: 'range', from: 0.1, to: 0.9, count: 2.5, scale: 'linear' } })).toMatch(/count must be a whole number from 1 to 512 \(not 2.5\)/);
  });

  it('checkpoints: 0 then 20 evenly spaced steps ending at the budget; fewer for a short budget', () => {
    expect(checkpointSteps(400)).toEqual([0, ...Array.from({ length: 20 }, (_, i) => 20 * (i + 1))]);
    expect(checkpointSteps(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(checkpointSteps(30).at(-1)).toBe(30);
  });
});

describe('expanding a sweep', () => {
  it('makes group × value × seed runs, each a sanitized config with the value and its seed', () => {
    const result = expandSweep({ axes: [lrRange(3)], seeds: 2, budget: 100, budgetUnit: 'steps' }, groups({ seed: 7, optimizer: 'sgd' }, { seed: 7, optimizer: 'rmsprop' }), roomy);
    if (!result.ok) throw new Error(result.reasons.join(' '));
    const { runs, estimatedMs } = result.plan;
    expect(runs).toHaveLength(12);
    expect(runs.map((r) => [r.group, r.point[0], r.seedIndex, r.config.seed, r.config.optimizer])).toEqual([
      [0, 0, 0, 7, 'sgd'], [0, 0, 1, 8, 'sgd'], [0, 1, 0, 7, 'sgd'], [0, 1, 1, 8, 'sgd'], [0, 2, 0, 7, 'sgd'], [0, 2, 1, 8, 'sgd'],
      [1, 0, 0, 7, 'rmsprop'], [1, 0, 1, 8, 'rmsprop'], [1, 1, 0, 7, 'rmsprop'], [1, 1, 1, 8, 'rmsprop'], [1, 2, 0, 7, 'rmsprop'], [1, 2, 1, 8, 'rmsprop'],
    ]);
    expect(runs[4].config.learningRate).toBe(0.1);
    expect(runs.every((r) => r.config.repeatSeeds === 1)).toBe(true);
    expect(estimatedMs).toBeCloseTo(12 * 100 * 0.1, 9);
  });

  it('two fields make a grid, the first outermost', () => {
    const result = expandSweep({ axes: [lrRange(2), { field: 'gamma', values: { kind: 'list', values: [1, 10, 100] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, groups({ algorithm: 'locoprop-m' }), roomy);
    if (!result.ok) throw new Error(result.reasons.join(' '));
    expect(result.plan.runs.map((r) => r.values)).toEqual([[0.001, 1], [0.001, 10], [0.001, 100], [0.1, 1], [0.1, 10], [0.1, 100]]);
    expect(result.plan.fields).toEqual(['learningRate', 'gamma']);
  });

  it('a value the schema refuses is reported by name', () => {
    const reasons = refused({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 50] } }], seeds: 1, budget: 10, budgetUnit: 'steps' });
    expect(reasons).toEqual(['Group 1: "learningRate" = "50" is not valid (must be at most 10).']);
  });

  it('a seed past the schema\'s range is reported by name', () => {
    expect(refused({ axes: [lrRange(2)], seeds: 3, budget: 10, budgetUnit: 'steps' }, groups({ seed: 999_998 }))).toEqual(['Group 1: "seed" = "1000000" is not valid (must be at most 999999).']);
  });

  it('refuses more than 512 runs, with the computed size', () => {
    const reasons = refused({ axes: [lrRange(30), { field: 'momentum', values: { kind: 'range', from: 0, to: 0.9, count: 9, scale: 'linear' } }], seeds: 2, budget: 10, budgetUnit: 'steps' });
    expect(reasons).toEqual(['The sweep has 540 runs (1 group × 30 × 9 values × 2 seeds); at most 512.']);
  });

  it('exactly 512 runs is allowed', () => {
    expect(expandSweep({ axes: [lrRange(64)], seeds: 8, budget: 10, budgetUnit: 'steps' }, groups({}), roomy).ok).toBe(true);
  });

  it('refuses a sweep whose estimate exceeds the limit, with runs, steps and ms per step', () => {
    const reasons = refused({ axes: [lrRange(16)], seeds: 3, budget: 2000, budgetUnit: 'steps' }, groups({}), { msPerStep: 0.5, maxMs: 30_000 });
    expect(reasons).toEqual(['The sweep would take about 48.0 s (48 runs × 2,000 steps × 0.5 ms per step); the limit is 30.0 s.']);
    expect(expandSweep({ axes: [lrRange(16)], seeds: 3, budget: 2000, budgetUnit: 'steps' }, groups({}), { msPerStep: 0.5, maxMs: 48_000 }).ok).toBe(true);
    const long = refused({ axes: [lrRange(16)], seeds: 3, budget: 20_000, budgetUnit: 'steps' }, groups({}), { msPerStep: 1, maxMs: 10 * 60_000 });
    expect(long).toEqual(['The sweep would take about 16.0 min (48 runs × 20,000 steps × 1 ms per step); the limit is 10.0 min.']);
  });

  it('malformed specs name every problem', () => {
    expect(refused({ axes: [], seeds: 0, budget: 1.5, budgetUnit: 'steps' }, [], { msPerStep: 0, maxMs: 1 })).toEqual([
      'A sweep has one or two fields, not 0.',
      'Seeds must be a whole number from 1 to 10 (not 0).',
      'The budget must be a whole number of steps from 1 to 1,000,000 (not 1.5).',
      'A sweep needs at least one run to sweep.',
      'The measured time per step must be above 0 ms (not 0).',
    ]);
    expect(refused({ axes: [lrRange(2), lrRange(3)], seeds: 1, budget: 10, budgetUnit: 'steps' })).toEqual(['"learningRate" is swept twice; the two fields must differ.']);
  });
});

describe('layer axes', () => {
  it('width sets every hidden layer, depth repeats the first layer, each checked by the schema', () => {
    const base = { ...defaultConfig(), hidden: [4, 2], activation: ['relu', 'tanh'] } as ExperimentConfig;
    const widths = expandSweep({ axes: [{ field: 'width', values: { kind: 'list', values: [3, 16] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [base], { msPerStep: 0.01, maxMs: 1e9 });
    if (!widths.ok) throw new Error(widths.reasons.join(' '));
    expect(widths.plan.runs.map((r) => [r.config.hidden, r.config.activation])).toEqual([
      [[3, 3], ['relu', 'tanh']],
      [[16, 16], ['relu', 'tanh']],
    ]);
    const depths = expandSweep({ axes: [{ field: 'depth', values: { kind: 'range', from: 0, to: 3, count: 4, scale: 'linear' } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [base], { msPerStep: 0.01, maxMs: 1e9 });
    if (!depths.ok) throw new Error(depths.reasons.join(' '));
    expect(depths.plan.runs.map((r) => r.config.hidden)).toEqual([[], [4], [4, 4], [4, 4, 4]]);
    expect(depths.plan.runs[3].config.activation).toEqual(['relu', 'relu', 'relu']);
    // The 2-D sets allow 64 units a layer: 100 is refused by name, not trained as the default.
    const tooWide = expandSweep({ axes: [{ field: 'width', values: { kind: 'list', values: [100] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [base], { msPerStep: 0.01, maxMs: 1e9 });
    expect(tooWide.ok).toBe(false);
    if (!tooWide.ok) expect(tooWide.reasons[0]).toContain('"hidden" = "100,100" is too big');
  });
});

describe('the time estimate per group', () => {
  it('sums each run at its own group’s time per step, and names the range when it refuses', () => {
    const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 1000, budgetUnit: 'steps' };
    const groups = [defaultConfig(), { ...defaultConfig(), algorithm: 'locoprop-m' as const }];
    // 2 runs × 1,000 steps × 1 ms + 2 runs × 1,000 steps × 10 ms = 22 s, on 2 workers 11 s.
    const fits = expandSweep(spec, groups, { msPerStep: 10, groupMsPerStep: [1, 10], maxMs: 11_000, workers: 2 });
    expect(fits.ok && fits.plan.estimatedMs).toBe(11_000);
    const refused = expandSweep(spec, groups, { msPerStep: 10, groupMsPerStep: [1, 10], maxMs: 10_999, workers: 2 });
    expect(refused.ok ? null : refused.reasons).toEqual(['The sweep would take about 11.0 s (4 runs × 1,000 steps × 1–10 ms per step ÷ 2 workers); the limit is 11.0 s.']);
  });

  it('says after a refusal by time whose pace the estimate took, where the caller names one', () => {
    const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 1000, budgetUnit: 'steps' };
    const refused = expandSweep(spec, [defaultConfig()], { msPerStep: 1, maxMs: 1000, paceNote: 'The CPU’s pace.' });
    expect(refused.ok ? null : refused.reasons).toEqual(['The sweep would take about 2.0 s (2 runs × 1,000 steps × 1 ms per step); the limit is 1.0 s. The CPU’s pace.']);
  });
});

describe('a budget in epochs', () => {
  const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 1, budget: 4, budgetUnit: 'epochs' };
  it('estimates each group at its own steps per epoch, and says epochs and steps when it refuses', () => {
    const groups = [defaultConfig(), defaultConfig()];
    // Group 1: 4 epochs × 12.5 steps = 50 steps × 2 runs × 1 ms; group 2: 4 × 2.5 = 10 steps × 2 runs × 1 ms: 120 ms.
    const fits = expandSweep(spec, groups, { msPerStep: 1, maxMs: 120, groupStepsPerEpoch: [12.5, 2.5] });
    expect(fits.ok && [fits.plan.estimatedMs, fits.plan.budget, fits.plan.budgetUnit, fits.plan.budgetSteps]).toEqual([120, 4, 'epochs', 50]);
    const over = refused(spec, groups, { msPerStep: 1, maxMs: 119, groupStepsPerEpoch: [12.5, 2.5] });
    expect(over).toEqual(['The sweep would take about 0.1 s (4 runs × 4 epochs (≈ 10–50 steps) × 1 ms per step); the limit is 0.1 s.']);
  });
  it('refuses a budget of no epochs, too many, or an unknown unit, by name', () => {
    expect(refused({ ...spec, budget: 0 })).toEqual(['The budget must be above 0 and at most 10,000 epochs (not 0).']);
    expect(refused({ ...spec, budget: 20_000 })).toEqual(['The budget must be above 0 and at most 10,000 epochs (not 20000).']);
    expect(refused({ ...spec, budgetUnit: 'hours' as SweepSpec['budgetUnit'] })).toEqual(['The budget\'s unit must be steps, epochs or seconds (not "hours").']);
  });
});

describe('a budget of training time', () => {
  const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 3, budget: 2, budgetUnit: 'seconds' };
  it('estimates runs × seconds ÷ workers whatever the time per step, and says so when it refuses', () => {
    const groups = [defaultConfig(), { ...defaultConfig(), algorithm: 'locoprop-m' as const }];
    // 12 runs × 2 s ÷ 2 workers = 12 s; the steps a run may reach come from its group's time per step.
    const fits = expandSweep(spec, groups, { msPerStep: 5, groupMsPerStep: [0.5, 5], maxMs: 12_000, workers: 2 });
    expect(fits.ok && [fits.plan.estimatedMs, fits.plan.budgetSteps]).toEqual([12_000, 4000]);
    expect(refused(spec, groups, { msPerStep: 5, groupMsPerStep: [0.5, 5], maxMs: 11_999, workers: 2 })).toEqual([
      'The sweep would take about 12.0 s (12 runs × 2 s of training ÷ 2 workers); the limit is 12.0 s.',
    ]);
  });
  it('refuses no time or more than 600 s a run, by name', () => {
    expect(refused({ ...spec, budget: 0 })).toEqual(['The budget must be above 0 and at most 600 seconds of training a run (not 0).']);
    expect(refused({ ...spec, budget: 601 })).toEqual(['The budget must be above 0 and at most 600 seconds of training a run (not 601).']);
  });
});
