/**
 * L1 / L2 penalties on the weights (not the biases), added to the gradient as TensorFlow Playground does:
 * L2 penalty ½λ‖W‖² contributes λW, L1 penalty λ‖W‖₁ contributes λ·sign(W). The reported loss is the data
 * loss alone, so train and test curves stay comparable.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { Regularization } from '../names';

export { REGULARIZATIONS, type Regularization } from '../names';

export function addPenaltyGradient(
  gradient: tf.Tensor1D,
  theta: tf.Tensor1D,
  weightMask: tf.Tensor1D,
  kind: Regularization,
  rate: number,
): tf.Tensor1D {
  if (kind === 'none' || rate === 0) return gradient;
  const direction = kind === 'l2' ? theta : tf.sign(theta);
  return tf.add(gradient, tf.mul(tf.mul(direction, weightMask), rate));
}
