/**
 * Output losses. All follow the LocoProp reference notebook's convention (`compute_cross_entropy_loss` in
 * google-research/google-research, locoprop/locoprop_training.ipynb): L is the mean over the batch of
 * the per-example loss summed over output units, so G_M = ∂L/∂A_M carries a 1/B factor.
 *  - classification: sigmoid folded into binary cross-entropy on the logits A,
 *      ℓ = max(A, 0) − A·t + log(1 + e^(−|A|))   (the overflow-free form), ∂ℓ/∂A = σ(A) − t
 *    (also for an autoencoder's grey levels t ∈ [0, 1], the paper's loss for its autoencoders)
 *  - classes: softmax folded into cross-entropy, ℓ = logsumexp(A) − t·A, ∂ℓ/∂A = softmax(A) − t (softmax.ts)
 *  - regression: linear output with half squared error, ℓ = ½(A − t)², ∂ℓ/∂A = A − t
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ProblemTask } from '../data/problem';
import { softmaxCrossEntropyRows, softmaxRows } from './softmax';

export type LossKind = 'sigmoid-cross-entropy' | 'softmax-cross-entropy' | 'squared-error';

const LOSS_FOR_TASK: Record<ProblemTask, LossKind> = {
  binary: 'sigmoid-cross-entropy',
  autoencoder: 'sigmoid-cross-entropy',
  classes: 'softmax-cross-entropy',
  regression: 'squared-error',
};

export function lossKindFor(task: ProblemTask): LossKind {
  return LOSS_FOR_TASK[task];
}

/** The function that turns the last layer's logits into predictions: element-wise, or softmax over each row. */
export type OutputFunction = 'sigmoid' | 'softmax' | 'linear';

const OUTPUT_FOR_LOSS: Record<LossKind, OutputFunction> = {
  'sigmoid-cross-entropy': 'sigmoid',
  'softmax-cross-entropy': 'softmax',
  'squared-error': 'linear',
};

/** Every loss, for tests and benches that go through them all. */
export const LOSS_KINDS = Object.keys(OUTPUT_FOR_LOSS) as readonly LossKind[];

/** Per-example losses (B×units, or B×1 for softmax), before any reduction. */
function elementLosses(logits: tf.Tensor2D, targets: tf.Tensor2D, kind: LossKind): tf.Tensor2D {
  if (kind === 'softmax-cross-entropy') return softmaxCrossEntropyRows(logits, targets);
  if (kind === 'squared-error') return tf.mul(0.5, tf.squaredDifference(logits, targets));
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** L = mean over the batch of the per-example loss summed over output units. */
export function lossValue(logits: tf.Tensor2D, targets: tf.Tensor2D, kind: LossKind): tf.Scalar {
  return tf.div(tf.sum(elementLosses(logits, targets, kind)), logits.shape[0]);
}

/**
 * G_M = ∂L/∂A_M for every loss, from the network's prediction ŷ (σ(A) or softmax(A) for cross-entropy, A
 * itself for squared error): each loss is matched to its output function, so G_M = (ŷ − t)/B.
 */
export function lossGradient(predictions: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor2D {
  return tf.div(tf.sub(predictions, targets), predictions.shape[0]);
}

/** The output function that turns logits into predictions for this loss. */
export function outputActivationFor(kind: LossKind): OutputFunction {
  return OUTPUT_FOR_LOSS[kind];
}

/** ŷ = f_out(A): the predictions for logits A. */
export function applyOutput(logits: tf.Tensor2D, f: OutputFunction): tf.Tensor2D {
  if (f === 'softmax') return softmaxRows(logits);
  return f === 'sigmoid' ? tf.sigmoid(logits) : logits;
}
