/**
 * Feedback alignment (Lillicrap et al., Nature Communications 2016) against a float64 reference written
 * here from the paper's rule, δ_{m−1} = (δ_m B_m) ⊙ f'(A_{m−1}), W_m ← W_m − η X_mᵀδ_m; and its feedback
 * matrices: drawn from the run's seed, kept through a snapshot and a restore.
 */
import '../../test/setupTf';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fromFlat, multiply, transpose, type Matrix } from '../../test/matrix64';
import { plainSgdHyper } from '../../test/stepHyper';
import { initialParameters, networkLayout, weightMask, type NetworkLayout } from '../../engine/model/mlp';
import { FlatOptimizer } from '../../engine/train/optimizers';
import type { AlgorithmState, StepDiagnostics } from '../../engine/train/algorithm';
import { unpackDiagnostics } from '../../engine/train/diagnostics';
import { defaultConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData } from '../../engine/session';
import { backpropAlgorithm } from '../backprop/step';
import { feedbackAlignmentAlgorithm } from './step';

const BATCH = 6;
const RATE = 0.3;

const hyper = plainSgdHyper(RATE);

function problem() {
  const layout = networkLayout(2, [5, 4], ['tanh', 'tanh'], 1);
  const theta0 = initialParameters(layout, 'glorot', 11);
  layout.layers.forEach((l, m) => {
    for (let j = 0; j < l.outputSize; j++) theta0[l.biasOffset + j] = 0.05 * (j + 1) * (m % 2 === 0 ? 1 : -1);
  });
  const x = Array.from({ length: BATCH * 2 }, (_, i) => Math.sin(1.7 * i + 0.3));
  const t = [1, 0, 0, 1, 1, 0];
  const state = feedbackAlignmentAlgorithm.createState?.({ layout, init: 'glorot', seed: 99 });
  if (!state) throw new Error('feedback alignment must keep a state');
  return { layout, theta0, x, t, state };
}

/** `steps` SGD steps of the algorithm on the same minibatch, in float32 TF.js; θ after them. */
async function runSteps(algorithm: typeof backpropAlgorithm, layout: NetworkLayout, theta0: Float32Array, x: number[], t: number[], state: AlgorithmState | null, steps: number): Promise<Float32Array> {
  const theta = tf.variable(tf.tensor1d(theta0));
  const optimizer = new FlatOptimizer('sgd', layout.parameterCount);
  const mask = tf.tensor1d(weightMask(layout));
  const inputs = tf.tensor2d(x, [BATCH, 2]);
  const targets = tf.tensor2d(t, [BATCH, 1]);
  for (let s = 0; s < steps; s++) {
    tf.tidy(() => {
      algorithm.step({ inputs, targets }, { theta, layout, lossKind: 'sigmoid-cross-entropy', optimizer, weightMask: mask, state }, hyper, false);
    });
  }
  const values = await theta.data();
  tf.dispose([theta, mask, inputs, targets]);
  optimizer.dispose();
  return new Float32Array(values);
}

