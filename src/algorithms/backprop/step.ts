/**
 * Plain backprop: one forward pass, the hand-written backward pass, one optimizer update of θ. Its
 * diagnostics show the targets backprop implies, A_m − γG_m, and where A_m lands after the update, so the
 * targets panel compares like with like when one toggles to LocoProp.
 */
import * as tf from '@tensorflow/tfjs-core';
import { outputActivationFor } from '../../engine/model/losses';
import { forward, unpackParameters } from '../../engine/model/mlp';
import type { Algorithm, TrainingContext } from '../../engine/train/algorithm';
import { backpropagate } from '../../engine/train/backprop';
import { packDiagnostics } from '../../engine/train/diagnostics';
import { addPenaltyGradient } from '../../engine/train/regularization';

/**
 * A step that sends the output error back through `backwardWeights(context)` (W_mᵀ when it gives undefined:
 * backprop) and updates θ with the layers' X_mᵀδ_m: backprop, and feedback alignment with its B_m.
 */
export function errorFeedbackStep(backwardWeights: (context: TrainingContext) => tf.Tensor2D[] | undefined): Algorithm['step'] {
  return (batch, context, hyper, diagnose) => {
    const { theta, layout, lossKind, optimizer, weightMask } = context;
    const params = unpackParameters(theta, layout);
    const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind), keepPreActivations: diagnose });
    const { parameterGradient, preActivationGradients } = backpropagate(params, layout, result, batch.targets, backwardWeights(context));
    const gradient = addPenaltyGradient(parameterGradient, theta, weightMask, hyper.regularization, hyper.regularizationRate);
    optimizer.apply(theta, gradient, hyper);
    if (!diagnose) return null;

    const after = unpackParameters(theta, layout);
    return packDiagnostics(
      layout.layers.map((_, m) => {
        const a = result.taps.preActivations[m] as tf.Tensor2D;
        return {
          activation: a,
          target: tf.sub<tf.Tensor2D>(a, tf.mul(hyper.locoprop.gamma, preActivationGradients[m])),
          landed: tf.fused.matMul({ a: result.taps.inputs[m], b: after[m].weights, bias: after[m].bias }) as tf.Tensor2D,
          localLoss: [],
        };
      }),
      context.diagnosticsUnit,
    );
  };
}

export const backpropAlgorithm: Algorithm = {
  name: 'backprop',
  step: errorFeedbackStep(() => undefined),
};
