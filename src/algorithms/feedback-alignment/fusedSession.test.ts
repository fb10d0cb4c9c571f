/**
 * Feedback alignment on its fused CPU kernel (kernel.ts) against the same session on plain ops (step.ts): θ, the
 * optimizer's slots and the train loss after 1 and 100 steps, over activations × losses × optimizers, a penalty and
 * a cyclical schedule, to 1e-5 relative (backprop's fused parity bound). A kernel that sends the error down through
 * W, as backprop does, instead of the run's B fails it: the test tells the two apart.
 */
import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { ACTIVATIONS } from '../../engine/names';
import { sessionOnGeneratedData, type TrainingSession } from '../../engine/session';
import { relativeError } from '../../test/parity';

function session(overrides: Partial<ExperimentConfig>): TrainingSession {
  const config: ExperimentConfig = { ...defaultConfig(), algorithm: 'feedback-alignment', points: 200, hidden: [6, 5], ...overrides };
  return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
}

const cases: [string, Partial<ExperimentConfig>][] = [
  ...ACTIVATIONS.map((a): [string, Partial<ExperimentConfig>] => [`${a}, sigmoid cross-entropy, Adam`, { activation: [a, a], optimizer: 'adam', learningRate: 0.01 }]),
  ...ACTIVATIONS.map((a): [string, Partial<ExperimentConfig>] => [`${a}, squared error (hills), SGD`, { dataset: 'hills', activation: [a, a], optimizer: 'sgd', learningRate: 0.03 }]),
  ...(['momentum', 'nesterov', 'rmsprop'] as const).map((optimizer): [string, Partial<ExperimentConfig>] => [`tanh, ${optimizer}`, { activation: ['tanh', 'tanh'], optimizer, learningRate: 0.01 }]),
  ['relu and tanh, L1, cyclical schedule, batch 10', { activation: ['relu', 'tanh'], regularization: 'l1', regularizationRate: 0.003, schedule: 'cyclical', learningRate: 0.003, maxLearningRate: 0.05, stepSize: 30, batchSize: 10 }],
  ['tanh, L2, spiral, three layers', { dataset: 'spiral', hidden: [8, 8, 4], activation: ['tanh', 'tanh', 'tanh'], regularization: 'l2', regularizationRate: 0.01 }],
];

async function stateAfter(s: TrainingSession, steps: number): Promise<{ theta: Float32Array; slots: Float32Array[]; trainLoss: number }> {
  s.runSteps(steps);
  const { snapshot, evaluation } = await s.evaluate(false);
  return { theta: snapshot.theta, slots: snapshot.optimizer.slots, trainLoss: evaluation.trainLoss };
}

describe('feedback alignment on its fused CPU kernel', () => {
  it('takes the fused path on the CPU, the plain path when asked', () => {
    const [fused, plain] = [session({ kernels: 'auto' }), session({ kernels: 'plain' })];
    expect([fused.kernelPath, plain.kernelPath]).toEqual(['fused', 'plain']);
    [fused, plain].forEach((s) => s.dispose());
  });

  it.each(cases)('%s: fused and plain agree after 1 and 100 steps to 1e-5 (θ, slots, train loss)', async (_name, overrides) => {
    for (const steps of [1, 100]) {
      const [fused, plain] = [session({ ...overrides, kernels: 'fused' }), session({ ...overrides, kernels: 'plain' })];
      const [a, b] = [await stateAfter(fused, steps), await stateAfter(plain, steps)];
      expect(relativeError(a.theta, b.theta), `θ after ${steps}`).toBeLessThan(1e-5);
      a.slots.forEach((slot, i) => expect(relativeError(slot, b.slots[i]), `slot ${i} after ${steps}`).toBeLessThan(1e-5));
      expect(Math.abs(a.trainLoss - b.trainLoss) / Math.max(1, Math.abs(b.trainLoss))).toBeLessThan(1e-5);
      [fused, plain].forEach((s) => s.dispose());
    }
  });

  it('that comparison tells feedback alignment from backprop\'s kernel (the error sent down through W, not B) from the same start', async () => {
    const overrides: Partial<ExperimentConfig> = { activation: ['tanh', 'tanh'], optimizer: 'adam', learningRate: 0.01 };
    const [backprop, plain] = [session({ ...overrides, algorithm: 'backprop', kernels: 'fused' }), session({ ...overrides, kernels: 'plain' })];
    // The same start: only the backward pass differs.
    expect(Array.from((await backprop.snapshot()).theta)).toEqual(Array.from((await plain.snapshot()).theta));
    const [a, b] = [await stateAfter(backprop, 100), await stateAfter(plain, 100)];
    expect(relativeError(a.theta, b.theta)).toBeGreaterThan(1e-3);
    [backprop, plain].forEach((s) => s.dispose());
  });
});
