/**
 * The LocoProp identities T1–T7 (docs/references.md says each and where it comes from: Amid, Anil & Warmuth,
 * AISTATS 2022, Algorithm 1 and the authors' notebook), on the CPU backend in float32 against float64 or
 * autodiff references.
 */
import '../../test/setupTfGradients';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { add, fromFlat, identity, multiply, scale, solve, transpose, withOnes, type Matrix } from '../../test/matrix64';
import { maxRelativeDifference, randomMatrix, scaledError } from '../../test/tensorTesting';
import { activate, ACTIVATIONS, matchedPotential, multiplyByDerivative, type Activation } from '../../engine/model/activations';
import { lossValue, outputActivationFor, type LossKind } from '../../engine/model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, weightMask, type NetworkLayout } from '../../engine/model/mlp';
import type { StepDiagnostics } from '../../engine/train/algorithm';
import type { LocoPropSettings } from './settings';
import { backpropagate } from '../../engine/train/backprop';
import { unpackDiagnostics } from '../../engine/train/diagnostics';
import { innerRateFactor, locopropAlgorithm, type LocoPropVariant } from './step';
import { applyTransfer, transferPotential } from '../../engine/model/transfer';
import { FlatOptimizer, type OptimizerKind } from '../../engine/train/optimizers';

const B = 8;
const LOSSES: LossKind[] = ['sigmoid-cross-entropy', 'softmax-cross-entropy', 'squared-error'];
/** Classes of the softmax problems' 8 examples (3 classes). */
const CLASSES = [0, 2, 1, 1, 0, 2, 2, 1];

function problem(activation: Activation, loss: LossKind, seed = 3) {
  const outputs = loss === 'softmax-cross-entropy' ? 3 : 1;
  const layout = networkLayout(2, [4, 3], [activation, activation], outputs);
  const theta0 = initialParameters(layout, 'glorot', seed);
  // Non-zero biases so that the bias path is exercised too.
  layout.layers.forEach((l, m) => {
    for (let j = 0; j < l.outputSize; j++) theta0[l.biasOffset + j] = 0.1 * (j + 1) * (m % 2 === 0 ? 1 : -1);
  });
  const x = randomMatrix(B, 2, seed + 1);
  const t =
    loss === 'squared-error'
      ? randomMatrix(B, 1, seed + 2)
      : loss === 'softmax-cross-entropy'
        ? tf.tensor2d(CLASSES.flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))), [B, 3])
        : tf.tensor2d([1, 0, 0, 1, 1, 0, 1, 0], [B, 1]);
  return { layout, theta0, x, t };
}

const settings = (overrides: Partial<LocoPropSettings>): LocoPropSettings => ({
  gamma: 0.7,
  innerSteps: 1,
  innerDecay: false,
  proximalWeight: 0,
  resetInner: false,
  ...overrides,
});

/** One LocoProp outer step from theta0; returns the new θ (and the diagnostics when asked). */
async function locopropStep(
  variant: LocoPropVariant,
  layout: NetworkLayout,
  theta0: Float32Array,
  x: tf.Tensor2D,
  t: tf.Tensor2D,
  loss: LossKind,
  locoprop: LocoPropSettings,
  options: { optimizer?: OptimizerKind; rho?: number; diagnose?: boolean } = {},
): Promise<{ theta: Float32Array; diagnostics: ReturnType<typeof unpackDiagnostics> | null }> {
  const theta = tf.variable(tf.tensor1d(theta0));
  const optimizer = new FlatOptimizer(options.optimizer ?? 'sgd', layout.parameterCount);
  const mask = tf.tensor1d(weightMask(layout));
  let diagnostics: StepDiagnostics | null = null;
  tf.tidy(() => {
    diagnostics = locopropAlgorithm(variant).step(
      { inputs: x, targets: t },
      { theta, layout, lossKind: loss, optimizer, weightMask: mask },
      { learningRate: options.rho ?? 0.5, momentum: 0.9, regularization: 'none', regularizationRate: 0, targetGamma: locoprop.gamma, settings: locoprop },
      options.diagnose ?? false,
    );
    return diagnostics ? [diagnostics.values] : [];
  });
  const result = new Float32Array(await theta.data());
  let unpacked = null;
  if (diagnostics) {
    const { values, layout: diagLayout } = diagnostics as StepDiagnostics;
    unpacked = unpackDiagnostics(new Float32Array(await values.data()), diagLayout);
    values.dispose();
  }
  theta.dispose();
  optimizer.dispose();
  mask.dispose();
  return { theta: result, diagnostics: unpacked };
}

