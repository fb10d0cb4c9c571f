/** The angle between each layer's weight update and backprop's gradient, in degrees (declaration.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { ProbeMeasurement } from '../measurement';
import { ALIGNMENT_PROBE } from './declaration';

export const alignmentMeasurement: ProbeMeasurement = {
  declaration: ALIGNMENT_PROBE,
  measure: (_step, shared) => {
    // −ΔW (the descent θ_before − θ_after: the direction the step moved against) and ∂L/∂W, layer by layer.
    const [descent, gradient] = [shared.weights('descent'), shared.weights('gradient')];
    const [descentNorms, gradientNorms] = [shared.norms('descent'), shared.norms('gradient')];
    const angles = descent.map((u, m) => {
      // No update or no gradient: no angle (NaN, drawn as a gap), rather than 0/0.
      const cosine = tf.div(tf.sum(tf.mul(u, gradient[m])), tf.mul(descentNorms[m], gradientNorms[m]));
      return tf.mul(tf.acos(tf.clipByValue(cosine, -1, 1)), 180 / Math.PI);
    });
    return tf.stack(angles) as tf.Tensor1D;
  },
};
