/**
 * Output losses. Both follow the convention of research/locoprop.md §6.3: L is the mean over the batch of
 * the per-example loss summed over output units, so G_M = ∂L/∂A_M carries a 1/B factor.
 *  - classification: sigmoid folded into binary cross-entropy on the logits A,
 *      ℓ = max(A, 0) − A·t + log(1 + e^(−|A|))   (the overflow-free form), ∂ℓ/∂A = σ(A) − t
 *  - regression: linear output with half squared error, ℓ = ½(A − t)², ∂ℓ/∂A = A − t
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '../data/generators';

export type LossKind = 'sigmoid-cross-entropy' | 'squared-error';

export function lossKindFor(task: Task): LossKind {
  return task === 'classification' ? 'sigmoid-cross-entropy' : 'squared-error';
}

/** Per-example losses (B×units), before any reduction. */
function elementLosses(logits: tf.Tensor2D, targets: tf.Tensor2D, kind: LossKind): tf.Tensor2D {
  if (kind === 'squared-error') return tf.mul(0.5, tf.squaredDifference(logits, targets));
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** L = mean over the batch of the per-example loss summed over output units. */
export function lossValue(logits: tf.Tensor2D, targets: tf.Tensor2D, kind: LossKind): tf.Scalar {
  return tf.div(tf.sum(elementLosses(logits, targets, kind)), logits.shape[0]);
}

/**
 * G_M = ∂L/∂A_M for either loss, from the network's prediction ŷ (σ(A) for cross-entropy, A itself for
 * squared error): both losses are matched to their output function, so G_M = (ŷ − t)/B.
 */
export function lossGradient(predictions: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor2D {
  return tf.div(tf.sub(predictions, targets), predictions.shape[0]);
}

/** The output function that turns logits into predictions for this loss. */
export function outputActivationFor(kind: LossKind): 'sigmoid' | 'linear' {
  return kind === 'sigmoid-cross-entropy' ? 'sigmoid' : 'linear';
}