/** ∇θ L by autodiff, the reference for T1. */
function autodiffGradient(layout: NetworkLayout, theta0: Float32Array, x: tf.Tensor2D, t: tf.Tensor2D, loss: LossKind): tf.Tensor {
  return tf.grad((th: tf.Tensor) => lossValue(forward(unpackParameters(th as tf.Tensor1D, layout), layout, x).output, t, loss))(
    tf.tensor1d(theta0),
  );
}

/** Layer m's input X_m and G_m = ∂L/∂A_m at theta0, as float64 matrices. */
async function layerInputsAndGradients(layout: NetworkLayout, theta0: Float32Array, x: tf.Tensor2D, t: tf.Tensor2D, loss: LossKind) {
  const params = unpackParameters(tf.tensor1d(theta0), layout);
  const result = forward(params, layout, x, { outputActivation: outputActivationFor(loss) });
  const { preActivationGradients } = backpropagate(params, layout, result, t);
  return Promise.all(
    layout.layers.map(async (layer, m) => ({
      x: fromFlat(await result.taps.inputs[m].data(), B, layer.inputSize),
      g: fromFlat(await preActivationGradients[m].data(), B, layer.outputSize),
    })),
  );
}

/** Layer m's [W; b] block of a flat θ difference, as an (in+1)×out float64 matrix. */
function layerBlock(layout: NetworkLayout, delta: ArrayLike<number>, m: number): Matrix {
  const l = layout.layers[m];
  const w = fromFlat(Array.from(delta).slice(l.weightOffset, l.biasOffset), l.inputSize, l.outputSize);
  return [...w, Array.from(delta).slice(l.biasOffset, l.biasOffset + l.outputSize)];
}

function maxRelativeError(actual: Matrix, expected: Matrix): number {
  const scaleOf = Math.max(...expected.flat().map(Math.abs));
  return Math.max(...actual.flat().map((v, i) => Math.abs(v - expected.flat()[i]))) / scaleOf;
}