/** The same steps in float64, from the paper's rule, with the feedback matrices B_mᵀ (in×out) given. */
function referenceSteps(layout: NetworkLayout, theta0: Float32Array, x: number[], t: number[], feedback: Float32Array, steps: number): Float64Array {
  const theta = Float64Array.from(theta0);
  const X: Matrix = fromFlat(x, BATCH, 2);
  for (let s = 0; s < steps; s++) {
    const weights = layout.layers.map((l) => fromFlat(theta.subarray(l.weightOffset, l.biasOffset), l.inputSize, l.outputSize));
    const biases = layout.layers.map((l) => Array.from(theta.subarray(l.biasOffset, l.biasOffset + l.outputSize)));
    const inputs: Matrix[] = [];
    const outputs: Matrix[] = [];
    let h = X;
    layout.layers.forEach((_, m) => {
      inputs.push(h);
      const a = multiply(h, weights[m]).map((row) => row.map((v, j) => v + biases[m][j]));
      const last = m === layout.layers.length - 1;
      h = a.map((row) => row.map((v) => (last ? 1 / (1 + Math.exp(-v)) : Math.tanh(v))));
      outputs.push(h);
    });
    let delta: Matrix = h.map((row, i) => row.map((y) => (y - t[i]) / BATCH));
    for (let m = layout.layers.length - 1; m >= 0; m--) {
      const l = layout.layers[m];
      const gradW = multiply(transpose(inputs[m]), delta);
      for (let i = 0; i < l.inputSize; i++) for (let j = 0; j < l.outputSize; j++) theta[l.weightOffset + i * l.outputSize + j] -= RATE * gradW[i][j];
      for (let j = 0; j < l.outputSize; j++) theta[l.biasOffset + j] -= RATE * delta.reduce((sum, row) => sum + row[j], 0);
      if (m > 0) {
        const b = fromFlat(feedback.subarray(l.weightOffset, l.biasOffset), l.inputSize, l.outputSize);
        const back = multiply(delta, transpose(b));
        delta = back.map((row, i) => row.map((v, j) => v * (1 - outputs[m - 1][i][j] ** 2)));
      }
    }
  }
  return theta;
}

describe('feedback alignment', () => {
  it('matches a float64 reference of the paper’s rule over three SGD steps', async () => {
    const { layout, theta0, x, t, state } = problem();
    const got = await runSteps(feedbackAlignmentAlgorithm, layout, theta0, x, t, state, 3);
    const want = referenceSteps(layout, theta0, x, t, state.values[0], 3);
    const moved = want.reduce((worst, v, i) => Math.max(worst, Math.abs(v - theta0[i])), 0);
    expect(moved).toBeGreaterThan(1e-3);
    got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(want[i]))));
  });

  it('differs from backprop in the hidden layers only, where the error travels back through B', async () => {
    const { layout, theta0, x, t, state } = problem();
    const aligned = await runSteps(feedbackAlignmentAlgorithm, layout, theta0, x, t, state, 1);
    const backprop = await runSteps(backpropAlgorithm, layout, theta0, x, t, null, 1);
    const output = layout.layers[layout.layers.length - 1];
    for (let i = output.weightOffset; i < layout.parameterCount; i++) expect(aligned[i]).toBe(backprop[i]);
    const first = layout.layers[0];
    const hiddenDifference = Math.max(...Array.from({ length: first.biasOffset }, (_, i) => Math.abs(aligned[i] - backprop[i])));
    expect(hiddenDifference).toBeGreaterThan(1e-4);
  });

  it('shows the targets feedback alignment implies: T = A − γG with G sent back through B, not Wᵀ (issue 20 §2)', async () => {
    const { layout, theta0, x, t, state } = problem();
    const gamma = 2;
    /** The first hidden layer's sampled block of T − A after one diagnosed step, per algorithm. */
    const targetShift = async (algorithm: typeof backpropAlgorithm, algorithmState: AlgorithmState | null): Promise<number[]> => {
      const theta = tf.variable(tf.tensor1d(theta0));
      const optimizer = new FlatOptimizer('sgd', layout.parameterCount);
      const [mask, inputs, targets] = [tf.tensor1d(weightMask(layout)), tf.tensor2d(x, [BATCH, 2]), tf.tensor2d(t, [BATCH, 1])];
      const side: { diagnostics: StepDiagnostics | null } = { diagnostics: null };
      const values = tf.tidy(() => {
        side.diagnostics = algorithm.step({ inputs, targets }, { theta, layout, lossKind: 'sigmoid-cross-entropy', optimizer, weightMask: mask, state: algorithmState }, { ...hyper, targetGamma: gamma }, true);
        if (!side.diagnostics) throw new Error('a diagnosed step reports its targets');
        return side.diagnostics.values;
      });
      const [first] = unpackDiagnostics(new Float32Array(await values.data()), side.diagnostics?.layout ?? { layers: [] });
      tf.dispose([theta, mask, inputs, targets, values]);
      optimizer.dispose();
      return Array.from(first.target, (v, i) => v - first.activation[i]);
    };
    // The reference in float64 from θ₀ and B (Lillicrap et al. 2016, Methods): δ_M = (ŷ − t)/B, then
    // δ_{m−1} = (δ_m B_mᵀ) ⊙ f′(A_{m−1}) down to the first layer; its target is A₁ − γδ₁.
    const weights = layout.layers.map((l) => fromFlat(theta0.subarray(l.weightOffset, l.biasOffset), l.inputSize, l.outputSize));
    const biases = layout.layers.map((l) => Array.from(theta0.subarray(l.biasOffset, l.biasOffset + l.outputSize)));
    const hidden: Matrix[] = [];
    let h: Matrix = fromFlat(x, BATCH, 2);
    layout.layers.forEach((_, m) => {
      const a = multiply(h, weights[m]).map((row) => row.map((v, j) => v + biases[m][j]));
      h = m === layout.layers.length - 1 ? a.map((row) => row.map((v) => 1 / (1 + Math.exp(-v)))) : a.map((row) => row.map(Math.tanh));
      hidden.push(h);
    });
    let delta: Matrix = h.map((row, i) => row.map((y) => (y - t[i]) / BATCH));
    for (let m = layout.layers.length - 1; m > 0; m--) {
      const l = layout.layers[m];
      const b = fromFlat(state.values[0].subarray(l.weightOffset, l.biasOffset), l.inputSize, l.outputSize);
      delta = multiply(delta, transpose(b)).map((row, i) => row.map((v, j) => v * (1 - hidden[m - 1][i][j] ** 2)));
    }
    // The sampled block: every row of the batch, all 5 units (diagnostics.ts blockShape).
    const want = delta.flatMap((row) => row.map((g) => -gamma * g));
    const aligned = await targetShift(feedbackAlignmentAlgorithm, state);
    expect(aligned).toHaveLength(want.length);
    aligned.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * Math.max(1e-3, Math.abs(want[i])) + 1e-7));
    const backprop = await targetShift(backpropAlgorithm, null);
    const apart = Math.max(...backprop.map((v, i) => Math.abs(v - aligned[i])));
    expect(apart).toBeGreaterThan(1e-3 * Math.max(...want.map(Math.abs)));
  });

  it('draws B from the seed it is given: the same seed twice, another seed otherwise', () => {
    const layout = networkLayout(2, [5, 4], ['tanh', 'tanh'], 1);
    const draw = (seed: number) => feedbackAlignmentAlgorithm.createState?.({ layout, init: 'glorot', seed })?.values[0];
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});

