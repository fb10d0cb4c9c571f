/**
 * Feedback alignment (Lillicrap, Cownden, Tweed & Akerman, "Random synaptic feedback weights support error
 * backpropagation for deep learning", Nature Communications 7:13276, 2016, Fig. 1 and Methods): backprop's
 * forward pass and output error; the error reaches layer m − 1 through a fixed random matrix B_m instead of
 * W_mᵀ, δ_{m−1} = (δ_m B_m) ⊙ f'(A_{m−1}); each layer's update uses X_mᵀδ_m as backprop uses X_mᵀG_m.
 * B_m is drawn once per run from the run's seed, with W_m's initializer (Glorot uniform or He normal), and
 * stored in W_m's layout (in×out, i.e. B_mᵀ), so the step reads it as backprop reads W_m.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initialParameters, unpackParameters } from '../../engine/model/mlp';
import type { Algorithm, AlgorithmState } from '../../engine/train/algorithm';
import { errorFeedback } from '../backprop/step';

function feedbackState(values: Float32Array): AlgorithmState {
  return { values: [values], tensors: [tf.tensor1d(values)] };
}

export const feedbackAlignmentAlgorithm: Algorithm = {
  name: 'feedback-alignment',
  createState: ({ layout, init, seed }, restored) => feedbackState(restored?.[0] ?? initialParameters(layout, init, seed)),
  ...errorFeedback((context) => {
    const feedback = context.state?.tensors[0];
    if (!feedback) throw new Error('feedback alignment: the run has no feedback matrices');
    return unpackParameters(feedback as tf.Tensor1D, context.layout).map((layer) => layer.weights);
  }),
};
