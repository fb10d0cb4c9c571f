/** What every training algorithm (backprop, LocoProp-S, LocoProp-M) sees and does on one minibatch. */
import type * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { FlatOptimizer, OptimizerHyper } from './optimizers';
import type { Regularization } from './regularization';

export interface Batch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
}

export { INNER_OPTIMIZERS, type InnerOptimizer } from '../names';

/** LocoProp's knobs (research/locoprop.md §2, §7). γ also sets the targets backprop implies in diagnostics. */
export interface LocoPropSettings {
  /** γ, the activation step: multiplies G_m = ∂L/∂A_m of the batch-mean loss. */
  gamma: number;
  /** K, inner iterations per outer step. */
  innerSteps: number;
  /** lr_k = lr · max(1 − k/K, 0.25) inside one outer step, as in the official code. */
  innerDecay: boolean;
  /** 1/η of the proximal term (W̃ − W)/η added to the local gradient; 0 turns it off. */
  proximalWeight: number;
  /** Start the inner optimizer afresh at every outer step (the official code keeps its state). */
  resetInner: boolean;
}

export interface StepHyper extends OptimizerHyper {
  regularization: Regularization;
  regularizationRate: number;
  locoprop: LocoPropSettings;
}

export interface TrainingContext {
  theta: tf.Variable<tf.Rank.R1>;
  layout: NetworkLayout;
  lossKind: LossKind;
  /** The optimizer of the active algorithm: backprop's, or LocoProp's inner one. */
  optimizer: FlatOptimizer;
  /** 1 on weights, 0 on biases. */
  weightMask: tf.Tensor1D;
}

/** Where each layer's numbers sit in a StepDiagnostics vector (see diagnostics.ts). */
export interface DiagnosticsLayout {
  layers: { samples: number; localLossLength: number }[];
}

/** Per-layer targets of one step, packed into one vector so it rides along the tick's single readback. */
export interface StepDiagnostics {
  values: tf.Tensor1D;
  layout: DiagnosticsLayout;
}

export interface Algorithm {
  readonly name: string;
  /**
   * One optimizer step on the batch; updates context.theta in place. Runs inside the caller's tf.tidy.
   * With `diagnose`, also returns the layers' targets and where they landed.
   */
  step(batch: Batch, context: TrainingContext, hyper: StepHyper, diagnose: boolean): StepDiagnostics | null;
}
