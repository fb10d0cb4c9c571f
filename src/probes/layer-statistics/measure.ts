/**
 * ‖∂L/∂W_m‖ and ‖ΔW_m‖/‖W_m‖ per layer (declaration.ts). TF.js-free at import time: the engine hands it TF.js's
 * ops (probe.ts TensorOps).
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { DiagnosedStep, StepQuantities } from '../measurement';
import type { TensorOps } from '../probe';

// ‖ΔW_m‖ from the shared descent θ_before − θ_after: the same norm to the bit (measurement.ts StepQuantities).
export function measureLayerStatistics(tf: TensorOps, _step: DiagnosedStep, shared: StepQuantities): Tf.Tensor1D {
  const perLayer = (norms: Tf.Scalar[]): Tf.Tensor1D => tf.stack(norms) as Tf.Tensor1D;
  return tf.concat([perLayer(shared.norms('gradient')), tf.div<Tf.Tensor1D>(perLayer(shared.norms('descent')), perLayer(shared.norms('before')))]);
}
