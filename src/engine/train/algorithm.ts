/** What every training algorithm (backprop now, LocoProp later) sees and does on one minibatch. */
import type * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { FlatOptimizer, OptimizerHyper } from './optimizers';
import type { Regularization } from './regularization';

export interface Batch {
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
}

export interface StepHyper extends OptimizerHyper {
  regularization: Regularization;
  regularizationRate: number;
}

export interface TrainingContext {
  theta: tf.Variable<tf.Rank.R1>;
  layout: NetworkLayout;
  lossKind: LossKind;
  optimizer: FlatOptimizer;
  /** 1 on weights, 0 on biases. */
  weightMask: tf.Tensor1D;
}

export interface Algorithm {
  readonly name: string;
  /** One optimizer step on the batch; updates context.theta in place. Runs inside the caller's tf.tidy. */
  step(batch: Batch, context: TrainingContext, hyper: StepHyper): void;
}
