/** The angle between each layer's weight update and backprop's gradient, in degrees (declaration.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { ProbeMeasurement } from '../measurement';
import { ALIGNMENT_PROBE } from './declaration';

export const alignmentMeasurement: ProbeMeasurement = {
  declaration: ALIGNMENT_PROBE,
  measure: ({ layout, before, after, gradient }) => {
    const descent = tf.sub(before, after); // −ΔW: the direction the step moved against
    const angles = layout.layers.map((layer) => {
      const size = layer.inputSize * layer.outputSize;
      const u = tf.slice(descent, layer.weightOffset, size);
      const g = tf.slice(gradient, layer.weightOffset, size);
      // No update or no gradient: no angle (NaN, drawn as a gap), rather than 0/0.
      const cosine = tf.div(tf.sum(tf.mul(u, g)), tf.mul(tf.norm(u), tf.norm(g)));
      return tf.mul(tf.acos(tf.clipByValue(cosine, -1, 1)), 180 / Math.PI);
    });
    return tf.stack(angles) as tf.Tensor1D;
  },
};
