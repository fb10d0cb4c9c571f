import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/experiment';
import { expandSweep, MAX_SWEEP_RUNS, type SweepSpec } from '../../config/sweep';
import { checkpointSteps } from '../../engine/sweep/checkpoints';
import type { SweepRunResult } from '../../engine/sweep/types';
import type { SweepRecord } from '../../state/sweepStore';
import { importSweepFile, MAX_SWEEP_FILE_BYTES, readSweepJson, sweepCsv, sweepJson } from './sweepFile';

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
    correct: null,
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

  it('says where the runs trained, and reads it back; a file without it trained on the CPU', () => {
    const onGpu = JSON.parse(sweepJson({ ...record(), backend: 'webgpu' }, [result(0)], [])) as Record<string, unknown>;
    expect(onGpu.trainedOn).toBe('webgpu');
    const read = readSweepJson(JSON.stringify(onGpu));
    expect(read.ok && read.record.backend).toBe('webgpu');
    expect(JSON.parse(sweepJson(record(), [result(0)], [])).trainedOn).toBe('cpu');
    const older = { ...onGpu };
    delete older.trainedOn;
    const readOlder = readSweepJson(JSON.stringify(older));
    expect(readOlder.ok && readOlder.record.backend).toBe('cpu');
  });

  it('refuses a bad file whole, saying what is wrong', () => {
    expect(readSweepJson('{"format": "locolab-sweep"')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(readSweepJson('{"format": "locolab-experiment"}')).toMatchObject({ ok: false, error: expect.stringContaining('not a LocoLab sweep') });
    const good = JSON.parse(sweepJson(record(), [result(0)], [])) as Record<string, unknown>;
    const badIndex = { ...good, results: [{ ...result(0), index: 99 }] };
    expect(readSweepJson(JSON.stringify(badIndex))).toMatchObject({ ok: false, error: expect.stringContaining('results[0].index') });
    const badValue = { ...good, spec: { ...spec, axes: [{ field: 'learningRate', values: { kind: 'list', values: [-1] } }] } };
    expect(readSweepJson(JSON.stringify(badValue))).toMatchObject({ ok: false, error: expect.stringContaining('learningRate') });
    // Each missing part by name, not a list of all three (a file with "spec" was told it had none).
    const specOnly = Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'groups' && key !== 'results'));
    expect(readSweepJson(JSON.stringify(specOnly))).toEqual({ ok: false, error: 'The file has no "groups" (a list), no "results" (a list).' });
    expect(readSweepJson(JSON.stringify({ ...good, spec: [] }))).toEqual({ ok: false, error: 'The file has no "spec" (an object).' });
  });
});

describe('the sweep file size limit', () => {
  it('refuses a file bigger than any export by its size, never reading it (a 49 MB file was read whole)', async () => {
    let reads = 0;
    const big = { name: 'big.json', size: 49_000_000, text: (): Promise<string> => (reads++, Promise.resolve('{}')) };
    expect(await importSweepFile(big)).toEqual({ ok: false, error: 'The file is 49,000,000 bytes; a sweep file is at most 16,777,216 bytes (16 MB).' });
    expect(reads).toBe(0);
  });

  it('reads the largest export whole, with a wide margin under the limit; at the limit the file is read', async () => {
    // The most runs (8 groups x 64 values x 1 seed = MAX_SWEEP_RUNS), 21 checkpoints of all six series, every
    // number as long as a double prints, as the panel's "Save JSON" writes it.
    const values = Array.from({ length: 64 }, (_, i) => 0.0012345678901234567 * (i + 1));
    const most: SweepSpec = { axes: [{ field: 'learningRate', values: { kind: 'list', values } }], seeds: 1, budget: 1_000_000, budgetUnit: 'steps' };
    const eight = Array.from({ length: 8 }, () => defaultConfig());
    const expansion = expandSweep(most, eight, { msPerStep: 1e-9, maxMs: Number.POSITIVE_INFINITY });
    if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
    expect(expansion.plan.runs).toHaveLength(MAX_SWEEP_RUNS);
    const long = -1.2345678901234567e-100;
    const steps = checkpointSteps(1_000_000);
    const series = (): number[] => steps.map(() => long);
    const metrics = { trainLoss: long, testLoss: long, trainAccuracy: long, testAccuracy: long, validationLoss: long, validationAccuracy: long };
    const results: SweepRunResult[] = expansion.plan.runs.map((run) => ({
      index: run.index, steps, trainLoss: series(), testLoss: series(), trainAccuracy: series(), testAccuracy: series(), validationLoss: series(), validationAccuracy: series(),
      final: metrics, best: metrics, diverged: { atStep: 999_999, trainLoss: long },
      // MNIST's 10,000 test images, right or wrong.
      correct: Uint8Array.from({ length: 10_000 }, (_, i) => (i * run.index) % 3 === 0 ? 1 : 0),
    }));
    const largest: SweepRecord = { spec: most, groups: eight, plan: expansion.plan, groupNames: eight.map((_, i) => `Group ${i + 1}`), workers: 4, startedAt: '2026-12-05T00:00:00.000Z' };
    const text = sweepJson(largest, results, []);
    const size = new TextEncoder().encode(text).length;
    // 3.4 MB with which of 10,000 test examples each run gets right: the limit is more than four times it (the groups'
    // longest feature lists would add about 0.1 MB).
    expect(size * 4).toBeLessThan(MAX_SWEEP_FILE_BYTES);
    const read = await importSweepFile({ name: 'largest.json', size, text: () => Promise.resolve(text) });
    expect(read.ok && read.results.length).toBe(MAX_SWEEP_RUNS);
    // Which examples each run got right comes back as it went.
    for (const i of [0, 1, MAX_SWEEP_RUNS - 1]) expect(read.ok && read.results[i].correct?.join('')).toBe(results[i].correct?.join(''));

    let reads = 0;
    const atLimit = { name: 'at-limit.json', size: MAX_SWEEP_FILE_BYTES, text: (): Promise<string> => (reads++, Promise.resolve('[]')) };
    expect(await importSweepFile(atLimit)).toMatchObject({ ok: false, error: expect.stringContaining('not a LocoLab sweep') });
    expect(reads).toBe(1);
    const unreadable = { name: 'gone.json', size: 10, text: (): Promise<string> => Promise.reject(new Error('NotReadableError')) };
    expect(await importSweepFile(unreadable)).toEqual({ ok: false, error: 'It could not be read (NotReadableError).' });
  });
});
