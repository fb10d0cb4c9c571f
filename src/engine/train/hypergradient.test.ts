/**
 * SGD-HD and Adam-HD (Baydin, Cornish, Martínez Rubio, Schmidt & Wood, "Online Learning Rate Adaptation with
 * Hypergradient Descent", ICLR 2018, §2 and its SGD-HD and Adam-HD algorithms) against a float64 reference
 * written here from the paper, on least squares with four minibatches taken in turn: the rate α used by every one
 * of 30 steps agrees to 1e-5 relative, and θ after each step to 1e-5 of its norm (a weight crosses 0 on the way,
 * where an elementwise relative error means nothing). Then snapshot, restore and copy carry α bit for bit.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ADAM_BETA2, ADAM_EPSILON, FlatOptimizer } from './optimizers';

/** Four minibatches of (x, y): f_k(θ) = ½·mean over the rows of (x·θ − y)². */
const BATCHES: { x: number[][]; y: number[] }[] = [
  { x: [[1, 0.5, -0.3], [0.2, -1, 0.7]], y: [0.8, -0.4] },
  { x: [[-0.6, 0.9, 0.1], [1.2, 0.3, -0.8]], y: [0.1, 1.1] },
  { x: [[0.4, -0.2, 1], [-1, 0.6, 0.5]], y: [-0.7, 0.3] },
  { x: [[0.9, 0.9, -0.5], [0.3, -0.4, -1.1]], y: [0.6, -0.9] },
];
const THETA0 = [0.3, -0.7, 0.5];
const STEPS = 30;

/** ∇f_k(θ) = mean over rows of (x·θ − y)·x, in float64. */
function gradient64(theta: readonly number[], step: number): number[] {
  const { x, y } = BATCHES[step % BATCHES.length];
  return theta.map((_, j) => x.reduce((sum, row, r) => sum + (row.reduce((a, v, i) => a + v * theta[i], 0) - y[r]) * row[j], 0) / x.length);
}

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, v, i) => sum + v * b[i], 0);

/**
 * The paper's algorithms in float64, as written there: ∇_α u_0 = 0, then per step t = 1, 2, …
 * g_t = ∇f(θ_{t−1}); h_t = g_t·∇_α u_{t−1}; α_t = α_{t−1} − β h_t; the update u_t with α_t.
 * SGD-HD: u_t = −α_t g_t, ∇_α u_t = −g_t. Adam-HD: u_t = −α_t m̂_t/(√v̂_t + ε), ∇_α u_t = −m̂_t/(√v̂_t + ε).
 */
function reference(kind: 'sgd-hd' | 'adam-hd', alpha0: number, beta: number, beta1: number): { thetas: number[][]; alphas: number[] } {
  let theta = [...THETA0];
  let alpha = alpha0;
  let du = theta.map(() => 0); // ∇_α u_{t−1}
  let m = theta.map(() => 0);
  let v = theta.map(() => 0);
  const thetas: number[][] = [];
  const alphas: number[] = [];
  for (let t = 1; t <= STEPS; t++) {
    const g = gradient64(theta, t - 1);
    alpha -= beta * dot(g, du);
    if (kind === 'sgd-hd') {
      theta = theta.map((w, i) => w - alpha * g[i]);
      du = g.map((gi) => -gi);
    } else {
      m = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
      v = v.map((vi, i) => ADAM_BETA2 * vi + (1 - ADAM_BETA2) * g[i] * g[i]);
      const direction = m.map((mi, i) => mi / (1 - beta1 ** t) / (Math.sqrt(v[i] / (1 - ADAM_BETA2 ** t)) + ADAM_EPSILON));
      theta = theta.map((w, i) => w - alpha * direction[i]);
      du = direction.map((d) => -d);
    }
    thetas.push(theta);
    alphas.push(alpha);
  }
  return { thetas, alphas };
}

