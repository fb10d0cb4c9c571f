/** Elementwise transfer functions f and their derivatives, written in terms of the output Y = f(A). */
import * as tf from '@tensorflow/tfjs-core';

import type { Activation } from '../names';

export { ACTIVATIONS, type Activation } from '../names';

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

/**
 * The convex potential F with ∇F = f, which makes Σ F(Ã) − T⊙Ã the matched (Bregman) local loss of
 * LocoProp-M up to a constant (Amid, Anil & Warmuth 2022, arXiv:2106.06199: D_F(Ã, A) = F(Ã) − F(A) −
 * f(A)·(Ã − A), whose Ã-dependent part against the target T = f(A) is F(Ã) − T·Ã), in overflow-free forms:
 * tanh: log cosh a = |a| + softplus(−2|a|) − log 2; sigmoid: softplus(a); ReLU: ½relu(a)²; linear: ½a².
 */
export function matchedPotential(a: tf.Tensor2D, f: Activation): tf.Tensor2D {
  switch (f) {
    case 'tanh': {
      const magnitude = tf.abs(a);
      return tf.sub(tf.add(magnitude, tf.softplus(tf.mul(-2, magnitude))), Math.LN2);
    }
    case 'sigmoid':
      return tf.softplus(a);
    case 'relu':
      return tf.mul(0.5, tf.square(tf.relu(a)));
    case 'linear':
      return tf.mul(0.5, tf.square(a));
  }
}
