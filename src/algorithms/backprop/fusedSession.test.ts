/**
 * The session on backprop's fused kernels (kernel.ts) against the same session on plain ops: θ,
 * slots, losses and rates after 100 steps, a one-cycle schedule's end, switching kernels mid-run, and memory flat
 * over 10,000 fused steps (LocoProp's twin: ../locoprop/fusedLocoPropSession.test.ts).
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData, TrainingSession } from '../../engine/session';
import { relativeError } from '../../test/parity';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config: ExperimentConfig = { ...defaultConfig(), algorithm: 'backprop', ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

const cyclical: Partial<ExperimentConfig> = {
  schedule: 'cyclical',
  learningRate: 0.003,
  maxLearningRate: 0.05,
  stepSize: 30,
  regularization: 'l2',
  regularizationRate: 0.003,
  hidden: [8, 6],
  activation: ['tanh', 'relu'],
};

describe('the session on fused kernels', () => {
  it('uses the fused path on the CPU for backprop and LocoProp, the plain path when asked', () => {
    const fused = session({ kernels: 'auto' });
    expect(fused.kernelPath).toBe('fused');
    const plain = session({ kernels: 'plain' });
    expect(plain.kernelPath).toBe('plain');
    const locoprop = session({ kernels: 'fused', algorithm: 'locoprop-m' });
    expect(locoprop.kernelPath).toBe('fused');
    [fused, plain, locoprop].forEach((s) => s.dispose());
  });

  it.each(['adam', 'nesterov', 'rmsprop'] as const)('%s with a cyclical schedule and L2: fused and plain agree after 100 steps to 1e-5 (θ, slots, losses, rates)', async (optimizer) => {
    const fused = session({ ...cyclical, optimizer, kernels: 'fused' });
    const plain = session({ ...cyclical, optimizer, kernels: 'plain' });
    for (const s of [fused, plain]) s.runSteps(100, true);
    const a = await fused.evaluate(false);
    const b = await plain.evaluate(false);
    expect(relativeError(a.snapshot.theta, b.snapshot.theta)).toBeLessThan(1e-5);
    a.snapshot.optimizer.slots.forEach((slot, i) => expect(relativeError(slot, b.snapshot.optimizer.slots[i])).toBeLessThan(1e-5));
    expect(Math.abs(a.evaluation.trainLoss - b.evaluation.trainLoss) / b.evaluation.trainLoss).toBeLessThan(1e-5);
    expect(a.evaluation.step).toBe(100);
    expect(a.snapshot.optimizer.stepCount).toBe(b.snapshot.optimizer.stepCount);
    expect(a.evaluation.rates.learningRates).toEqual(b.evaluation.rates.learningRates);
    expect(a.snapshot.sampler).toEqual(b.snapshot.sampler);
    fused.dispose();
    plain.dispose();
  });

  it('a one-cycle schedule still stops at its end on the fused path', async () => {
    const s = session({ schedule: 'one-cycle', totalSteps: 50, kernels: 'fused' });
    expect(s.runSteps(80)).toBe(50);
    expect((await s.evaluate(false)).evaluation.scheduleEnded?.atStep).toBe(50);
    s.dispose();
  });

  it('switching kernels mid-run continues the same run', async () => {
    const switched = session({ kernels: 'fused' });
    const reference = session({ kernels: 'plain' });
    switched.runSteps(40);
    switched.updateSettings({ ...switched.currentSettings, kernels: 'plain' });
    switched.runSteps(40);
    switched.updateSettings({ ...switched.currentSettings, kernels: 'fused' });
    switched.runSteps(40);
    reference.runSteps(120);
    const a = await switched.evaluate(false);
    const b = await reference.evaluate(false);
    expect(a.evaluation.step).toBe(120);
    expect(relativeError(a.snapshot.theta, b.snapshot.theta)).toBeLessThan(1e-5);
    switched.dispose();
    reference.dispose();
  });

  it('memory stays flat over 10,000 fused steps', async () => {
    const s = session({ kernels: 'fused', optimizer: 'adam' });
    s.runSteps(10, true);
    await s.evaluate(true);
    const after = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      s.runSteps(1000, i % 3 === 0);
      await s.evaluate(i % 2 === 0);
    }
    expect(tf.memory().numTensors).toBe(after);
    expect((await s.evaluate(false)).evaluation.step).toBe(10_010);
    s.dispose();
  });
});
