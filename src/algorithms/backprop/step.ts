/**
 * Plain backprop: one forward pass, the hand-written backward pass, one optimizer update of θ. Its
 * diagnostics show the targets backprop implies, A_m − γG_m, and where A_m lands after the update, so the
 * targets panel compares like with like when one toggles to LocoProp.
 */
import * as tf from '@tensorflow/tfjs-core';
import { outputActivationFor } from '../../engine/model/losses';
import { forward, unpackParameters } from '../../engine/model/mlp';
import type { Algorithm, Batch, DiagnosticsLayout, StepDiagnostics, StepHyper, TrainingContext } from '../../engine/train/algorithm';
import { backpropagate } from '../../engine/train/backprop';
import { packDiagnostics } from '../../engine/train/diagnostics';
import { addPenaltyGradient } from '../../engine/train/regularization';

type BackwardWeights = (context: TrainingContext) => tf.Tensor2D[] | undefined;

/**
 * The step in two phases (Algorithm.diagnosedPhases): the gradient (forward and backward passes, the penalty), then
 * the update and the diagnostics. Each phase is its own tidy; what the second reads is kept from the first and
 * freed at the end, or on return().
 */
function* errorFeedbackPhases(backwardWeights: BackwardWeights, batch: Batch, context: TrainingContext, hyper: StepHyper, diagnose: boolean): Generator<void, StepDiagnostics | null, void> {
  const { theta, layout, lossKind, optimizer, weightMask } = context;
  const taken = tf.tidy((): { gradient: tf.Tensor1D; inputs: tf.Tensor2D[]; activations: tf.Tensor2D[]; targets: tf.Tensor2D[] } => {
    const params = unpackParameters(theta, layout);
    const result = forward(params, layout, batch.inputs, { outputActivation: outputActivationFor(lossKind), keepPreActivations: diagnose });
    const { parameterGradient, preActivationGradients } = backpropagate(params, layout, result, batch.targets, backwardWeights(context));
    const gradient = addPenaltyGradient(parameterGradient, theta, weightMask, hyper.regularization, hyper.regularizationRate);
    if (!diagnose) return { gradient, inputs: [], activations: [], targets: [] };
    const activations = result.taps.preActivations as tf.Tensor2D[];
    const targets = activations.map((a, m) => tf.sub<tf.Tensor2D>(a, tf.mul(hyper.targetGamma, preActivationGradients[m])));
    return { gradient, inputs: result.taps.inputs, activations, targets };
  });
  try {
    yield;
    tf.tidy(() => optimizer.apply(theta, taken.gradient, hyper));
    if (!diagnose) return null;

    const packed: { layout: DiagnosticsLayout | null } = { layout: null };
    const values = tf.tidy(() => {
      const after = unpackParameters(theta, layout);
      const diagnostics = packDiagnostics(
        layout.layers.map((_, m) => ({
          activation: taken.activations[m],
          target: taken.targets[m],
          landed: tf.fused.matMul({ a: taken.inputs[m], b: after[m].weights, bias: after[m].bias }) as tf.Tensor2D,
          localLoss: [],
        })),
        context.diagnosticsUnit,
      );
      packed.layout = diagnostics.layout;
      return diagnostics.values;
    });
    return { values, layout: packed.layout ?? { layers: [] } };
  } finally {
    // The batch's own inputs are the caller's (the first layer's input).
    tf.dispose([taken.gradient, ...taken.inputs.filter((x) => x !== batch.inputs), ...taken.activations, ...taken.targets]);
  }
}

/**
 * A step that sends the output error back through `backwardWeights(context)` (W_mᵀ when it gives undefined:
 * backprop) and updates θ with the layers' X_mᵀδ_m: backprop, and feedback alignment with its B_m.
 */
export function errorFeedback(backwardWeights: BackwardWeights): Pick<Algorithm, 'step' | 'diagnosedPhases'> {
  return {
    step(batch, context, hyper, diagnose) {
      const phases = errorFeedbackPhases(backwardWeights, batch, context, hyper, diagnose);
      for (;;) {
        const phase = phases.next();
        if (phase.done) return phase.value;
      }
    },
    diagnosedPhases: (batch, context, hyper) => errorFeedbackPhases(backwardWeights, batch, context, hyper, true),
  };
}

export const backpropAlgorithm: Algorithm = {
  name: 'backprop',
  ...errorFeedback(() => undefined),
};
