/**
 * Backprop's fused CPU kernel (cpuTrainSteps.ts) against its plain TF.js step (./step.ts), from the
 * same θ, batches, rates and momenta: θ, the optimizer's slots and the minibatch losses after 1 and 100 steps, over
 * the cases below (activations × losses × optimizers, L1 and L2, real-data shapes); Adam without its bias
 * correction fails it.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lossValue, type LossKind } from '../../engine/model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, weightMask, type NetworkLayout } from '../../engine/model/mlp';
import { ACTIVATIONS, FUSED_OPTIMIZERS, type Activation, type Regularization } from '../../engine/names';
import { createRandom } from '../../engine/random';
import { backpropAlgorithm } from './step';
import { FlatOptimizer, type OptimizerKind } from '../../engine/train/optimizers';
import { trainStepsCpu } from './cpuTrainSteps';
import { relativeError } from '../../test/parity';
import type { FusedSchedule } from '../../engine/fused/fusedProblem';

const BATCH = 8;
const ROWS = 40;

interface Case {
  activation: Activation;
  lossKind: LossKind;
  optimizer: OptimizerKind;
  regularization: Regularization;
  /** Real-data shapes: wide, partly zero inputs (as image pixels), many outputs, batches over one matMul block. */
  shape?: { inputs: number; hidden: number[]; outputs: number; batch: number; rows: number };
}

const TEACHING_SHAPE = { inputs: 2, hidden: [6, 5], outputs: 1, batch: BATCH, rows: ROWS };
const shapeOf = (c: Case) => c.shape ?? (c.lossKind === 'softmax-cross-entropy' ? { ...TEACHING_SHAPE, outputs: 3 } : TEACHING_SHAPE);

/** Inputs in [−1, 1] (a third of them exactly 0 on wide inputs); 0/1, one-hot or real targets as the loss needs. */
function problemData(layout: NetworkLayout, lossKind: LossKind, seed: number, rows = ROWS): { inputs: Float32Array; targets: Float32Array } {
  const random = createRandom(seed);
  const width = layout.layers[0].inputSize;
  const outputs = layout.layers[layout.layers.length - 1].outputSize;
  const inputs = Float32Array.from({ length: rows * width }, () => (width > 2 && random.next() < 1 / 3 ? 0 : random.uniform(-1, 1)));
  const targets = new Float32Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    if (lossKind === 'softmax-cross-entropy') targets[r * outputs + Math.floor(random.next() * outputs)] = 1;
    else for (let j = 0; j < outputs; j++) targets[r * outputs + j] = lossKind === 'squared-error' ? random.uniform(-1, 1) : random.next() < 0.5 ? 0 : 1;
  }
  return { inputs, targets };
}

/** Steps with a rate and momentum that change every step, as a cyclical schedule's do. */
function schedule(steps: number, seed: number, optimizer: OptimizerKind, batch = BATCH, rows = ROWS): FusedSchedule {
  const random = createRandom(seed);
  const base = optimizer === 'sgd' || optimizer === 'momentum' || optimizer === 'nesterov' ? 0.1 : 0.01;
  return {
    batchSize: batch,
    rows: Int32Array.from({ length: steps * batch }, () => Math.floor(random.next() * rows)),
    learningRates: Float32Array.from({ length: steps }, (_, s) => base * (1 + 0.5 * Math.sin(s / 7))),
    momenta: Float32Array.from({ length: steps }, (_, s) => 0.85 + 0.1 * Math.cos(s / 5)),
  };
}

