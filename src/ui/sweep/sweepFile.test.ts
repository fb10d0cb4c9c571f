import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { expandSweep, type SweepSpec } from '../../config/sweep';
import type { SweepRunResult } from '../../engine/sweep/types';
import type { SweepRecord } from '../../state/sweepStore';
import { readSweepJson, sweepCsv, sweepJson } from './sweepFile';

const spec: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } }], seeds: 2, budget: 20, budgetUnit: 'steps' };
const groups = [defaultConfig(), { ...defaultConfig(), algorithm: 'locoprop-m' as const }];

function record(): SweepRecord {
  const expansion = expandSweep(spec, groups, { msPerStep: 0.01, maxMs: 1e9 });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  return { spec, groups, plan: expansion.plan, groupNames: ['Backprop, Adam', 'LocoProp-M'], workers: 2, startedAt: '2026-12-05T00:00:00.000Z' };
}

function result(index: number, diverged = false): SweepRunResult {
  const nan = Number.NaN;
  const last = diverged ? Number.POSITIVE_INFINITY : 0.25 + index / 100;
  const metrics = { trainLoss: last, testLoss: 0.5, validationLoss: 0.4, trainAccuracy: nan, testAccuracy: nan, validationAccuracy: nan };
  return {
    index,
    steps: [0, 10, 20],
    trainLoss: [0.7, 0.5, last],
    testLoss: [0.7, 0.6, 0.5],
    validationLoss: [0.7, 0.55, 0.4],
    trainAccuracy: null,
    testAccuracy: null,
    validationAccuracy: null,
    final: metrics,
    best: metrics,
    diverged: diverged ? { atStep: 20, trainLoss: last } : null,
  } as unknown as SweepRunResult;
}

describe('sweep files', () => {
  it('writes a long CSV: group, name, field, seed, step, metric, value; a diverged run says so', () => {
    const csv = sweepCsv(record(), [result(0), result(7, true)]).trim().split('\n');
    expect(csv[0]).toBe('group,group_name,learningRate,seed,step,metric,value');
    // Run 7: group 2 (LocoProp-M), learning rate 0.1 (the second value), its second seed.
    expect(csv).toContain('2,LocoProp-M,0.1,2,10,train_loss,0.5');
    expect(csv).toContain('1,"Backprop, Adam",0.01,1,20,validation_loss,0.4');
    expect(csv).toContain('2,LocoProp-M,0.1,2,20,diverged,Infinity');
    // Accuracy series that do not exist are not written.
    expect(csv.some((line) => line.includes('accuracy'))).toBe(false);
  });

  it('reads back its own JSON, non-finite numbers included', () => {
    const text = sweepJson(record(), [result(0), result(7, true)], [{ index: 3, message: 'no data' }]);
    const read = readSweepJson(text);
    if (!read.ok) throw new Error(read.error);
    expect(read.results[1].final.trainLoss).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(read.results[0].final.trainAccuracy)).toBe(true);
    expect(read.results[0].trainLoss).toEqual([0.7, 0.5, 0.25]);
    expect(read.failures).toEqual([{ index: 3, message: 'no data' }]);
    expect(read.record.plan.runs).toHaveLength(8);
    expect(read.record.groups[1].algorithm).toBe('locoprop-m');
  });

  it('refuses a bad file whole, saying what is wrong', () => {
    expect(readSweepJson('{"format": "locolab-sweep"')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(readSweepJson('{"format": "locolab-experiment"}')).toMatchObject({ ok: false, error: expect.stringContaining('not a LocoLab sweep') });
    const good = JSON.parse(sweepJson(record(), [result(0)], [])) as Record<string, unknown>;
    const badIndex = { ...good, results: [{ ...result(0), index: 99 }] };
    expect(readSweepJson(JSON.stringify(badIndex))).toMatchObject({ ok: false, error: expect.stringContaining('results[0].index') });
    const badValue = { ...good, spec: { ...spec, axes: [{ field: 'learningRate', values: { kind: 'list', values: [-1] } }] } };
    expect(readSweepJson(JSON.stringify(badValue))).toMatchObject({ ok: false, error: expect.stringContaining('learningRate') });
  });
});
