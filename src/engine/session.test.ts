import '../test/setupTfGradients';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { lossValue } from './model/losses';
import { forward, unpackParameters } from './model/mlp';
import { scheduleAt } from './schedule/schedule';
import { sessionOnGeneratedData, TrainingSession } from './session';
import { OPTIMIZERS } from './train/optimizers';
import { isDiverging, TrainingLoop } from './trainingLoop';

function session(overrides: Partial<ExperimentConfig> = {}): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

describe('training session', () => {
  it('the default experiment (circle) learns: test loss below 0.15 after 1,000 steps', async () => {
    const s = session();
    const before = (await s.evaluate(false)).evaluation;
    s.runSteps(1000);
    const after = (await s.evaluate(false)).evaluation;
    expect(before.trainLoss).toBeGreaterThan(0.6);
    expect(after.testLoss).toBeLessThan(0.15);
    expect(after.step).toBe(1000);
    expect(after.examplesSeen).toBe(16_000);
    expect(after.epoch).toBeCloseTo(16_000 / 250, 10);
    s.dispose();
  });

  it('the same seed gives the same run; another seed another', async () => {
    const losses = async (seed: number): Promise<number[]> => {
      const s = session({ seed });
      s.runSteps(50);
      const { evaluation } = await s.evaluate(true);
      s.dispose();
      return [evaluation.trainLoss, evaluation.testLoss, ...(evaluation.grid ?? []).slice(0, 5)];
    };
    expect(await losses(5)).toEqual(await losses(5));
    expect(await losses(5)).not.toEqual(await losses(6));
  });

  it.each([...OPTIMIZERS])('memory stays flat over 1,000 steps (%s, with L2)', async (optimizer) => {
    const s = session({ optimizer, regularization: 'l2', hidden: [6, 5, 4], activation: ['relu', 'sigmoid', 'tanh'] });
    s.runSteps(1);
    await s.evaluate(true);
    const tensorsAfterOne = tf.memory().numTensors;
    s.runSteps(1000);
    await s.evaluate(true);
    expect(tf.memory().numTensors).toBe(tensorsAfterOne);
    s.dispose();
  });

  it('dispose releases every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const s = session({ optimizer: 'adam' });
    s.runSteps(3);
    await s.evaluate(true);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hot settings apply on the next step; a new optimizer keeps the weights', async () => {
    const s = session({ optimizer: 'sgd', learningRate: 0.5 });
    s.runSteps(20);
    const { snapshot } = await s.evaluate(false);
    s.updateSettings({ ...s.currentSettings, optimizer: 'momentum', schedule: { ...s.currentSettings.schedule, learningRate: 1e-5 } });
    s.runSteps(1);
    const after = await s.evaluate(false);
    expect(after.evaluation.learningRate).toBe(1e-5);
    const change = Math.max(...after.snapshot.theta.map((v, i) => Math.abs(v - snapshot.theta[i])));
    expect(change).toBeGreaterThan(0);
    expect(change).toBeLessThan(1e-4);
    s.dispose();
  });

  it('on a regression set the loss is squared error and falls', async () => {
    const s = session({ dataset: 'plane' });
    const before = (await s.evaluate(false)).evaluation.trainLoss;
    s.runSteps(300);
    const after = (await s.evaluate(false)).evaluation.trainLoss;
    expect(s.lossKind).toBe('squared-error');
    expect(after).toBeLessThan(before / 10);
    s.dispose();
  });
});

describe('the plain path (kernels: plain, one TF.js op per operation)', () => {
  it('counts the steps, examples and epochs a user sees, across calls and a diagnosed last step', async () => {
    const s = session({ kernels: 'plain', batchSize: 16 });
    expect(s.kernelPath).toBe('plain');
    expect(s.dataset.train.count).toBe(250); // circle: 250 training points
    expect(s.runSteps(25)).toBe(25);
    expect(s.runSteps(15, true)).toBe(15);
    const { evaluation } = await s.evaluate(false);
    expect(s.stepCount).toBe(40);
    expect(evaluation.step).toBe(40);
    expect(evaluation.examplesSeen).toBe(40 * 16);
    expect(evaluation.epoch).toBeCloseTo((40 * 16) / 250, 12);
    expect(evaluation.rates.steps).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(evaluation.diagnostics).not.toBeNull();
    s.dispose();
  });

  it('a batch larger than the training set takes the whole set: one epoch per step', async () => {
    const s = session({ kernels: 'plain', batchSize: 256 });
    s.runSteps(3);
    const { evaluation } = await s.evaluate(false);
    expect(evaluation.step).toBe(3);
    expect(evaluation.examplesSeen).toBe(3 * 250);
    expect(evaluation.epoch).toBe(3);
    s.dispose();
  });
});

