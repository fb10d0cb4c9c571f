/** ‖∂L/∂W_m‖ and ‖ΔW_m‖/‖W_m‖ per layer (declaration.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { ProbeMeasurement } from '../measurement';
import { LAYER_STATISTICS_PROBE } from './declaration';

const perLayer = (norms: tf.Scalar[]): tf.Tensor1D => tf.stack(norms) as tf.Tensor1D;

export const layerStatisticsMeasurement: ProbeMeasurement = {
  declaration: LAYER_STATISTICS_PROBE,
  // ‖ΔW_m‖ from the shared descent θ_before − θ_after: the same norm to the bit (measurement.ts StepQuantities).
  measure: (_step, shared) =>
    tf.concat([perLayer(shared.norms('gradient')), tf.div<tf.Tensor1D>(perLayer(shared.norms('descent')), perLayer(shared.norms('before')))]),
};
