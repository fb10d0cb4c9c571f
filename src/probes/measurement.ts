/** What a probe measures from (worker side, TF.js): one diagnosed step of any algorithm. */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../engine/model/mlp';

export interface DiagnosedStep {
  layout: NetworkLayout;
  /** θ before and after the step. */
  before: tf.Tensor1D;
  after: tf.Tensor1D;
  /** Backprop's gradient ∇_θ L of the minibatch at `before` (flat, θ's layout), whatever the algorithm. */
  gradient: tf.Tensor1D;
}

/** The θ-shaped vectors whose per-layer weights more than one probe reads. */
export type StepVector = 'before' | 'gradient' | 'descent';

/**
 * What several probes read of one diagnosed step, each computed once, on first use, in the caller's tidy (the
 * descent θ_before − θ_after, each layer's weights of a θ-shaped vector, their Frobenius norms): the layer
 * statistics and the alignment probe both take ‖ΔW_m‖ and ‖∂L/∂W_m‖ over every weight of the network, which
 * on MNIST 512-512 (670k weights) was most of the probes' time when each computed its own.
 * ‖θ_after − θ_before‖ = ‖θ_before − θ_after‖ to the bit: float32 subtraction of swapped operands gives the
 * exact negation (IEEE 754 round-to-nearest is symmetric), and the norm takes |x| first.
 */
export class StepQuantities {
  private descentVector: tf.Tensor1D | null = null;
  private readonly weightsOf = new Map<StepVector, tf.Tensor1D[]>();
  private readonly normsOf = new Map<StepVector, tf.Scalar[]>();

  constructor(readonly step: DiagnosedStep) {}

  /** θ_before − θ_after: the direction the step moved against. */
  get descent(): tf.Tensor1D {
    this.descentVector ??= tf.sub(this.step.before, this.step.after);
    return this.descentVector;
  }

  /** Layer m's weights (W_m, flattened; no bias) of the vector. */
  weights(vector: StepVector): tf.Tensor1D[] {
    let weights = this.weightsOf.get(vector);
    if (!weights) {
      const flat = vector === 'descent' ? this.descent : this.step[vector];
      weights = this.step.layout.layers.map((layer) => tf.slice(flat, layer.weightOffset, layer.inputSize * layer.outputSize));
      this.weightsOf.set(vector, weights);
    }
    return weights;
  }

  /** ‖W_m‖_F of the vector, per layer. */
  norms(vector: StepVector): tf.Scalar[] {
    let norms = this.normsOf.get(vector);
    if (!norms) {
      norms = this.weights(vector).map((w) => tf.norm(w) as tf.Scalar);
      this.normsOf.set(vector, norms);
    }
    return norms;
  }
}

/**
 * The TF.js ops the probes' measurements use (probe.ts TensorOps), handed to them by the engine so that their
 * modules stay free of TF.js at import time (the page reads the same registry). A list, not the whole namespace:
 * passed as a value, the namespace would keep every export of TF.js in the worker's bundle (tree-shaking cannot
 * drop what an object holds), some 250 kB. A measurement that needs another op adds its name here.
 */
export const TENSOR_OPS = {
  acos: tf.acos,
  clipByValue: tf.clipByValue,
  concat: tf.concat,
  div: tf.div,
  mul: tf.mul,
  stack: tf.stack,
  sum: tf.sum,
};
