import { describe, expect, it } from 'vitest';
import { defaultConfig, FIELD_NAMES, type ExperimentConfig } from '../../config/experiment';
import { experimentFileSizeProblem, experimentJson, MAX_EXPERIMENT_FILE_BYTES, parseExperimentJson } from './experimentJson';

const first: ExperimentConfig = { ...defaultConfig(), dataset: 'spiral', hidden: [8, 8], activation: ['tanh', 'relu'], seed: 7 };
const second: ExperimentConfig = { ...first, algorithm: 'locoprop-m', innerSteps: 5, schedule: 'cyclical', maxLearningRate: 0.2 };
const runs = [
  { name: 'Backprop, SGD', config: first, seeds: [7], summary: { finalTrainLoss: 0.2, trainAccuracy: Number.NaN } },
  { name: 'LocoProp-M', config: second, seeds: [7], summary: null },
];

describe('the experiment JSON', () => {
  it('holds every setting of every run under its schema name, and reads back as the same experiment', () => {
    const text = experimentJson(runs, 1, new Date('2026-01-02T03:04:05Z'));
    const document = JSON.parse(text) as { runs: { config: Record<string, unknown>; summary: unknown }[]; selectedRun: number };
    expect(Object.keys(document.runs[0].config)).toEqual(FIELD_NAMES);
    expect(document.runs[1].config.innerSteps).toBe(5);
    expect(document.runs[0].summary).toEqual({ finalTrainLoss: 0.2, trainAccuracy: null });
    expect(document.selectedRun).toBe(2);
    const back = parseExperimentJson(text);
    expect(back).toEqual({ ok: true, configs: [first, second], selectedIndex: 1, notes: [] });
  });

  it('refuses a corrupted file, naming the field', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[]; format: string };
    const corrupt = (change: (d: typeof document) => void): ReturnType<typeof parseExperimentJson> => {
      const copy = structuredClone(document);
      change(copy);
      return parseExperimentJson(JSON.stringify(copy));
    };
    const badRate = corrupt((d) => (d.runs[1].config.learningRate = 'fast'));
    expect(badRate).toMatchObject({ ok: false, field: 'runs[1].config.learningRate' });
    expect(badRate.ok ? '' : badRate.message).toMatch(/learningRate/);
    expect(corrupt((d) => (d.runs[0].config.hidden = [8, -3]))).toMatchObject({ ok: false, field: 'runs[0].config.hidden' });
    expect(corrupt((d) => (d.runs[0].config.optimiser = 'adam'))).toMatchObject({ ok: false, field: 'runs[0].config.optimiser' });
    expect(corrupt((d) => (d.format = 'something-else'))).toMatchObject({ ok: false, field: 'format' });
    expect(corrupt((d) => (d.runs = []))).toMatchObject({ ok: false, field: 'runs' });
    expect(parseExperimentJson('{"format": "locolab-exp')).toMatchObject({ ok: false, field: 'file' });
  });

  it('names a setting that holds for every run when a later run gives another value, and reads run 1\'s (issue 21)', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[] };
    document.runs[1].config.backend = 'webgl';
    document.runs[1].config.speed = 7;
    const read = parseExperimentJson(JSON.stringify(document));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.notes).toHaveLength(2);
    expect(read.notes.join(' ')).toMatch(/runs\[1\]\.config\.backend = "webgl" was not used/);
    expect(read.notes.join(' ')).toMatch(/runs\[1\]\.config\.speed = "7" was not used/);
  });

  it('refuses a run that could not train (a feature its data set lacks), naming the field', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[] };
    document.runs[0].config.dataset = 'iris';
    document.runs[0].config.features = ['a', 'a'];
    expect(parseExperimentJson(JSON.stringify(document))).toMatchObject({ ok: false, field: 'runs[0].config.features' });
  });

  it('quotes a huge bad value cut to a few dozen characters with its length, not whole', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[] };
    document.runs[0].config.algorithm = 'x'.repeat(5_000_000);
    const read = parseExperimentJson(JSON.stringify(document));
    expect(read.ok).toBe(false);
    const message = read.ok ? '' : read.message;
    expect(message.length).toBeLessThan(400);
    expect(message).toContain('(5,000,000 characters)');
  });

  it('cuts a huge unknown setting name in its message as it cuts a value', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[] };
    const named = structuredClone(document);
    named.runs[1].config['k'.repeat(5_000_000)] = 1;
    const read = parseExperimentJson(JSON.stringify(named));
    expect(read).toMatchObject({ ok: false, field: `runs[1].config.${'k'.repeat(60)}… (5,000,000 characters)` });
    expect(read.ok ? '' : read.message.length).toBeLessThan(200);
  });

  it('says what is wrong in a refused file, not which default would be used: nothing is used', () => {
    const document = JSON.parse(experimentJson(runs, 0)) as { runs: { config: Record<string, unknown> }[] };
    const refused = (change: (config: Record<string, unknown>) => void): string => {
      const copy = structuredClone(document);
      change(copy.runs[1].config);
      const read = parseExperimentJson(JSON.stringify(copy));
      return read.ok ? '' : read.message;
    };
    expect(refused((c) => (c.algorithm = 'sgd'))).toBe('runs[1].config.algorithm: "algorithm" = "sgd" is not valid (must be one of backprop, locoprop-s, locoprop-m, feedback-alignment).');
    expect(refused((c) => (c.features = ['nope']))).toBe(
      'runs[1].config.features: "features" = "nope" is not valid (spiral has no feature "nope"; its features are "x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2").',
    );
    expect(refused((c) => (c.task = 'autoencoder'))).toBe('runs[1].config.task: "task" = "autoencoder" needs image data (digits, mnist, mnist14), not spiral.');
    expect(refused((c) => (c.activation = ['relu', 'relu', 'relu']))).toBe('runs[1].config.activation: "activation" lists 3 functions for 2 hidden layers.');
  });

  it('refuses a file bigger than any export by its size, before reading it (a 49 MB file blocked the page)', () => {
    // The largest export: every run with 64 features of 200 characters, pretty-printed as saved.
    const longest = { ...first, features: Array.from({ length: 64 }, (_, i) => `${i}`.padEnd(200, 'f')) };
    const most = Array.from({ length: 8 }, (_, i) => ({ name: `Run ${i + 1}`, config: longest, seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], summary: { finalTrainLoss: 0.2 } }));
    const size = new TextEncoder().encode(experimentJson(most, 0)).length;
    expect(experimentFileSizeProblem(size)).toBeNull();
    expect(experimentFileSizeProblem(MAX_EXPERIMENT_FILE_BYTES)).toBeNull();
    expect(experimentFileSizeProblem(49_000_000)).toBe('The file is 49,000,000 bytes; an experiment file is at most 1,048,576 bytes (1 MB).');
  });
});
