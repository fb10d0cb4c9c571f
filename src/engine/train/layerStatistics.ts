/**
 * The classic health check of a network's training, per layer m, on one (diagnosed) step:
 *  - ‖∂L/∂W_m‖, the Frobenius norm of the minibatch loss gradient of the layer's weights (vanishing or
 *    exploding gradients show as orders of magnitude between layers), and
 *  - ‖ΔW_m‖/‖W_m‖, the size of the step's update relative to the weights (Karpathy's rule of thumb: about
 *    1e-3; far below, the layer barely learns; far above, it thrashes).
 * Both whatever the algorithm: the gradient is backprop's on the batch before the step, the update is what
 * the algorithm actually did to θ. Packed as [gradient norms…, update ratios…] to ride the tick's readback.
 */
import * as tf from '@tensorflow/tfjs-core';
import { outputActivationFor, type LossKind } from '../model/losses';
import { forward, unpackParameters, type NetworkLayout } from '../model/mlp';
import type { Batch } from './algorithm';
import { backpropagate } from './backprop';

export interface LayerStatisticsValues {
  gradientNorm: number[];
  updateRatio: number[];
}

function weightNorms(flat: tf.Tensor1D, layout: NetworkLayout): tf.Tensor1D {
  return tf.stack(layout.layers.map((layer) => tf.norm(tf.slice(flat, layer.weightOffset, layer.inputSize * layer.outputSize)))) as tf.Tensor1D;
}

/** ‖∂L/∂W_m‖ per layer on `batch` at `theta` (call before the step). */
export function layerGradientNorms(theta: tf.Tensor1D, layout: NetworkLayout, lossKind: LossKind, batch: Batch): tf.Tensor1D {
  const params = unpackParameters(theta, layout);
  const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind) });
  return weightNorms(backpropagate(params, layout, result, batch.targets).parameterGradient, layout);
}

/** [gradient norms, ‖ΔW_m‖/‖W_m‖] for a step that took θ from `before` to `after`. */
export function packLayerStatistics(gradientNorms: tf.Tensor1D, before: tf.Tensor1D, after: tf.Tensor1D, layout: NetworkLayout): tf.Tensor1D {
  const ratios = tf.div<tf.Tensor1D>(weightNorms(tf.sub(after, before), layout), weightNorms(before, layout));
  return tf.concat<tf.Tensor1D>([gradientNorms, ratios]);
}

export function unpackLayerStatistics(values: Float32Array, layers: number): LayerStatisticsValues {
  return { gradientNorm: Array.from(values.subarray(0, layers)), updateRatio: Array.from(values.subarray(layers, 2 * layers)) };
}
