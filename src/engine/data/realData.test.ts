/**
 * Training on the shipped data, as a run does it (config → loadDataset → session): digits reach a fixed test
 * accuracy within a fixed step budget with backprop and with LocoProp-M, the MNIST 14×14 autoencoder's
 * reconstruction loss falls, and the problem descriptor sizes the network from the data.
 */
import '../../test/setupTf';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { TrainingSession } from '../session';
import { loadDataset, type DataAccess } from './dataSources';

const access: DataAccess = {
  readShipped: async (file) => new Uint8Array(await readFile(new URL(`../../../public/data/${file}`, import.meta.url))),
  customData: () => null,
};

async function session(overrides: Partial<ExperimentConfig>): Promise<TrainingSession> {
  const config = { ...defaultConfig(), ...overrides };
  const spec = runSpecOf(config);
  return new TrainingSession(await loadDataset(spec.dataset, access), spec, trainingSettingsOf(config));
}

async function trainAndEvaluate(s: TrainingSession, steps: number) {
  for (let done = 0; done < steps; done += 100) s.runSteps(Math.min(100, steps - done));
  const { evaluation } = await s.evaluate(true);
  s.dispose();
  return evaluation;
}

describe('real data', () => {
  it('digits 8×8: the problem has 64 inputs and 10 softmax outputs, and a 64-32-10 network is sized from it', async () => {
    const s = await session({ dataset: 'digits', hidden: [32], activation: ['tanh'] });
    expect(s.dataset.problem).toMatchObject({ task: 'classes', inputSize: 64, outputSize: 10, image: { width: 8, height: 8 }, extent: 0 });
    expect(s.dataset.problem.trainCount + s.dataset.problem.testCount).toBe(1797);
    expect(s.layout.parameterCount).toBe(64 * 32 + 32 + 32 * 10 + 10);
    expect(s.lossKind).toBe('softmax-cross-entropy');
    s.dispose();
  });

  // The defaults (8-8 tanh, Adam 0.01, batch 16) with only the data set changed.
  it.each(['backprop', 'locoprop-m'] as const)('digits with the default network and %s reach 80 percent test accuracy within 1,500 steps', async (algorithm) => {
    const s = await session({ dataset: 'digits', algorithm });
    const untrained = (await s.evaluate(false)).evaluation.testAccuracy;
    const trained = await trainAndEvaluate(s, 1500);
    expect(untrained).toBeLessThan(0.3);
    expect(trained.testAccuracy).toBeGreaterThan(0.8);
    // The confusion matrix counts every test image once, and its diagonal is the accuracy.
    const confusion = trained.confusion ?? new Float32Array(0);
    expect(confusion.length).toBe(100);
    const total = confusion.reduce((sum, v) => sum + v, 0);
    const diagonal = Array.from({ length: 10 }, (_, c) => confusion[c * 11]).reduce((sum, v) => sum + v, 0);
    expect(total).toBe(s.dataset.test.count);
    expect(diagonal / total).toBeCloseTo(trained.testAccuracy, 5);
  });

  it('MNIST 14×14 autoencoder: 196 → 64 → 16 → 64 → 196 with sigmoid outputs; the reconstruction loss falls by a third in 300 steps', async () => {
    const s = await session({ dataset: 'mnist14', task: 'autoencoder', hidden: [64, 16, 64], activation: ['tanh', 'tanh', 'tanh'], batchSize: 64, learningRate: 0.003 });
    expect(s.dataset.problem).toMatchObject({ task: 'autoencoder', inputSize: 196, outputSize: 196, trainCount: 10000, testCount: 2000 });
    expect(s.lossKind).toBe('sigmoid-cross-entropy');
    const before = (await s.evaluate(true)).evaluation;
    // The gallery carries 24 reconstructions of 196 grey levels in (0, 1); no accuracy without classes.
    expect(before.gallery?.length).toBe(24 * 196);
    expect(Number.isNaN(before.testAccuracy)).toBe(true);
    const after = await trainAndEvaluate(s, 300);
    expect(after.testLoss).toBeLessThan((2 / 3) * before.testLoss);
  });

  it('iris: the two default features give a 2-input problem on the plane, with a 3-class grid', async () => {
    const s = await session({ dataset: 'iris' });
    expect(s.dataset.problem).toMatchObject({ task: 'classes', inputSize: 2, outputSize: 3, featureNames: ['petal length (cm)', 'petal width (cm)'] });
    expect(s.dataset.problem.extent).toBeGreaterThanOrEqual(1.5);
    const { evaluation } = await s.evaluate(true);
    expect(evaluation.grid?.length).toBe(48 * 48 * 3);
    s.dispose();
  });

  it('iris with all four features has no plane; an unknown feature is refused by name', async () => {
    const features = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
    const s = await session({ dataset: 'iris', features });
    expect(s.dataset.problem.inputSize).toBe(4);
    expect((await s.evaluate(true)).evaluation.grid).toBeNull();
    s.dispose();
    await expect(session({ dataset: 'iris', features: ['petal colour'] })).rejects.toThrow(/no feature "petal colour"/);
  });

  it('a CSV link opened without its file says to load the file again', async () => {
    await expect(session({ dataset: 'custom' })).rejects.toThrow(/load the file again/);
  });
});
