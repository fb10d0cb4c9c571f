/**
 * Backprop's step against a float64 reference that shares none of its code: the gradient of the mean loss
 * (model/losses.ts, written out again in test/mlp64.ts) by central differences in float64, then plain SGD,
 * θ ← θ − η∇L (Rumelhart, Hinton and Williams, Nature 323, 1986: the gradient the backward pass must give).
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../engine/model/activations';
import type { LossKind } from '../../engine/model/losses';
import { initialParameters, networkLayout, weightMask, type NetworkLayout } from '../../engine/model/mlp';
import { FlatOptimizer } from '../../engine/train/optimizers';
import { logits64, meanLoss64 } from '../../test/mlp64';
import { plainSgdHyper } from '../../test/stepHyper';
import { backpropAlgorithm } from './step';

const BATCH = 6;
const RATE = 0.2;
const STEPS = 3;

const hyper = plainSgdHyper(RATE);

interface Case {
  hidden: Activation[];
  loss: LossKind;
  outputs: number;
}

const CASES: Case[] = [
  { hidden: ['tanh', 'tanh'], loss: 'sigmoid-cross-entropy', outputs: 1 },
  { hidden: ['sigmoid', 'tanh'], loss: 'squared-error', outputs: 2 },
  { hidden: ['tanh', 'sigmoid'], loss: 'softmax-cross-entropy', outputs: 3 },
];

function problem({ hidden, loss, outputs }: Case) {
  const layout = networkLayout(2, [5, 4], hidden, outputs);
  const theta0 = initialParameters(layout, 'glorot', 5);
  const x = Array.from({ length: BATCH * 2 }, (_, i) => Math.sin(1.3 * i + 0.2));
  const t = Array.from({ length: BATCH * outputs }, (_, i) => {
    if (loss === 'squared-error') return Math.cos(0.7 * i);
    if (loss === 'softmax-cross-entropy') return i % outputs === Math.floor(i / outputs) % outputs ? 1 : 0;
    return i % 2;
  });
  return { layout, theta0, x, t };
}

/** `STEPS` backprop SGD steps on one minibatch, in float32 TF.js: θ after them. */
async function backpropSteps(layout: NetworkLayout, loss: LossKind, theta0: Float32Array, x: number[], t: number[]): Promise<Float32Array> {
  const theta = tf.variable(tf.tensor1d(theta0));
  const optimizer = new FlatOptimizer('sgd', layout.parameterCount);
  const mask = tf.tensor1d(weightMask(layout));
  const inputs = tf.tensor2d(x, [BATCH, 2]);
  const targets = tf.tensor2d(t, [BATCH, t.length / BATCH]);
  for (let s = 0; s < STEPS; s++) {
    tf.tidy(() => {
      backpropAlgorithm.step({ inputs, targets }, { theta, layout, lossKind: loss, optimizer, weightMask: mask, state: null }, hyper, false);
    });
  }
  const values = new Float32Array(await theta.data());
  tf.dispose([theta, mask, inputs, targets]);
  optimizer.dispose();
  return values;
}

/** The same steps in float64: each gradient component by central differences of the mean loss. */
function referenceSteps(layout: NetworkLayout, loss: LossKind, theta0: Float32Array, x: number[], t: number[]): Float64Array {
  const theta = Float64Array.from(theta0);
  const lossAt = (values: Float64Array): number => meanLoss64(logits64(values, layout, x, BATCH), t, loss).loss;
  const h = 1e-6;
  for (let s = 0; s < STEPS; s++) {
    const gradient = theta.map((_, i) => {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[i] += h;
      minus[i] -= h;
      return (lossAt(plus) - lossAt(minus)) / (2 * h);
    });
    gradient.forEach((g, i) => (theta[i] -= RATE * g));
  }
  return theta;
}

describe('backprop', () => {
  for (const c of CASES) {
    it(`matches a float64 finite-difference reference over ${STEPS} SGD steps: ${c.hidden.join('·')} hidden, ${c.loss}`, async () => {
      const { layout, theta0, x, t } = problem(c);
      const got = await backpropSteps(layout, c.loss, theta0, x, t);
      const want = referenceSteps(layout, c.loss, theta0, x, t);
      const moved = want.reduce((worst, v, i) => Math.max(worst, Math.abs(v - theta0[i])), 0);
      expect(moved).toBeGreaterThan(1e-3);
      got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(want[i]))));
    });
  }
});
