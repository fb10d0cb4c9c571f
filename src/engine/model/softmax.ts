/**
 * The row-wise output function: softmax over the C logits of each example, and what the losses need from
 * it. Unlike the element-wise activations, each output depends on the whole row.
 *   softmax(a)_c = e^{a_c} / Σ_j e^{a_j},   F(a) = logsumexp(a) = log Σ_j e^{a_j},   ∇F = softmax.
 * F is the convex potential of softmax, so Σ_rows F(Ã) − T⊙Ã is LocoProp-M's matched local loss for a softmax
 * output, with local gradient softmax(Ã) − T (Amid, Anil & Warmuth 2022, arXiv:2106.06199: the matching loss
 * is the Bregman divergence of the transfer function's convex integral F).
 * Cross-entropy with a softmax output is the same potential against the one-hot targets:
 *   ℓ(a, t) = logsumexp(a) − t·a (for Σ t = 1),   ∂ℓ/∂a = softmax(a) − t.
 */
import * as tf from '@tensorflow/tfjs-core';

/** softmax over the last axis (TF.js subtracts the row maximum, so large logits do not overflow). */
export function softmaxRows(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.softmax(logits);
}

/** logsumexp of each row, as a B×1 column (overflow-free: TF.js subtracts the row maximum). */
export function logSumExpRows(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.logSumExp(logits, 1, true);
}

/** Per-example softmax cross-entropy, B×1: logsumexp(a) − t·a. */
export function softmaxCrossEntropyRows(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(logSumExpRows(logits), tf.sum(tf.mul(logits, targets), 1, true));
}
