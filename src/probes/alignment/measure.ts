/**
 * The angle between each layer's weight update and backprop's gradient, in degrees (declaration.ts). TF.js-free
 * at import time: the engine hands it the TF.js ops it uses (probe.ts TensorOps).
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { DiagnosedStep, StepQuantities } from '../measurement';
import type { TensorOps } from '../probe';

export function measureAlignment(tf: TensorOps, _step: DiagnosedStep, shared: StepQuantities): Tf.Tensor1D {
  // −ΔW (the descent θ_before − θ_after: the direction the step moved against) and ∂L/∂W, layer by layer.
  const [descent, gradient] = [shared.weights('descent'), shared.weights('gradient')];
  const [descentNorms, gradientNorms] = [shared.norms('descent'), shared.norms('gradient')];
  const angles = descent.map((u, m) => {
    // No update or no gradient: no angle (NaN, drawn as a gap), rather than 0/0.
    const cosine = tf.div(tf.sum(tf.mul(u, gradient[m])), tf.mul(descentNorms[m], gradientNorms[m]));
    return tf.mul(tf.acos(tf.clipByValue(cosine, -1, 1)), 180 / Math.PI);
  });
  return tf.stack(angles) as Tf.Tensor1D;
}
