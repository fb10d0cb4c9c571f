/** What a probe measures from (worker side, TF.js): one diagnosed step of any algorithm. */
import type * as tf from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../engine/model/mlp';
import type { ProbeDeclaration } from './declaration';

export interface DiagnosedStep {
  layout: NetworkLayout;
  /** θ before and after the step. */
  before: tf.Tensor1D;
  after: tf.Tensor1D;
  /** Backprop's gradient ∇_θ L of the minibatch at `before` (flat, θ's layout), whatever the algorithm. */
  gradient: tf.Tensor1D;
}

export interface ProbeMeasurement {
  declaration: ProbeDeclaration;
  /** The values, quantity-major (every layer of the first quantity, then the next); runs inside a tidy. */
  measure(step: DiagnosedStep): tf.Tensor1D;
}
