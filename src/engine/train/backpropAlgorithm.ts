/** Plain backprop: one forward pass, the hand-written backward pass, one optimizer update of θ. */
import { outputActivationFor } from '../model/losses';
import { forward, unpackParameters } from '../model/mlp';
import type { Algorithm } from './algorithm';
import { backpropagate } from './backprop';
import { addPenaltyGradient } from './regularization';

export const backpropAlgorithm: Algorithm = {
  name: 'backprop',
  step(batch, context, hyper) {
    const { theta, layout, lossKind, optimizer, weightMask } = context;
    const params = unpackParameters(theta, layout);
    const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind) });
    const { parameterGradient } = backpropagate(params, layout, result, batch.targets);
    const gradient = addPenaltyGradient(parameterGradient, theta, weightMask, hyper.regularization, hyper.regularizationRate);
    optimizer.apply(theta, gradient, hyper);
  },
};