describe('a feedback-alignment run', () => {
  const session = (seed: number) => {
    const config = { ...defaultConfig(), algorithm: 'feedback-alignment' as const, optimizer: 'sgd' as const, learningRate: 0.1, seed };
    return sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
  };

  it('keeps its feedback matrices through a snapshot: a restored run continues bit for bit', async () => {
    const original = session(4);
    original.runSteps(20);
    const snapshot = await original.snapshot();
    expect(snapshot.algorithmState).toHaveLength(1);
    original.runSteps(30);
    const continued = await original.snapshot();

    const restored = session(4);
    restored.runSteps(7);
    restored.restore(snapshot);
    restored.runSteps(30);
    const replayed = await restored.snapshot();
    expect(replayed.theta).toEqual(continued.theta);
    original.dispose();
    restored.dispose();
  });

  it('takes B from the snapshot on a restore, not from its own seed', async () => {
    const other = session(5);
    const foreign = (await other.snapshot()).algorithmState;
    other.dispose();
    const run = session(4);
    const own = (await run.snapshot()).algorithmState;
    expect(foreign[0]).not.toEqual(own[0]);
    run.restore({ ...(await run.snapshot()), algorithmState: foreign });
    expect((await run.snapshot()).algorithmState).toEqual(foreign);
    run.dispose();
  });
});
