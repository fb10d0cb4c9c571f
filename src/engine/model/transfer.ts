/**
 * A layer's transfer function: an element-wise activation (activations.ts) for hidden layers, or, for the
 * last layer, the loss's output function, which may be the row-wise softmax (softmax.ts). LocoProp needs the
 * same two things of both kinds: f itself and its convex potential F with ∇F = f.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { activate, matchedPotential, type Activation } from './activations';
import { logSumExpRows, softmaxRows } from './softmax';

export type Transfer = Activation | 'softmax';

/** Y = f(A). */
export function applyTransfer(a: tf.Tensor2D, f: Transfer): tf.Tensor2D {
  return f === 'softmax' ? softmaxRows(a) : activate(a, f);
}

/** F(A) with ∇F = f (element-wise, or one value per row for softmax); only its sum is ever used. */
export function transferPotential(a: tf.Tensor2D, f: Transfer): tf.Tensor2D {
  return f === 'softmax' ? logSumExpRows(a) : matchedPotential(a, f);
}
