/** ‖∂L/∂W_m‖ and ‖ΔW_m‖/‖W_m‖ per layer (declaration.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { ProbeMeasurement } from '../measurement';
import { LAYER_STATISTICS_PROBE } from './declaration';

/** The Frobenius norm of each layer's weights in a θ-shaped vector. */
export function weightNorms(flat: tf.Tensor1D, layout: NetworkLayout): tf.Tensor1D {
  return tf.stack(layout.layers.map((layer) => tf.norm(tf.slice(flat, layer.weightOffset, layer.inputSize * layer.outputSize)))) as tf.Tensor1D;
}

export const layerStatisticsMeasurement: ProbeMeasurement = {
  declaration: LAYER_STATISTICS_PROBE,
  measure: ({ layout, before, after, gradient }) =>
    tf.concat([weightNorms(gradient, layout), tf.div<tf.Tensor1D>(weightNorms(tf.sub(after, before), layout), weightNorms(before, layout))]),
};
