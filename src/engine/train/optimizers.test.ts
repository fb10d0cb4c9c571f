import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ADAM_BETA2, ADAM_EPSILON, FlatOptimizer, RMSPROP_DECAY, RMSPROP_EPSILON, type OptimizerKind } from './optimizers';

const THETA0 = [1, -2];
const GRADIENTS = [
  [0.5, -1],
  [0.25, 0.5],
  [-0.75, 0.125],
];

async function run(kind: OptimizerKind, lr: number, momentum: number, steps: number): Promise<number[]> {
  const theta = tf.variable(tf.tensor1d(THETA0));
  const optimizer = new FlatOptimizer(kind, 2);
  for (let s = 0; s < steps; s++) optimizer.apply(theta, tf.tensor1d(GRADIENTS[s]), { learningRate: lr, momentum });
  const result = Array.from(await theta.data());
  theta.dispose();
  optimizer.dispose();
  return result;
}

/** The textbook rules, written out in float64 exactly as the papers state them (no ε̂ rewriting). */
function textbook(kind: OptimizerKind, lr: number, mu: number, steps: number): number[] {
  return THETA0.map((theta0, i) => {
    let theta = theta0;
    let v = 0;
    let m = 0;
    for (let s = 0; s < steps; s++) {
      const g = GRADIENTS[s][i];
      const t = s + 1;
      if (kind === 'sgd') theta -= lr * g;
      if (kind === 'momentum') {
        v = mu * v + g;
        theta -= lr * v;
      }
      if (kind === 'nesterov') {
        v = mu * v + g;
        theta -= lr * (g + mu * v);
      }
      if (kind === 'rmsprop') {
        v = RMSPROP_DECAY * v + (1 - RMSPROP_DECAY) * g * g;
        theta -= (lr * g) / (Math.sqrt(v) + RMSPROP_EPSILON);
      }
      if (kind === 'adam') {
        m = mu * m + (1 - mu) * g;
        v = ADAM_BETA2 * v + (1 - ADAM_BETA2) * g * g;
        const mHat = m / (1 - mu ** t);
        const vHat = v / (1 - ADAM_BETA2 ** t);
        theta -= (lr * mHat) / (Math.sqrt(vHat) + ADAM_EPSILON);
      }
    }
    return theta;
  });
}

describe('optimizers', () => {
  // First steps worked out by hand with η = 0.1, μ = 0.9, θ₀ = (1, −2), g₁ = (0.5, −1).
  it.each([
    ['sgd', [0.95, -1.9]], // θ − ηg
    ['momentum', [0.95, -1.9]], // v = g, θ − ηv
    ['nesterov', [0.905, -1.81]], // θ − η(1 + μ)g
    ['adam', [0.9, -1.9]], // m̂ = g, v̂ = g²: θ − η·g/|g|
    ['rmsprop', [1 - 0.1 / Math.sqrt(0.1), -2 + 0.1 / Math.sqrt(0.1)]], // v = 0.1g²: θ − η·sign(g)/√0.1
  ] as const)('%s: first step matches the hand computation', async (kind, expected) => {
    const result = await run(kind, 0.1, 0.9, 1);
    expect(result[0]).toBeCloseTo(expected[0], 6);
    expect(result[1]).toBeCloseTo(expected[1], 6);
  });

  it.each(['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop'] as const)(
    '%s: three steps match the textbook rule to 1e-6',
    async (kind) => {
      const result = await run(kind, 0.05, 0.8, 3);
      const expected = textbook(kind, 0.05, 0.8, 3);
      result.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(1e-6));
    },
  );

  it('uses the learning rate and momentum given on each call', async () => {
    const theta = tf.variable(tf.tensor1d([0]));
    const optimizer = new FlatOptimizer('momentum', 1);
    optimizer.apply(theta, tf.tensor1d([1]), { learningRate: 0.1, momentum: 0.9 }); // v=1, θ=−0.1
    optimizer.apply(theta, tf.tensor1d([1]), { learningRate: 1, momentum: 0.5 }); // v=1.5, θ=−1.6
    expect((await theta.data())[0]).toBeCloseTo(-1.6, 6);
  });

  it('snapshot and restore bring back the slots and the step count', async () => {
    const theta = tf.variable(tf.tensor1d([1, 2]));
    const optimizer = new FlatOptimizer('adam', 2);
    optimizer.apply(theta, tf.tensor1d([0.1, 0.2]), { learningRate: 0.01, momentum: 0.9 });
    const snapshot = await optimizer.snapshot();
    const thetaBefore = Array.from(await theta.data());
    optimizer.apply(theta, tf.tensor1d([0.3, -0.2]), { learningRate: 0.01, momentum: 0.9 });
    const afterOnce = Array.from(await theta.data());
    optimizer.restore(snapshot);
    theta.assign(tf.tensor1d(thetaBefore));
    optimizer.apply(theta, tf.tensor1d([0.3, -0.2]), { learningRate: 0.01, momentum: 0.9 });
    expect(Array.from(await theta.data())).toEqual(afterOnce);
  });
});
