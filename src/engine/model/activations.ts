/** Elementwise transfer functions f and their derivatives, written in terms of the output Y = f(A). */
import * as tf from '@tensorflow/tfjs-core';

export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Y = f(A). */
export function activate(a: tf.Tensor2D, f: Activation): tf.Tensor2D {
  switch (f) {
    case 'tanh':
      return tf.tanh(a);
    case 'relu':
      return tf.relu(a);
    case 'sigmoid':
      return tf.sigmoid(a);
    case 'linear':
      return a;
  }
}

/**
 * dY ⊙ f'(A), using the identities tanh' = 1 − tanh², σ' = σ(1 − σ), relu' = [relu(A) > 0] so that only the
 * layer outputs Y = f(A) are needed. relu'(0) is taken as 0.
 */
export function multiplyByDerivative(dY: tf.Tensor2D, y: tf.Tensor2D, f: Activation): tf.Tensor2D {
  switch (f) {
    case 'tanh':
      return tf.mul(dY, tf.sub(1, tf.square(y)));
    case 'sigmoid':
      return tf.mul(dY, tf.mul(y, tf.sub(1, y)));
    case 'relu':
      return tf.mul(dY, tf.step(y));
    case 'linear':
      return dY;
  }
}

/** Activations tf.fused.matMul can apply in the same kernel as the product and the bias. */
export function fusableActivation(f: Activation): 'relu' | 'sigmoid' | 'linear' | null {
  return f === 'tanh' ? null : f;
}