/** The same problem on FlatOptimizer: the gradient from its own float32 θ each step; θ and α read after each. */
async function flat(optimizer: FlatOptimizer, theta: tf.Variable<tf.Rank.R1>, from: number, steps: number, hyper: { learningRate: number; momentum: number; hypergradientRate: number }) {
  const thetas: number[][] = [];
  const alphas: number[] = [];
  for (let s = from; s < from + steps; s++) {
    const g = tf.tensor1d(gradient64(Array.from(await theta.data()), s));
    optimizer.apply(theta, g, hyper);
    g.dispose();
    thetas.push(Array.from(await theta.data()));
    alphas.push((await (optimizer.adaptedRate as tf.Tensor1D).data())[0]);
  }
  return { thetas, alphas };
}

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

describe('hypergradient descent against the paper in float64', () => {
  it.each([
    ['sgd-hd', 0.05, 0.02, 0],
    ['adam-hd', 0.01, 0.001, 0.9],
  ] as const)('%s: θ and the rate of each of 30 steps within 1e-5', async (kind, alpha0, beta, beta1) => {
    const expected = reference(kind, alpha0, beta, beta1);
    const theta = tf.variable(tf.tensor1d(THETA0));
    const optimizer = new FlatOptimizer(kind, THETA0.length);
    // The learning rate given after the first step is not used: α is the optimizer's own from then on.
    const first = await flat(optimizer, theta, 0, 1, { learningRate: alpha0, momentum: beta1, hypergradientRate: beta });
    const rest = await flat(optimizer, theta, 1, STEPS - 1, { learningRate: 123, momentum: beta1, hypergradientRate: beta });
    const thetas = [...first.thetas, ...rest.thetas];
    const alphas = [...first.alphas, ...rest.alphas];
    // The first step uses α₀ (h₁ = 0), and the rate moves well away from it, so the update of α is exercised.
    expect(alphas[0]).toBe(Math.fround(alpha0));
    expect(relative(alphas[STEPS - 1], alpha0)).toBeGreaterThan(0.2);
    alphas.forEach((a, s) => expect(relative(a, expected.alphas[s]), `α at step ${s + 1}`).toBeLessThan(1e-5));
    thetas.forEach((row, s) => {
      const want = expected.thetas[s];
      expect(norm(row.map((w, i) => w - want[i])) / norm(want), `θ at step ${s + 1}`).toBeLessThan(1e-5);
    });
    theta.dispose();
    optimizer.dispose();
  });

  it.each(['sgd-hd', 'adam-hd'] as const)('%s throws without β rather than ignoring it', (kind) => {
    const theta = tf.variable(tf.tensor1d(THETA0));
    const optimizer = new FlatOptimizer(kind, 3);
    expect(() => optimizer.apply(theta, tf.tensor1d([1, 1, 1]), { learningRate: 0.1, momentum: 0.9 })).toThrow(/hypergradient rate/);
    theta.dispose();
    optimizer.dispose();
  });
});

describe('hypergradient state in snapshots and copies', () => {
  const hyper = { learningRate: 0.02, momentum: 0.9, hypergradientRate: 0.002 };

  it.each(['sgd-hd', 'adam-hd'] as const)('%s: a restored snapshot and a copy continue bit for bit', async (kind) => {
    const theta = tf.variable(tf.tensor1d(THETA0));
    const optimizer = new FlatOptimizer(kind, 3);
    await flat(optimizer, theta, 0, 7, hyper);
    const snapshot = await optimizer.snapshot();
    const thetaAt7 = Array.from(await theta.data());
    expect(snapshot.rate).not.toBeNull();
    expect(snapshot.rate).not.toBe(Math.fround(hyper.learningRate));

    const twin = optimizer.copy();
    const twinTheta = tf.variable(tf.tensor1d(thetaAt7));
    const original = await flat(optimizer, theta, 7, 9, hyper);
    const copied = await flat(twin, twinTheta, 7, 9, hyper);

    const restored = new FlatOptimizer(kind, 3);
    restored.restore(snapshot);
    const restoredTheta = tf.variable(tf.tensor1d(thetaAt7));
    const again = await flat(restored, restoredTheta, 7, 9, hyper);

    expect(copied).toEqual(original);
    expect(again).toEqual(original);
    expect(new Set(original.alphas).size).toBe(9);
    [theta, twinTheta, restoredTheta].forEach((t) => t.dispose());
    [optimizer, twin, restored].forEach((o) => o.dispose());
  });
});
