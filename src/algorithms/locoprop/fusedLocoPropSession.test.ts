/**
 * The session on the fused LocoProp kernel (locopropKernel.ts) against the same session on plain ops: the same
 * θ, inner optimizer (slots and counters), batches and rates after 100 outer steps, switching kernels
 * mid-run, and memory flat over 10,000 fused outer steps.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, TrainingSession, type SessionSnapshot } from '../../engine/session';
import { relativeError } from '../../test/parity';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config = { ...defaultConfig(), ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

function expectSameRun(a: SessionSnapshot, b: SessionSnapshot): void {
  expect(relativeError(a.theta, b.theta)).toBeLessThan(1e-5);
  expect(a.optimizer.slots).toHaveLength(b.optimizer.slots.length);
  a.optimizer.slots.forEach((slot, i) => expect(relativeError(slot, b.optimizer.slots[i])).toBeLessThan(1e-5));
  expect(a.optimizer.stepCount).toBe(b.optimizer.stepCount);
  expect(a.optimizer.beta1Product).toBeCloseTo(b.optimizer.beta1Product, 12);
  expect(a.sampler).toEqual(b.sampler);
  expect(a.stepCount).toBe(b.stepCount);
}

/** LocoProp-M as the reference runs it (K = 10, TF1 RMSProp, decay), with a cycling rate and momentum and L2. */
const referenceM: Partial<ExperimentConfig> = {
  algorithm: 'locoprop-m',
  innerOptimizer: 'rmsprop',
  innerSteps: 10,
  innerDecay: true,
  learningRate: 0.0003,
  schedule: 'cyclical',
  minLearningRate: 0.0001,
  maxLearningRate: 0.001,
  stepSize: 30,
  regularization: 'l2',
  regularizationRate: 0.003,
  hidden: [8, 6],
  activation: ['tanh', 'relu'],
};

const variants: [string, Partial<ExperimentConfig>][] = [
  ['LocoProp-M, K = 10, TF1 RMSProp, cyclical rate and momentum, L2', referenceM],
  ['LocoProp-M, K = 10, Adam, proximal term, reset', { algorithm: 'locoprop-m', innerOptimizer: 'adam', proximal: true, proximalWeight: 2, innerReset: true }],
  ['LocoProp-S, K = 5, SGD, no decay, ReLU', { algorithm: 'locoprop-s', innerOptimizer: 'sgd', innerSteps: 5, innerDecay: false, learningRate: 0.05, activation: ['relu', 'relu'], init: 'he' }],
];

describe('the session on the fused LocoProp kernel', () => {
  it('takes the fused path for LocoProp-S and -M on the CPU unless plain kernels are asked for', () => {
    const sessions = [session({ algorithm: 'locoprop-m' }), session({ algorithm: 'locoprop-s', kernels: 'fused' }), session({ algorithm: 'locoprop-m', kernels: 'plain' })];
    expect(sessions.map((s) => s.kernelPath)).toEqual(['fused', 'fused', 'plain']);
    sessions.forEach((s) => s.dispose());
  });

  it.each(variants)('%s: fused and plain runs agree after 100 steps (θ, slots, counters, losses, rates)', async (_name, overrides) => {
    const fused = session({ ...overrides, kernels: 'fused' });
    const plain = session({ ...overrides, kernels: 'plain' });
    for (const s of [fused, plain]) s.runSteps(100, true);
    const a = await fused.evaluate(false);
    const b = await plain.evaluate(false);
    expectSameRun(a.snapshot, b.snapshot);
    expect(Math.abs(a.evaluation.trainLoss - b.evaluation.trainLoss) / b.evaluation.trainLoss).toBeLessThan(1e-5);
    expect(a.evaluation.step).toBe(100);
    expect(a.evaluation.rates).toEqual(b.evaluation.rates);
    // The diagnosed last step ran plain on the fused session too, and reports its targets.
    expect(a.evaluation.diagnostics).toHaveLength(3);
    fused.dispose();
    plain.dispose();
  });

  it('switching kernels mid-run continues the same LocoProp run', async () => {
    const switched = session({ ...referenceM, kernels: 'fused' });
    const reference = session({ ...referenceM, kernels: 'plain' });
    for (const kernels of ['plain', 'fused'] as const) {
      switched.runSteps(30);
      switched.updateSettings({ ...switched.currentSettings, kernels });
    }
    switched.runSteps(30);
    reference.runSteps(90);
    expectSameRun(await switched.snapshot(), await reference.snapshot());
    switched.dispose();
    reference.dispose();
  });

  it('memory stays flat over 10,000 fused LocoProp steps', async () => {
    const s = session({ algorithm: 'locoprop-m', kernels: 'fused' });
    s.runSteps(10, true);
    await s.evaluate(true);
    const after = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      s.runSteps(1000, i % 3 === 0);
      await s.evaluate(i % 2 === 0);
    }
    expect(tf.memory().numTensors).toBe(after);
    const { evaluation } = await s.evaluate(false);
    expect(evaluation.step).toBe(10_010);
    expect(Number.isFinite(evaluation.trainLoss)).toBe(true);
    s.dispose();
  });
});
