import { describe, expect, it } from 'vitest';
import type { SweepSpec } from './sweep';
import { decodeSweep, encodeSweep } from './sweepUrl';

describe('sweep address codec', () => {
  it('writes the documented form', () => {
    const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'range', from: 0.0001, to: 0.1, count: 16, scale: 'log' } }], seeds: 3, budget: 2000, budgetUnit: 'steps' };
    expect(encodeSweep(spec)).toBe('sweep=learningRate,0.0001,0.1,16,log&sweepSeeds=3&sweepBudget=2000');
  });

  it.each<SweepSpec>([
    { axes: [{ field: 'learningRate', values: { kind: 'range', from: 1e-7, to: 0.1, count: 16, scale: 'log' } }], seeds: 3, budget: 2000, budgetUnit: 'steps' },
    {
      axes: [
        { field: 'gamma', values: { kind: 'range', from: 0.3, to: 30, count: 5, scale: 'linear' } },
        { field: 'innerSteps', values: { kind: 'list', values: [1, 5, 10] } },
      ],
      seeds: 10,
      budget: 500,
      budgetUnit: 'steps',
    },
    { axes: [{ field: 'optimizer', values: { kind: 'list', values: ['sgd', 'adam'] } }, { field: 'proximal', values: { kind: 'list', values: [false, true] } }], seeds: 1, budget: 1, budgetUnit: 'steps' },
    { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.001, 0.01, 0.1, 1] } }], seeds: 2, budget: 300, budgetUnit: 'steps' },
    { axes: [{ field: 'batchSize', values: { kind: 'list', values: [4, 16, 64] } }], seeds: 3, budget: 2.5, budgetUnit: 'epochs' },
    { axes: [{ field: 'algorithm', values: { kind: 'list', values: ['backprop', 'locoprop-m'] } }], seeds: 2, budget: 1.5, budgetUnit: 'seconds' },
  ])('round-trips %#', (spec) => {
    const decoded = decodeSweep(encodeSweep(spec));
    expect(decoded.problems).toEqual([]);
    expect(decoded.spec).toEqual(spec);
  });

  it('an address without a sweep has none', () => {
    expect(decodeSweep('dataset=spiral&seed=3')).toMatchObject({ spec: null, problems: [], unreadFields: [] });
  });

  it('names each bad part', () => {
    const { spec, problems } = decodeSweep('sweep=learningRate,0.001,abc,5,log&sweep2=warp,1,2&sweepSeeds=two&sweepBudget=1e2.5');
    expect(problems).toEqual([
      { param: 'sweep', message: 'sweep: to "abc" is not a decimal number.' },
      { param: 'sweep2', message: '"warp" is not a field of the experiment.' },
      { param: 'sweepSeeds', message: 'sweepSeeds = "two" is not a whole number; using 1.' },
      { param: 'sweepBudget', message: 'sweepBudget = "1e2.5" is not a whole number of steps, a number of epochs or of seconds (such as 2000, 5epochs or 30s); using 1000 steps.' },
    ]);
    expect(spec).toBeNull();
  });

  it('names values a sweep cannot take at once (it said so only at Start), keeping the axis to fix in the panel', () => {
    const { spec, problems } = decodeSweep('sweep=learningRate,0,1,5,log');
    expect(problems).toEqual([{ param: 'sweep', message: 'sweep: "learningRate": a log range needs from and to above 0 (from 0, to 1). Start refuses it until it is fixed in the panel.' }]);
    expect(spec?.axes).toEqual([{ field: 'learningRate', values: { kind: 'range', from: 0, to: 1, count: 5, scale: 'log' } }]);
  });

  it('names a bad option, a bad list value, a hex number, an empty field, a field without values', () => {
    const one = (query: string): string => decodeSweep(query).problems.map((p) => p.message).join(' | ');
    expect(one('sweep=optimizer,sgd,lion')).toMatch(/^sweep: "lion" is not one of optimizer's options \(sgd, momentum, nesterov, adam, rmsprop[^)]*\)\.$/);
    expect(one('sweep=learningRate,0.1,0x10')).toBe('sweep: value 2 "0x10" is not a decimal number.');
    expect(one('sweep=learningRate,0.1,0.2,Infinity,log')).toBe('sweep: count "Infinity" is not a decimal number.');
    expect(one('sweep=')).toBe('"" is not a field of the experiment.');
    expect(one('sweep=learningRate')).toBe('"learningRate" has no values.');
    expect(one('sweep=backend,cpu,webgpu')).toMatch(/^"backend" holds for the whole experiment/);
  });

  it('names a mistyped scale as a scale, seeds or a budget out of range at once (each replaced by its default), and a field swept twice', () => {
    const one = (query: string): string => decodeSweep(query).problems.map((p) => p.message).join(' | ');
    expect(one('sweep=learningRate,0.001,1,8,cubic')).toBe('sweep: "cubic" is not a scale: a range ends in log or linear.');
    // Four numbers are a list, not a range.
    expect(decodeSweep('sweep=learningRate,0.1,0.2,0.3,0.4').spec?.axes[0].values).toEqual({ kind: 'list', values: [0.1, 0.2, 0.3, 0.4] });
    const out = decodeSweep('sweep=learningRate,0.001,1,8,log&sweepSeeds=99&sweepBudget=-5');
    expect(out.problems.map((p) => p.message)).toEqual(['sweepSeeds = 99 is outside 1–10; using 1.', 'sweepBudget: The budget must be a whole number of steps from 1 to 1,000,000 (not -5). Using 1000 steps.']);
    expect(out.spec).toMatchObject({ seeds: 1, budget: 1000, budgetUnit: 'steps' });
    expect(one('sweep=learningRate,0.1,1&sweepSeeds=0')).toBe('sweepSeeds = 0 is outside 1–10; using 1.');
    expect(one('sweep=learningRate,0.1,1&sweepBudget=700s')).toBe('sweepBudget: The budget must be above 0 and at most 600 seconds of training a run (not 700). Using 1000 steps.');
    expect(one('sweep=learningRate,0.1,1&sweepSeeds=10&sweepBudget=600s')).toBe('');
    // A field named rightly whose values are bad is kept by name, for the panel to show with its defaults; the seeds
    // and budget are read whatever the field's values.
    const unread = decodeSweep('sweep=learningRate,abc,1,8,log&sweep2=optimizer,sgd,lion&sweepSeeds=3&sweepBudget=500');
    expect(unread).toMatchObject({ spec: null, unreadFields: ['learningRate', 'optimizer'], seeds: 3, budget: { budget: 500, budgetUnit: 'steps' } });
    expect(decodeSweep('sweep=warp,1,2').unreadFields).toEqual([]);
    const twice = decodeSweep('sweep=learningRate,0.001,1,4,log&sweep2=learningRate,0.01,0.1,3,log');
    expect(twice.problems.map((p) => p.message)).toEqual(['sweep2: "learningRate" is swept by sweep already; a second field must be another one, so sweep2 is left out.']);
    expect(twice.spec?.axes).toHaveLength(1);
  });

  it('keeps the good axis when the other is bad, and a lone sweep2 is read with a note', () => {
    const mixed = decodeSweep('sweep=learningRate,0.01,0.1,3,linear&sweep2=gamma,x');
    expect(mixed.spec?.axes).toEqual([{ field: 'learningRate', values: { kind: 'range', from: 0.01, to: 0.1, count: 3, scale: 'linear' } }]);
    expect(mixed.problems.map((p) => p.param)).toEqual(['sweep2']);
    const lone = decodeSweep('sweep2=gamma,1,10,3,log');
    expect(lone.spec?.axes.map((a) => a.field)).toEqual(['gamma']);
    expect(lone.problems).toEqual([{ param: 'sweep2', message: 'sweep2 is given without sweep; reading it as the only field.' }]);
  });

  it('a long bad value is quoted cut', () => {
    const message = decodeSweep(`sweepSeeds=${'9'.repeat(50)}x${'9'.repeat(50)}`).problems[0].message;
    expect(message).toContain('… (101 characters)');
    expect(message.length).toBeLessThan(140);
  });
});

