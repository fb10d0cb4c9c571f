/**
 * Backprop's gradient of a minibatch's loss at θ, whatever the algorithm trains with: what the probes
 * (src/probes) compare a diagnosed step's update with.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { outputActivationFor, type LossKind } from '../model/losses';
import { forward, unpackParameters, type NetworkLayout } from '../model/mlp';
import type { Batch } from './algorithm';
import { backpropagate } from './backprop';

/** ∇_θ L on `batch` at `theta` (flat, θ's layout; call before the step). */
export function minibatchGradient(theta: tf.Tensor1D, layout: NetworkLayout, lossKind: LossKind, batch: Batch): tf.Tensor1D {
  const params = unpackParameters(theta, layout);
  const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind) });
  return backpropagate(params, layout, result, batch.targets).parameterGradient;
}
