import '../../test/setupTfGradients';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activate, ACTIVATIONS, type Activation } from '../model/activations';
import { lossValue, outputActivationFor, type LossKind } from '../model/losses';
import { forward, initialParameters, networkLayout, unpackParameters, type NetworkLayout } from '../model/mlp';
import { maxRelativeDifference, randomMatrix } from '../../test/tensorTesting';
import { backpropagate } from './backprop';

const LOSSES: LossKind[] = ['sigmoid-cross-entropy', 'squared-error'];

function setup(activations: Activation[], loss: LossKind, seed: number) {
  const layout = networkLayout(2, [5, 4], activations, 1);
  const theta = tf.tensor1d(initialParameters(layout, 'glorot', seed));
  const x = randomMatrix(7, 2, seed + 1);
  const targets =
    loss === 'squared-error'
      ? randomMatrix(7, 1, seed + 2)
      : tf.tensor2d([1, 0, 1, 1, 0, 0, 1], [7, 1]);
  return { layout, theta, x, targets };
}

/**
 * Reference: an independent forward pass with a zero "probe" ε_m added to every pre-activation;
 * autodiff of L with respect to ε_m at 0 is G_m = ∂L/∂A_m (the chain rule; LocoProp builds its targets from exactly these G_m, Amid et al. 2022, Algorithm 1).
 */
function autodiffPreActivationGradients(
  layout: NetworkLayout,
  theta: tf.Tensor1D,
  x: tf.Tensor2D,
  targets: tf.Tensor2D,
  loss: LossKind,
): tf.Tensor[] {
  const params = unpackParameters(theta, layout);
  const probes = layout.layers.map((layer) => tf.zeros([x.shape[0], layer.outputSize]) as tf.Tensor2D);
  const lossOfProbes = (...eps: tf.Tensor[]): tf.Scalar => {
    let current = x;
    layout.layers.forEach((layer, m) => {
      const a = tf.add(tf.add(tf.matMul(current, params[m].weights), params[m].bias), eps[m]) as tf.Tensor2D;
      current = activate(a, layer.activation);
    });
    return lossValue(current, targets, loss);
  };
  return tf.grads(lossOfProbes)(probes);
}

describe('hand-written backprop', () => {
  for (const activation of ACTIVATIONS) {
    for (const loss of LOSSES) {
      it(`G_m and ∇θ equal autodiff to 1e-5 (${activation}, ${loss})`, async () => {
        const { layout, theta, x, targets } = setup([activation, activation], loss, 10);
        const params = unpackParameters(theta, layout);
        const ours = backpropagate(params, layout, forward(params, layout, x, { outputActivation: outputActivationFor(loss) }), targets);

        const reference = autodiffPreActivationGradients(layout, theta, x, targets, loss);
        for (let m = 0; m < layout.layers.length; m++) {
          expect(await maxRelativeDifference(ours.preActivationGradients[m], reference[m])).toBeLessThan(1e-5);
        }
        const thetaGradient = tf.grad((t: tf.Tensor) =>
          lossValue(forward(unpackParameters(t as tf.Tensor1D, layout), layout, x).output, targets, loss),
        )(theta);
        expect(await maxRelativeDifference(ours.parameterGradient, thetaGradient)).toBeLessThan(1e-5);
        // A real gradient, not an accidental zero on both sides.
        expect(Math.max(...(await thetaGradient.data()).map(Math.abs))).toBeGreaterThan(1e-3);
      });
    }
  }

  it('handles mixed activations and a network with no hidden layer', async () => {
    for (const hidden of [[], [3, 6, 2]] as number[][]) {
      const activations: Activation[] = ['relu', 'sigmoid', 'tanh'].slice(0, hidden.length) as Activation[];
      const layout = networkLayout(2, hidden, activations, 1);
      const theta = tf.tensor1d(initialParameters(layout, 'he', 3));
      const x = randomMatrix(5, 2, 4);
      const targets = tf.tensor2d([1, 0, 0, 1, 1], [5, 1]);
      const params = unpackParameters(theta, layout);
      const ours = backpropagate(params, layout, forward(params, layout, x, { outputActivation: 'sigmoid' }), targets);
      const reference = tf.grad((t: tf.Tensor) =>
        lossValue(forward(unpackParameters(t as tf.Tensor1D, layout), layout, x).output, targets, 'sigmoid-cross-entropy'),
      )(theta);
      expect(await maxRelativeDifference(ours.parameterGradient, reference)).toBeLessThan(1e-5);
    }
  });

  it('the cross-entropy value is the textbook −t·log σ(a) − (1−t)·log(1−σ(a)), averaged', async () => {
    const logits = tf.tensor2d([2, -1, 0.5], [3, 1]);
    const targets = tf.tensor2d([1, 1, 0], [3, 1]);
    const sigma = (a: number): number => 1 / (1 + Math.exp(-a));
    const expected = (-Math.log(sigma(2)) - Math.log(sigma(-1)) - Math.log(1 - sigma(0.5))) / 3;
    expect((await lossValue(logits, targets, 'sigmoid-cross-entropy').data())[0]).toBeCloseTo(expected, 6);
    const huge = tf.tensor2d([500, -500], [2, 1]);
    const wrong = tf.tensor2d([0, 1], [2, 1]);
    expect((await lossValue(huge, wrong, 'sigmoid-cross-entropy').data())[0]).toBeCloseTo(500, 3);
  });
});