describe('LocoProp identities (T1–T7, docs/references.md)', () => {
  for (const variant of ['S', 'M'] as const) {
    for (const activation of ACTIVATIONS) {
      for (const loss of LOSSES) {
        it(`T1: one inner SGD step with rate ρ is one backprop SGD step with rate ργ (${variant}, ${activation}, ${loss})`, async () => {
          const { layout, theta0, x, t } = problem(activation, loss);
          const rho = 0.5;
          const gamma = 0.7;
          const { theta } = await locopropStep(variant, layout, theta0, x, t, loss, settings({ gamma }), { rho });
          const reference = autodiffGradient(layout, theta0, x, t, loss);
          const implied = tf.div(tf.sub(tf.tensor1d(theta), tf.tensor1d(theta0)), -rho * gamma);
          // max|Δθ/(−ργ) − ∇θL| relative to max|∇θL|.
          expect(await scaledError(implied, reference)).toBeLessThan(1e-5);
          expect(Math.max(...(await reference.data()).map(Math.abs))).toBeGreaterThan(1e-3);
        });
      }
    }
  }

  it.each(ACTIVATIONS.flatMap((a) => LOSSES.map((loss) => [a, loss] as const)))('T2: K steps of LocoProp-S are the truncated Neumann series −ργ Σ (I − ρX̃ᵀX̃)ʲ X̃ᵀG (%s, %s)', async (activation, loss) => {
    const { layout, theta0, x, t } = problem(activation, loss);
    const rho = 0.03;
    const gamma = 0.9;
    const K = 6;
    const { theta } = await locopropStep('S', layout, theta0, x, t, loss, settings({ gamma, innerSteps: K }), { rho });
    const delta = theta.map((v, i) => v - theta0[i]);
    const layers = await layerInputsAndGradients(layout, theta0, x, t, loss);
    layers.forEach(({ x: xm, g }, m) => {
      const xt = withOnes(xm);
      const c = multiply(transpose(xt), xt);
      const step = add(identity(c.length), c, -rho);
      let power = identity(c.length);
      let sum = scale(power, 0);
      for (let j = 0; j < K; j++) {
        sum = add(sum, power);
        power = multiply(power, step);
      }
      const expected = scale(multiply(sum, multiply(transpose(xt), g)), -rho * gamma);
      expect(maxRelativeError(layerBlock(layout, delta, m), expected)).toBeLessThan(1e-4);
    });
  });

  it.each(LOSSES)('T3: LocoProp-S with the proximal term converges to −γ(X̃ᵀX̃ + I/η)⁻¹X̃ᵀG (%s)', async (loss) => {
    const { layout, theta0, x, t } = problem('tanh', loss);
    const gamma = 0.8;
    const proximalWeight = 2; // 1/η
    const { theta } = await locopropStep('S', layout, theta0, x, t, loss, settings({ gamma, innerSteps: 3000, proximalWeight }), {
      rho: 0.02,
    });
    const delta = theta.map((v, i) => v - theta0[i]);
    const layers = await layerInputsAndGradients(layout, theta0, x, t, loss);
    layers.forEach(({ x: xm, g }, m) => {
      const xt = withOnes(xm);
      const regularized = add(multiply(transpose(xt), xt), scale(identity(xt[0].length), proximalWeight));
      const expected = scale(solve(regularized, multiply(transpose(xt), g)), -gamma);
      expect(maxRelativeError(layerBlock(layout, delta, m), expected)).toBeLessThan(1e-4);
    });
  });

  it.each(ACTIVATIONS)('T4: autodiff of the matched loss Σ F(â) − ŷ⊙â is f(â) − ŷ (%s), also for large |â|', async (f) => {
    const a = tf.tensor2d([-40, -3, -0.5, 0, 0.7, 2.5, 40, 0.01], [2, 4]);
    const y = tf.tensor2d([0.2, -0.4, 0.9, 0.5, 0.1, 0.3, 1.5, -0.2], [2, 4]);
    const gradient = tf.grad((h: tf.Tensor) => tf.sum(tf.sub(matchedPotential(h as tf.Tensor2D, f), tf.mul(y, h))))(a);
    expect(await maxRelativeDifference(gradient, tf.sub(activate(a, f), y))).toBeLessThan(1e-6);
    expect(Number.isFinite((await tf.sum(matchedPotential(a, f)).data())[0])).toBe(true);
  });

  it('T4 (softmax): autodiff of Σ logsumexp(â) − ŷ⊙â is softmax(â) − ŷ row by row, also for large |â|', async () => {
    const a = tf.tensor2d([-40, -3, -0.5, 0, 0.7, 2.5, 40, 0.01, 90, -90, 3, 1], [3, 4]);
    const y = tf.tensor2d([0.2, 0.4, 0.3, 0.1, 0, 0, 1, 0, 0.25, 0.25, 0.25, 0.25], [3, 4]);
    // logsumexp gives one value per row: sum it on its own, not broadcast against the B×C product.
    const gradient = tf.grad((h: tf.Tensor) => tf.sub(tf.sum(transferPotential(h as tf.Tensor2D, 'softmax')), tf.sum(tf.mul(y, h))))(a);
    // softmax by hand in float64: e^{a − max} / Σ e^{a − max}, per row.
    const rows = (await a.array()) as number[][];
    const targetRows = (await y.array()) as number[][];
    const expected = rows.map((row, r) => {
      const top = Math.max(...row);
      const e = row.map((v) => Math.exp(v - top));
      const total = e.reduce((sum, v) => sum + v, 0);
      return e.map((v, c) => v / total - targetRows[r][c]);
    });
    expect(await maxRelativeDifference(gradient, tf.tensor2d(expected))).toBeLessThan(1e-6);
    expect(Number.isFinite((await tf.sum(transferPotential(a, 'softmax')).data())[0])).toBe(true);
  });

  it('T5 (softmax): the LocoProp-M target of a softmax + mean cross-entropy output is (1 − γ/B)ŷ + (γ/B)t', async () => {
    const { layout, theta0, x, t } = problem('tanh', 'softmax-cross-entropy');
    const gamma = 3;
    const { diagnostics } = await locopropStep('M', layout, theta0, x, t, 'softmax-cross-entropy', settings({ gamma }), { diagnose: true });
    const output = diagnostics?.[diagnostics.length - 1];
    const labels = await t.data();
    expect(output?.target.length).toBe(B * 3);
    output?.target.forEach((target, i) => {
      expect(target).toBeCloseTo((1 - gamma / B) * output.activation[i] + (gamma / B) * labels[i], 6);
    });
    // The output activations are softmax rows: each sums to 1.
    for (let r = 0; r < B; r++) expect(output!.activation.slice(3 * r, 3 * r + 3).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('T6 (softmax, negative control): an element-wise sigmoid potential on the softmax layer breaks T1', async () => {
    const { layout, theta0, x, t } = problem('tanh', 'softmax-cross-entropy');
    const params = unpackParameters(tf.tensor1d(theta0), layout);
    const result = forward(params, layout, x, { outputActivation: 'softmax', keepPreActivations: true });
    const { preActivationGradients } = backpropagate(params, layout, result, t);
    const last = layout.layers.length - 1;
    const xm = result.taps.inputs[last];
    const a = result.taps.preActivations[last] as tf.Tensor2D;
    const target = tf.sub(result.taps.outputs[last], tf.mul(0.7, preActivationGradients[last]));
    const backpropStep = tf.mul(0.7, tf.matMul(xm, preActivationGradients[last], true, false));
    const matched = tf.matMul(xm, tf.sub(applyTransfer(a, 'softmax'), target), true, false);
    const mismatched = tf.matMul(xm, tf.sub(tf.sigmoid(a), target), true, false);
    expect(await scaledError(matched, backpropStep)).toBeLessThan(1e-5);
    expect(await scaledError(mismatched, backpropStep)).toBeGreaterThan(1e-2);
  });

  it('T5: the LocoProp-M target of a sigmoid + mean cross-entropy output is (1 − γ/B)ŷ + (γ/B)t', async () => {
    const { layout, theta0, x, t } = problem('tanh', 'sigmoid-cross-entropy');
    const gamma = 3;
    const { diagnostics } = await locopropStep('M', layout, theta0, x, t, 'sigmoid-cross-entropy', settings({ gamma }), { diagnose: true });
    const output = diagnostics?.[diagnostics.length - 1];
    const labels = await t.data();
    expect(output?.target.length).toBe(B);
    output?.target.forEach((target, i) => {
      const prediction = output.activation[i];
      expect(target).toBeCloseTo((1 - gamma / B) * prediction + (gamma / B) * labels[i], 6);
    });
  });

  it('T6 (negative control): targets from ∂L/∂Y, or autodiff of ½‖f(Ã) − Ŷ‖², break T1 on a tanh layer', async () => {
    const { layout, theta0, x, t } = problem('tanh', 'sigmoid-cross-entropy');
    const gamma = 0.7;
    // Larger weights saturate the tanh units, where f' is far from 1 and the bugs show most.
    const params = unpackParameters(tf.tensor1d(theta0.map((v) => 3 * v)), layout);
    const result = forward(params, layout, x, { outputActivation: 'sigmoid', keepPreActivations: true });
    const { preActivationGradients } = backpropagate(params, layout, result, t);
    const m = 1; // the second hidden layer (tanh)
    const xm = result.taps.inputs[m];
    const ym = result.taps.outputs[m];
    const dLdY = tf.matMul(preActivationGradients[m + 1], params[m + 1].weights, false, true) as tf.Tensor2D;
    const backpropWeightStep = tf.mul(gamma, tf.matMul(xm, preActivationGradients[m], true, false)); // ργ∇W L / ρ
    // Correct LocoProp-M: target Y − γG, gradient f(Ã) − T at W̃ = W.
    const correct = tf.matMul(xm, tf.sub(ym, tf.sub(ym, tf.mul(gamma, preActivationGradients[m]))), true, false);
    // Bug 1: target built from ∂L/∂Y instead of ∂L/∂A.
    const wrongTarget = tf.matMul(xm, tf.sub(ym, tf.sub(ym, tf.mul(gamma, dLdY))), true, false);
    // Bug 2: squared loss on outputs, whose autodiff adds a factor f'(Ã).
    const squared = tf.matMul(xm, multiplyByDerivative(tf.mul(gamma, preActivationGradients[m]) as tf.Tensor2D, ym, 'tanh'), true, false);
    expect(await scaledError(correct, backpropWeightStep)).toBeLessThan(1e-5);
    // Both bugs miss T1's 1e-5 by two orders of magnitude or more.
    expect(await scaledError(wrongTarget, backpropWeightStep)).toBeGreaterThan(1e-3);
    expect(await scaledError(squared, backpropWeightStep)).toBeGreaterThan(1e-3);
  });

  for (const variant of ['S', 'M'] as const) {
    it.each([1, 5, 20])(`T7: γ = 0 with inner SGD leaves the weights unchanged (${variant}, K = %i)`, async (K) => {
      for (const activation of ACTIVATIONS) {
        for (const loss of ['sigmoid-cross-entropy', 'softmax-cross-entropy'] as const) {
          const { layout, theta0, x, t } = problem(activation, loss);
          const { theta } = await locopropStep(variant, layout, theta0, x, t, loss, settings({ gamma: 0, innerSteps: K }));
          const change = Math.max(...theta.map((v, i) => Math.abs(v - theta0[i])));
          expect(change).toBeLessThan(1e-7);
        }
      }
    });
  }
});

describe('LocoProp mechanics', () => {
  it('reports one decreasing local-loss curve of K + 1 points per layer, starting at 0', async () => {
    const { layout, theta0, x, t } = problem('tanh', 'sigmoid-cross-entropy');
    const { diagnostics } = await locopropStep('M', layout, theta0, x, t, 'sigmoid-cross-entropy', settings({ gamma: 2, innerSteps: 5 }), {
      diagnose: true,
      rho: 0.2,
    });
    expect(diagnostics).toHaveLength(3);
    for (const layer of diagnostics ?? []) {
      expect(layer.localLoss).toHaveLength(6);
      expect(layer.localLoss[0]).toBe(0);
      expect(layer.localLoss[5]).toBeLessThan(0);
      layer.localLoss.slice(1).forEach((loss, k) => expect(loss).toBeLessThan(layer.localLoss[k]));
      expect(layer.shift).toBeGreaterThan(0);
    }
  });

  it('the inner learning rate decays as max(1 − k/K, 0.25) when asked: K = 10 SGD steps of S move less', async () => {
    const { layout, theta0, x, t } = problem('linear', 'squared-error');
    const run = (innerDecay: boolean) =>
      locopropStep('S', layout, theta0, x, t, 'squared-error', settings({ gamma: 1, innerSteps: 10, innerDecay }), { rho: 0.01 });
    const norm = (a: Float32Array): number => Math.hypot(...a.map((v, i) => v - theta0[i]));
    const withDecay = norm((await run(true)).theta);
    const without = norm((await run(false)).theta);
    // Σ max(1 − k/10, 0.25) over k = 0…9 is 5.7 against 10: for tiny steps the distance scales with the summed
    // rate, a little above 0.57 here (0.59) because the later, decayed steps have smaller gradients to cut.
    expect(withDecay / without).toBeGreaterThan(0.57);
    expect(withDecay / without).toBeLessThan(0.62);
  });

  it('the inner decay factor is the reference schedule, max(1 − k/K, 0.25), floor included', () => {
    // The authors' notebook's `_learning_fn`: lr·max(1 − k/K, 0.25); with K = 10 the factors are 1.0, 0.9, …, 0.3, 0.25, 0.25.
    const factors = (K: number) => Array.from({ length: K }, (_, k) => Number(innerRateFactor(k, K, true).toFixed(12)));
    expect(factors(10)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25, 0.25]);
    expect(factors(4)).toEqual([1, 0.75, 0.5, 0.25]);
    expect(innerRateFactor(7, 10, false)).toBe(1);
  });
});
