/**
 * Backpropagation by hand from the forward taps. For layer m with input X_m, output Y_m and
 * G_m = ∂L/∂A_m (the gradient with respect to the PRE-activation):
 *   G_M = ∂L/∂A_M from the loss,   G_{m−1} = (G_m W_mᵀ) ⊙ f'_{m−1}(A_{m−1}),
 *   ∇_{W_m} L = X_mᵀ G_m,           ∇_{b_m} L = 1ᵀ G_m.
 * LocoProp builds its targets from exactly these G_m (Amid, Anil & Warmuth, AISTATS 2022, Algorithm 1, lines
 * 3–4). Feedback alignment (Lillicrap et al., Nature Communications 2016) sends the error back through fixed
 * matrices B_m instead of W_mᵀ: `backwardWeights`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { multiplyByDerivative } from '../model/activations';
import { lossGradient } from '../model/losses';
import { packParameters, type ForwardResult, type LayerParameters, type NetworkLayout } from '../model/mlp';

export interface Backward {
  /** G_m = ∂L/∂A_m for every layer, in layer order. */
  preActivationGradients: tf.Tensor2D[];
  /** ∇_θ L in the flat layout of θ. */
  parameterGradient: tf.Tensor1D;
}

/**
 * `forwardResult` must come from a forward pass with the loss's output activation
 * (`outputActivationFor(lossKind)`), so that its output is the prediction ŷ and G_M = (ŷ − t)/B.
 */
export function backpropagate(
  params: readonly LayerParameters[],
  layout: NetworkLayout,
  forwardResult: ForwardResult,
  targets: tf.Tensor2D,
  /** The matrices (in×out, as W_m) the error travels back through, G_{m−1} = (G_m Q_mᵀ) ⊙ f'; W_m by default. */
  backwardWeights?: readonly tf.Tensor2D[],
): Backward {
  const { taps, output } = forwardResult;
  const count = layout.layers.length;
  const gradients: tf.Tensor2D[] = new Array<tf.Tensor2D>(count);
  const parts: LayerParameters[] = new Array<LayerParameters>(count);
  let g = lossGradient(output, targets);
  for (let m = count - 1; m >= 0; m--) {
    gradients[m] = g;
    parts[m] = { weights: tf.matMul<tf.Tensor2D>(taps.inputs[m], g, true, false), bias: tf.sum<tf.Tensor1D>(g, 0) };
    if (m > 0) {
      const dY = tf.matMul<tf.Tensor2D>(g, backwardWeights?.[m] ?? params[m].weights, false, true);
      g = multiplyByDerivative(dY, taps.outputs[m - 1], layout.layers[m - 1].activation);
    }
  }
  return { preActivationGradients: gradients, parameterGradient: packParameters(parts) };
}