/** The reference: the plain TF.js path, step by step, on the same batches. */
async function plainPath(layout: NetworkLayout, c: Case, theta0: Float32Array, data: { inputs: Float32Array; targets: Float32Array }, plan: FusedSchedule) {
  const theta = tf.variable(tf.tensor1d(theta0));
  const optimizer = new FlatOptimizer(c.optimizer, layout.parameterCount);
  const mask = tf.tensor1d(weightMask(layout));
  const context = { theta, layout, lossKind: c.lossKind, optimizer, weightMask: mask };
  const losses: number[] = [];
  const B = plan.batchSize;
  const width = layout.layers[0].inputSize;
  const outputs = layout.layers[layout.layers.length - 1].outputSize;
  for (let s = 0; s < plan.learningRates.length; s++) {
    const rows = Array.from(plan.rows.subarray(s * B, (s + 1) * B));
    const loss = tf.tidy(() => {
      const batch = {
        inputs: tf.tensor2d(rows.flatMap((r) => Array.from(data.inputs.subarray(r * width, (r + 1) * width))), [B, width]),
        targets: tf.tensor2d(rows.flatMap((r) => Array.from(data.targets.subarray(r * outputs, (r + 1) * outputs))), [B, outputs]),
      };
      const before = lossValue(forward(unpackParameters(theta, layout), layout, batch.inputs).output, batch.targets, c.lossKind);
      const hyper = {
        learningRate: plan.learningRates[s],
        momentum: plan.momenta[s],
        regularization: c.regularization,
        regularizationRate: 0.01,
        targetGamma: 1,
        settings: {},
      };
      backpropAlgorithm.step(batch, context, hyper, false);
      return before;
    });
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  const result = { theta: new Float32Array(await theta.data()), slots: await Promise.all(optimizer.slots.map(async (v) => new Float32Array(await v.data()))), losses };
  theta.dispose();
  optimizer.dispose();
  mask.dispose();
  return result;
}

const cases: Case[] = [];
for (const activation of ACTIVATIONS) {
  for (const lossKind of ['sigmoid-cross-entropy', 'squared-error'] as const) {
    for (const optimizer of [...FUSED_OPTIMIZERS, 'rmsprop-tf1'] as OptimizerKind[]) {
      cases.push({ activation, lossKind, optimizer, regularization: 'none' });
    }
  }
}
for (const regularization of ['l1', 'l2'] as const) {
  for (const optimizer of ['sgd', 'adam'] as OptimizerKind[]) cases.push({ activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer, regularization });
}
// The softmax output (3 classes), and real-data shapes: 64 partly-zero inputs, 10 classes or 64 reconstructed outputs, batch 60.
for (const activation of ACTIVATIONS) {
  for (const optimizer of ['sgd', 'adam', 'rmsprop-tf1'] as OptimizerKind[]) cases.push({ activation, lossKind: 'softmax-cross-entropy', optimizer, regularization: 'none' });
}
const WIDE = { inputs: 64, hidden: [40, 16], batch: 60, rows: 200 };
cases.push({ activation: 'relu', lossKind: 'softmax-cross-entropy', optimizer: 'adam', regularization: 'l2', shape: { ...WIDE, outputs: 10 } });
cases.push({ activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer: 'rmsprop', regularization: 'none', shape: { ...WIDE, outputs: 64 } });

describe('fused CPU training steps against the plain TF.js path', () => {
  it.each(cases.map((c) => [`${c.activation} · ${c.lossKind} · ${c.optimizer} · ${c.regularization}`, c] as const))('%s: θ, slots and losses agree after 1 and 100 steps to 1e-5', async (_name, c) => {
    const shape = shapeOf(c);
    const layout = networkLayout(shape.inputs, shape.hidden, shape.hidden.map(() => c.activation), shape.outputs);
    const theta0 = initialParameters(layout, c.activation === 'relu' ? 'he' : 'glorot', 5);
    const data = problemData(layout, c.lossKind, 9, shape.rows);
    for (const steps of [1, 100]) {
      const plan = schedule(steps, 13, c.optimizer, shape.batch, shape.rows);
      const reference = await plainPath(layout, c, theta0, data, plan);
      const reference0 = new FlatOptimizer(c.optimizer, layout.parameterCount);
      const slots = await Promise.all(reference0.slots.map(async (v) => new Float32Array(await v.data())));
      reference0.dispose();
      const state = { theta: theta0.slice(), slots, stepCount: 0, beta1Product: 1 };
      const losses = trainStepsCpu({ layout, lossKind: c.lossKind, regularization: c.regularization, regularizationRate: 0.01, optimizer: c.optimizer }, state, data, plan);
      expect(relativeError(state.theta, reference.theta)).toBeLessThan(1e-5);
      state.slots.forEach((slot, i) => expect(relativeError(slot, reference.slots[i])).toBeLessThan(1e-5));
      expect(relativeError(losses, reference.losses)).toBeLessThan(1e-5);
      expect(state.stepCount).toBe(steps);
    }
  });

  it('a broken rule fails parity (the test can fail): Adam without its bias correction', async () => {
    const c: Case = { activation: 'tanh', lossKind: 'sigmoid-cross-entropy', optimizer: 'adam', regularization: 'none' };
    const layout = networkLayout(2, [6, 5], ['tanh', 'tanh'], 1);
    const theta0 = initialParameters(layout, 'glorot', 5);
    const data = problemData(layout, c.lossKind, 9);
    const plan = schedule(5, 13, 'adam');
    const reference = await plainPath(layout, c, theta0, data, plan);
    // beta1Product starting at 0 makes 1 − Πβ₁ = 1: the first moment is no longer corrected.
    const state = { theta: theta0.slice(), slots: [new Float32Array(theta0.length), new Float32Array(theta0.length)], stepCount: 0, beta1Product: 0 };
    trainStepsCpu({ layout, lossKind: c.lossKind, regularization: 'none', regularizationRate: 0, optimizer: 'adam' }, state, data, plan);
    expect(relativeError(state.theta, reference.theta)).toBeGreaterThan(1e-3);
  });
});
