/**
 * L1 / L2 penalties on the weights (not the biases), added to the gradient as TensorFlow Playground does:
 * L2 penalty ½λ‖W‖² contributes λW, L1 penalty λ‖W‖₁ contributes λ·sign(W). The reported loss is the data
 * loss alone, so train and test curves stay comparable.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { Regularization } from '../names';
import { outputActivationFor, type LossKind } from '../model/losses';
import { forward, unpackParameters, type NetworkLayout } from '../model/mlp';
import { backpropagate } from './backprop';

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

export function penaltyApplies(kind: Regularization, rate: number): boolean {
  return kind !== 'none' && rate > 0;
}

/**
 * How hard the penalty pulls against the data, over the weights: ‖∇ penalty‖ and ‖∇ data loss‖ on the whole
 * training set. Both are properties of the network and the data, whichever algorithm trains it.
 */
export interface PenaltyBalance {
  regularization: Regularization;
  rate: number;
  /** 0 when no penalty applies. */
  penaltyGradientNorm: number;
  /** NaN when no penalty applies (then it is not computed). */
  lossGradientNorm: number;
}

/** ‖∇ penalty‖ / ‖∇ data loss‖, 0 when no penalty applies. */
export function penaltyRatio(balance: PenaltyBalance): number {
  if (balance.penaltyGradientNorm === 0) return 0;
  return balance.penaltyGradientNorm / balance.lossGradientNorm;
}

/**
 * The penalty starts to count as dominant when the median ratio passes this, and stops when it falls below
 * PENALTY_RELEASE_RATIO. A healthy regularised fit stays well below 1 while it learns (L2 or L1 at 0.001 on
 * the circle set: 0.04–0.4). Far above 10 the data barely pulls on the weights and the penalty drives them to
 * zero, leaving a network that outputs nearly a constant (L2 at rate 10 with Adam: median ~50, loss ln 2).
 * Once the weights sit where the penalty put them, the two gradients nearly cancel (at a minimum of loss +
 * penalty they do exactly), so the ratio there wanders between ~0.2 and thousands: hence the median over a
 * few measurements and the wide gap between the two thresholds.
 */
export const PENALTY_DOMINANCE_RATIO = 10;
export const PENALTY_RELEASE_RATIO = 1;
/** Measurements the median is taken over (the loop measures at the diagnostics cadence, ~4 Hz). */
export const PENALTY_WINDOW = 5;

export interface PenaltyDominance {
  dominant: boolean;
  /** Median ‖∇ penalty‖ / ‖∇ data loss‖ over the window. */
  ratio: number;
  regularization: Regularization;
  rate: number;
}

/** Turns successive PenaltyBalance measurements into a steady verdict: does the penalty dominate? */
export class PenaltyWatch {
  private ratios: number[] = [];
  private verdict: PenaltyDominance | null = null;

  get latest(): PenaltyDominance | null {
    return this.verdict;
  }

  observe(balance: PenaltyBalance): PenaltyDominance {
    const previous = this.verdict;
    // Another penalty or rate scales the ratio at once: older measurements no longer describe it.
    if (previous && (previous.regularization !== balance.regularization || previous.rate !== balance.rate)) this.ratios = [];
    const ratio = penaltyRatio(balance);
    // Non-finite weights say nothing about the penalty (divergence handles them).
    if (!Number.isNaN(ratio)) this.ratios.push(ratio);
    if (this.ratios.length > PENALTY_WINDOW) this.ratios.shift();
    const sorted = [...this.ratios].sort((x, y) => x - y);
    const median = sorted.length > 0 ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
    const wasDominant = previous?.dominant ?? false;
    const dominant =
      penaltyApplies(balance.regularization, balance.rate) && (wasDominant ? median >= PENALTY_RELEASE_RATIO : median > PENALTY_DOMINANCE_RATIO);
    this.verdict = { dominant, ratio: median, regularization: balance.regularization, rate: balance.rate };
    return this.verdict;
  }
}

/**
 * [‖∇ penalty‖, ‖∇ data loss‖] over the weights, as a 2-vector left on the device so it rides along an
 * evaluation's single readback. The data-loss gradient is full-batch backprop on `inputs`; biases are
 * masked out of both, since the penalty does not touch them.
 */
export function penaltyBalanceTensor(
  theta: tf.Tensor1D,
  layout: NetworkLayout,
  lossKind: LossKind,
  weightMask: tf.Tensor1D,
  inputs: tf.Tensor2D,
  targets: tf.Tensor2D,
  kind: Regularization,
  rate: number,
): tf.Tensor1D {
  const params = unpackParameters(theta, layout);
  const result = forward(params, layout, inputs, { outputActivation: outputActivationFor(lossKind) });
  const { parameterGradient } = backpropagate(params, layout, result, targets);
  const penalty = addPenaltyGradient(tf.zerosLike(theta), theta, weightMask, kind, rate);
  return tf.stack([tf.norm(penalty), tf.norm(tf.mul(parameterGradient, weightMask))]) as tf.Tensor1D;
}
