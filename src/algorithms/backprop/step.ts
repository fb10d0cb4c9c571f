/**
 * Plain backprop: one forward pass, the hand-written backward pass, one optimizer update of θ. Its
 * diagnostics show the targets backprop implies, A_m − γG_m, and where A_m lands after the update, so the
 * targets panel compares like with like when one toggles to LocoProp.
 */
import * as tf from '@tensorflow/tfjs-core';
import { outputActivationFor } from '../model/losses';
import { forward, unpackParameters } from '../model/mlp';
import type { Algorithm } from './algorithm';
import { backpropagate } from './backprop';
import { packDiagnostics } from './diagnostics';
import { addPenaltyGradient } from './regularization';

export const backpropAlgorithm: Algorithm = {
  name: 'backprop',
  step(batch, context, hyper, diagnose) {
    const { theta, layout, lossKind, optimizer, weightMask } = context;
    const params = unpackParameters(theta, layout);
    const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind), keepPreActivations: diagnose });
    const { parameterGradient, preActivationGradients } = backpropagate(params, layout, result, batch.targets);
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
    );
  },
};