describe('the sweep budget in the address', () => {
  const budgetOf = (text: string) => decodeSweep(`sweep=learningRate,0.01,0.1,3,log&sweepBudget=${text}`);
  it('reads steps as a bare number or with "steps", and epochs with "epochs"', () => {
    expect(budgetOf('2000').spec).toMatchObject({ budget: 2000, budgetUnit: 'steps' });
    expect(budgetOf('2000steps').spec).toMatchObject({ budget: 2000, budgetUnit: 'steps' });
    expect(budgetOf('5epochs').spec).toMatchObject({ budget: 5, budgetUnit: 'epochs' });
    expect(budgetOf('0.5epochs').spec).toMatchObject({ budget: 0.5, budgetUnit: 'epochs' });
    expect(budgetOf('5epochs').problems).toEqual([]);
    expect(budgetOf('30s').spec).toMatchObject({ budget: 30, budgetUnit: 'seconds' });
  });
  it('names a fractional step count or an unknown unit and keeps the default', () => {
    for (const bad of ['2.5', '5 weeks', 'epochs']) {
      const { spec, problems } = budgetOf(bad);
      expect(spec).toMatchObject({ budget: 1000, budgetUnit: 'steps' });
      expect(problems.map((p) => p.param)).toEqual(['sweepBudget']);
      expect(problems[0].message).toContain(`"${bad}"`);
    }
  });
});