describe('divergence', () => {
  it('flags non-finite and exploding losses only', () => {
    expect(isDiverging(Number.NaN, 0.7)).toBe(true);
    expect(isDiverging(Number.POSITIVE_INFINITY, 0.7)).toBe(true);
    expect(isDiverging(7.5, 0.7)).toBe(true);
    expect(isDiverging(0.9, 0.7)).toBe(false);
    expect(isDiverging(0.5, 0.001)).toBe(false); // floor: a near-perfect start is not a hair trigger
  });

  it('learning rate 10 diverges; the loop restores weights no worse than untrained (trainingLoop.test.ts: the best recent)', async () => {
    const s = session({ learningRate: 10 });
    const loop = new TrainingLoop(s);
    const untrainedLoss = (await s.evaluate(false)).evaluation.trainLoss;
    await loop.start();
    let outcome = await loop.tick(1, false);
    for (let i = 0; i < 50 && outcome.kind === 'ok'; i++) outcome = await loop.tick(20, false);
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.divergence.learningRate).toBe(10);
    const restored = loop.lastGoodSnapshot;
    expect(restored).not.toBeNull();
    expect(s.stepCount).toBe(outcome.divergence.restoredStep);
    const now = await s.evaluate(false);
    expect(now.snapshot.theta).toEqual(restored?.theta);
    expect(isDiverging(now.evaluation.trainLoss, 0.7)).toBe(false);
    expect(now.evaluation.trainLoss).toBeLessThanOrEqual(untrainedLoss);
    s.dispose();
  });
});

describe('LocoProp in a session', () => {
  it('LocoProp-M with K = 10 reduces the training loss on circle (default network)', async () => {
    const s = session({ algorithm: 'locoprop-m', innerSteps: 10 });
    const before = (await s.evaluate(false)).evaluation.trainLoss;
    s.runSteps(300);
    const after = (await s.evaluate(false)).evaluation.trainLoss;
    expect(before).toBeGreaterThan(0.6);
    expect(after).toBeLessThan(0.15);
    s.dispose();
  });

  it('LocoProp-M with K = 10 reduces the training loss on spiral (16-16 ReLU, He init)', async () => {
    const s = session({ algorithm: 'locoprop-m', innerSteps: 10, dataset: 'spiral', hidden: [16, 16], activation: ['relu', 'relu'], init: 'he' });
    const before = (await s.evaluate(false)).evaluation.trainLoss;
    s.runSteps(600);
    const after = (await s.evaluate(false)).evaluation.trainLoss;
    expect(before).toBeGreaterThan(0.6);
    expect(after).toBeLessThan(0.3);
    s.dispose();
  });

  it.each(['locoprop-s', 'locoprop-m'] as const)('memory stays flat over 1,000 %s steps with diagnostics', async (algorithm) => {
    const s = session({ algorithm, innerOptimizer: 'rmsprop', proximal: true, innerReset: true, regularization: 'l1' });
    s.runSteps(2, true);
    await s.evaluate(true);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) s.runSteps(100, true);
    const { evaluation } = await s.evaluate(true);
    expect(evaluation.diagnostics).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(tensors);
    s.dispose();
  });

  it('runs LocoProp’s inner optimizer (TF1’s RMSProp for RMSProp), whichever the config’s optimizer, and restarts it when another is picked', async () => {
    const s = session({ algorithm: 'locoprop-m', optimizer: 'nesterov', innerOptimizer: 'sgd', momentum: 0.5 });
    s.runSteps(3);
    expect((await s.evaluate(false)).snapshot.optimizer).toMatchObject({ kind: 'sgd', slots: [] });
    s.updateSettings(trainingSettingsOf({ ...defaultConfig(), algorithm: 'locoprop-m', optimizer: 'nesterov', innerOptimizer: 'rmsprop' }));
    expect((await s.evaluate(false)).snapshot.optimizer).toMatchObject({ kind: 'rmsprop-tf1', stepCount: 0 });
    s.dispose();
  });

  it('switching backprop → LocoProp keeps the weights and keeps learning', async () => {
    const s = session();
    s.runSteps(100);
    const before = await s.evaluate(false);
    // The page switches through the config (toEngine): the new algorithm's settings come with it.
    s.updateSettings(trainingSettingsOf({ ...defaultConfig(), algorithm: 'locoprop-m' }));
    const same = await s.evaluate(false);
    expect(same.snapshot.theta).toEqual(before.snapshot.theta);
    s.runSteps(200);
    expect((await s.evaluate(false)).evaluation.trainLoss).toBeLessThan(before.evaluation.trainLoss);
    s.dispose();
  });

  it('a restored snapshot replays exactly the same steps (weights, optimizer, batch order)', async () => {
    const s = session({ algorithm: 'locoprop-m' });
    s.runSteps(30);
    const { snapshot } = await s.evaluate(false);
    s.runSteps(20);
    const first = (await s.evaluate(false)).snapshot.theta;
    s.restore(snapshot);
    s.runSteps(20);
    const second = (await s.evaluate(false)).snapshot.theta;
    expect(second).toEqual(first);
    expect(s.stepCount).toBe(50);
    s.dispose();
  });
});

