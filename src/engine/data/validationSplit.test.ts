/**
 * The validation split (issue 17 §4: select on a validation split carved from the training data, never on the
 * test set): carveValidation on row indices, and every data source's use of it (a generated set, a shipped set
 * split by trainPercent, MNIST's fixed split).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from '../random';
import { loadDataset, type DataAccess } from './dataSources';
import { buildGeneratedDataset, carveValidation, gatherExamples, splitRows, type Dataset, type DatasetSpec, type Examples } from './dataset';
import { generatePoints, type GeneratedDataset } from './generators';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

const generated = (validationPercent: number, seed = 7, name: GeneratedDataset = 'spiral'): DatasetSpec & { name: GeneratedDataset } => ({
  name,
  points: 400,
  noisePercent: 10,
  trainPercent: 60,
  validationPercent,
  seed,
  goal: 'supervised',
  features: [],
});

/** Each example as text (its inputs and targets), to compare sets of rows. */
function rowsOf(examples: Examples | null, dataset: Dataset): string[] {
  if (!examples) return [];
  const { inputSize, outputSize } = dataset.problem;
  return Array.from({ length: examples.count }, (_, i) =>
    [...examples.inputs.subarray(i * inputSize, (i + 1) * inputSize), '|', ...examples.targets.subarray(i * outputSize, (i + 1) * outputSize)].join(','),
  );
}

const sorted = (rows: string[]): string[] => [...rows].sort();

/** The parts' rows are those of the run without a split: train ∪ validation is its train, the test set its test set. */
function expectCarvedFrom(withSplit: Dataset, without: Dataset): void {
  expect(sorted([...rowsOf(withSplit.train, withSplit), ...rowsOf(withSplit.validation, withSplit)])).toEqual(sorted(rowsOf(without.train, without)));
  expect(rowsOf(withSplit.test, withSplit)).toEqual(rowsOf(without.test, without));
}

describe('carveValidation', () => {
  const train = splitRows(400, 60, 7).train;

  it('holds out round(n · p / 100) of the training rows, disjoint from the rest, both in the training order', () => {
    for (const [percent, held] of [[20, 48], [1, 2], [50, 120], [33, 79]] as const) {
      const carved = carveValidation(train, percent, 7);
      expect(carved.validation.length).toBe(held);
      expect(carved.train.length).toBe(240 - held);
      const inValidation = new Set(carved.validation);
      expect(carved.train.some((row) => inValidation.has(row))).toBe(false);
      expect([...carved.train, ...carved.validation].sort((a, b) => a - b)).toEqual([...train].sort((a, b) => a - b));
      // Each part is a subsequence of the training rows: positions in `train` ascend.
      const position = new Map([...train].map((row, i) => [row, i]));
      for (const part of [carved.train, carved.validation]) {
        const positions = [...part].map((row) => position.get(row) ?? -1);
        expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
      }
    }
  });

  it('is the same for the same seed and another for another seed', () => {
    const a = carveValidation(train, 20, 7);
    expect(carveValidation(train, 20, 7)).toEqual(a);
    expect(carveValidation(train, 20, 8).validation).not.toEqual(a.validation);
  });

  it('leaves at least one row to train on, and none is held out at 0 %', () => {
    expect(carveValidation(Uint32Array.of(5, 9, 2), 50, 1).train.length).toBe(1); // round(1.5) = 2 held out
    expect(carveValidation(Uint32Array.of(4), 50, 1)).toEqual({ train: Uint32Array.of(4), validation: new Uint32Array(0) });
    expect(carveValidation(Uint32Array.of(4, 6), 50, 1).train.length).toBe(1);
    const none = carveValidation(train, 0, 7);
    expect(none.train).toBe(train);
    expect(none.validation.length).toBe(0);
    // 0.4 % of 240 rounds to 0 rows: no validation set either.
    expect(carveValidation(train, 0.2, 7).validation.length).toBe(0);
  });
});

describe('a data set with a validation split', () => {
  it('generated: the validation rows are training rows, apart from those trained on and from the test set', () => {
    const withSplit = buildGeneratedDataset(generated(20));
    const without = buildGeneratedDataset(generated(0));
    expect(withSplit.problem).toMatchObject({ trainCount: 192, validationCount: 48, testCount: 160 });
    expect([withSplit.train.count, withSplit.validation?.count, withSplit.test.count]).toEqual([192, 48, 160]);
    expect(withSplit.train.inputs).toHaveLength(192 * 2);
    expect(withSplit.validation?.labels).toHaveLength(48);
    expectCarvedFrom(withSplit, without);
    const validation = new Set(rowsOf(withSplit.validation, withSplit));
    expect(rowsOf(withSplit.train, withSplit).filter((row) => validation.has(row))).toEqual([]);
    expect(rowsOf(withSplit.test, withSplit).filter((row) => validation.has(row))).toEqual([]);
  });

  it('generated: the same for the same seed, another for another seed', () => {
    const a = buildGeneratedDataset(generated(25, 3, 'moons'));
    expect(buildGeneratedDataset(generated(25, 3, 'moons'))).toEqual(a);
    const other = buildGeneratedDataset(generated(25, 4, 'moons'));
    expect(other.validation?.inputs).not.toEqual(a.validation?.inputs);
  });

  it('without a split (0 %): the very rows of the train/test split, in the same order, and no validation set', () => {
    const spec = generated(0, 11, 'circle');
    const points = generatePoints('circle', spec.points, spec.noisePercent / 100, createRandom(deriveSeed(spec.seed, 1)));
    const table = { inputs: points.inputs, inputSize: 2, targets: points.targets, outputSize: 1, labels: Uint8Array.from(points.targets) };
    const { train, test } = splitRows(spec.points, spec.trainPercent, spec.seed);
    const dataset = buildGeneratedDataset(spec);
    expect(dataset.train).toEqual(gatherExamples(table, train));
    expect(dataset.test).toEqual(gatherExamples(table, test));
    expect(dataset.validation).toBeNull();
    expect(dataset.problem).toMatchObject({ trainCount: 240, validationCount: 0, testCount: 160 });
  });

  it('shipped, split by trainPercent (iris): the same carving', async () => {
    const spec: DatasetSpec = { ...generated(20), name: 'iris', trainPercent: 50, features: [] };
    const withSplit = await loadDataset(spec, access);
    const without = await loadDataset({ ...spec, validationPercent: 0 }, access);
    expect(withSplit.problem).toMatchObject({ trainCount: 60, validationCount: 15, testCount: 75 });
    expect(without.problem).toMatchObject({ trainCount: 75, validationCount: 0, testCount: 75 });
    expect(without.validation).toBeNull();
    expectCarvedFrom(withSplit, without);
  });

  it('shipped with a fixed split (MNIST 14×14): carved from its 10,000 training images; the 2,000 test images stay', async () => {
    const spec: DatasetSpec = { ...generated(10), name: 'mnist14', features: [] };
    const withSplit = await loadDataset(spec, access);
    const without = await loadDataset({ ...spec, validationPercent: 0 }, access);
    expect(withSplit.problem).toMatchObject({ trainCount: 9000, validationCount: 1000, testCount: 2000 });
    expect(withSplit.validation?.labels).toHaveLength(1000);
    expectCarvedFrom(withSplit, without);
  });
});
