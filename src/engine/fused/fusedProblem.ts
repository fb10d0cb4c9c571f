/**
 * What the fused kernels of every algorithm share about the problem they solve (the network, its loss, its
 * penalty and its optimizer), the state they update in place (θ and the optimizer's slots), the training set
 * and the per-step schedule, and on the CPU the gathering of one minibatch's rows. Each algorithm's kernels
 * (algorithms/<name>/) build on these; an algorithm's own problem extends FusedProblem.
 */
import type { LossKind } from '../model/losses';
import type { NetworkLayout } from '../model/mlp';
import type { Regularization } from '../names';
import type { OptimizerKind } from '../train/optimizers';

export interface FusedProblem {
  layout: NetworkLayout;
  lossKind: LossKind;
  regularization: Regularization;
  regularizationRate: number;
  optimizer: OptimizerKind;
  /** β of SGD-HD and Adam-HD (the learning rate's own step size); absent for the other rules. */
  hypergradientRate?: number;
}

/** θ and the optimizer's memory, updated in place. */
export interface FusedState {
  theta: Float32Array;
  slots: Float32Array[];
  stepCount: number;
  beta1Product: number;
  /** SGD-HD's and Adam-HD's adapted rate α (a float32, as FlatOptimizer keeps it); absent for the other rules. */
  rate?: number;
}

/** The training set, row-major: inputs n × inputSize, targets n × outputSize. */
export interface FusedData {
  inputs: Float32Array;
  targets: Float32Array;
}

/** Per step: the batch's row indices (steps × batchSize), the learning rate and the momentum. */
export interface FusedSchedule {
  batchSize: number;
  rows: Int32Array;
  learningRates: Float32Array;
  momenta: Float32Array;
}

/** Copies one minibatch's rows of the training set into the batch buffers. */
export function gatherBatch(layout: NetworkLayout, data: FusedData, rows: Int32Array, batchInputs: Float32Array, batchTargets: Float32Array): void {
  const inSize = layout.layers[0].inputSize;
  const outSize = layout.layers[layout.layers.length - 1].outputSize;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < inSize; i++) batchInputs[r * inSize + i] = data.inputs[row * inSize + i];
    for (let j = 0; j < outSize; j++) batchTargets[r * outSize + j] = data.targets[row * outSize + j];
  }
}