describe('schedules in a session', () => {
  const clr = { schedule: 'cyclical' as const, learningRate: 0.01, maxLearningRate: 0.1, stepSize: 5, cycleMomentum: true };

  it('every step uses the cyclical schedule\'s learning rate and momentum', async () => {
    const config = { ...defaultConfig(), ...clr };
    const s = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    s.runSteps(40);
    const { rates, learningRate } = (await s.evaluate(false)).evaluation;
    const stepsPerEpoch = 250 / 16;
    expect(rates.steps).toEqual(Array.from({ length: 40 }, (_, i) => i));
    rates.steps.forEach((t, i) => {
      const expected = scheduleAt(t, trainingSettingsOf(config).schedule, stepsPerEpoch);
      expect(rates.learningRates[i]).toBe(expected.lr);
      expect(rates.momenta[i]).toBe(expected.momentum);
    });
    expect(new Set(rates.learningRates.map((v) => v.toFixed(6))).size).toBeGreaterThan(5);
    expect(learningRate).toBe(rates.learningRates[39]);
    s.dispose();
  });

  it('the optimizer really steps with the scheduled rate: full-batch SGD moves θ by −lr·∇L', async () => {
    const config = { ...defaultConfig(), ...clr, optimizer: 'sgd' as const, batchSize: 256 };
    const s = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    const { train } = s.dataset;
    const x = tf.tensor2d(train.inputs, [train.targets.length, 2]);
    const t = tf.tensor2d(train.targets, [train.targets.length, 1]);
    for (let step = 0; step < 12; step++) {
      const before = (await s.evaluate(false)).snapshot.theta;
      const gradient = await tf
        .grad((theta: tf.Tensor) => lossValue(forward(unpackParameters(theta as tf.Tensor1D, s.layout), s.layout, x).output, t, s.lossKind))(tf.tensor1d(before))
        .data();
      s.runSteps(1);
      const after = (await s.evaluate(false)).snapshot.theta;
      // lr = −(Δθ·g)/(g·g), the rate that explains the update
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < gradient.length; i++) {
        dot += (after[i] - before[i]) * gradient[i];
        norm += gradient[i] * gradient[i];
      }
      const expected = scheduleAt(step, trainingSettingsOf(config).schedule, 1).lr;
      expect(Math.abs(-dot / norm - expected) / expected).toBeLessThan(1e-3);
    }
    s.dispose();
  });

  it('one-cycle stops once at its last step, then holds the final rate', async () => {
    const config = { ...defaultConfig(), schedule: 'one-cycle' as const, maxLearningRate: 0.05, totalSteps: 30 };
    const s = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    expect(s.runSteps(100)).toBe(30);
    const first = (await s.evaluate(false)).evaluation;
    expect(first.scheduleEnded?.atStep).toBe(30);
    const finalRate = first.learningRate;
    expect(finalRate).toBeCloseTo(0.05 / 25 / 1e4, 12);
    expect(s.runSteps(20)).toBe(20);
    const second = (await s.evaluate(false)).evaluation;
    expect(second.scheduleEnded).toBeNull();
    expect(new Set(second.rates.learningRates)).toEqual(new Set([finalRate]));
    s.dispose();
  });
});
