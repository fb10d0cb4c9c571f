/**
 * LocoProp (Amid, Anil & Warmuth, AISTATS 2022), as the authors' notebook runs it
 * (locoprop/locoprop_training.ipynb in google-research/google-research; docs/references.md):
 *  1. one forward pass keeping each layer's input X_m, pre-activation A_m and output Y_m;
 *  2. one backward pass for G_m = ∂L/∂A_m (the same hand-written backprop as plain training);
 *  3. per-layer targets: LocoProp-S  T_m = A_m − γG_m (squared local loss on pre-activations),
 *                        LocoProp-M  T_m = Y_m − γG_m (matched Bregman local loss on outputs);
 *  4. K inner iterations of the inner optimizer on every layer's local loss, inputs and targets frozen:
 *     δ = X_m W̃ + b̃ − T_m (S) or f(X_m W̃ + b̃) − T_m (M), ∇W̃ = X_mᵀδ, ∇b̃ = 1ᵀδ (sums over the batch),
 *     plus (W̃ − W)/η when the proximal term is on; lr_k = lr · max(1 − k/K, 0.25) when decay is on;
 *  5. the last inner iterate becomes the weights (no separate outer update).
 * No f⁻¹ and no target clipping anywhere (§4, §6.2). The last layer's transfer function is the loss's
 * output function (sigmoid or softmax for cross-entropy, identity for squared error), as in the notebook; for
 * softmax the matched potential is logsumexp, so LocoProp-M's local gradient there is softmax(Ã) − T.
 * All layers take their inner steps together on the flat θ: the optimizers are elementwise and every layer
 * takes the same number of steps, so this equals one optimizer per layer, in fewer kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusableActivation } from '../../engine/model/activations';
import { applyTransfer, transferPotential, type Transfer } from '../../engine/model/transfer';
import { outputActivationFor } from '../../engine/model/losses';
import { forward, packParameters, unpackParameters, type LayerParameters } from '../../engine/model/mlp';
import type { Algorithm, Batch, DiagnosticsLayout, StepDiagnostics, StepHyper, TrainingContext } from '../../engine/train/algorithm';
import { backpropagate } from '../../engine/train/backprop';
import { packDiagnostics } from '../../engine/train/diagnostics';
import { addPenaltyGradient } from '../../engine/train/regularization';
import { locopropSettingsOf } from './settings';

export type LocoPropVariant = 'S' | 'M';

/** The reference's inner learning-rate factor for iteration k of K. */
export function innerRateFactor(k: number, innerSteps: number, decay: boolean): number {
  return decay ? Math.max(1 - k / innerSteps, 0.25) : 1;
}

/** The local loss each layer minimises: ½‖Ã − T‖² (S) or Σ F(Ã) − T⊙Ã (M, up to a constant). */
function localLoss(preActivation: tf.Tensor2D, target: tf.Tensor2D, variant: LocoPropVariant, f: Transfer): tf.Scalar {
  if (variant === 'S') return tf.mul(0.5, tf.sum(tf.squaredDifference(preActivation, target)));
  return tf.sub(tf.sum(transferPotential(preActivation, f)), tf.sum(tf.mul(target, preActivation)));
}

/** What layer m's local problem compares with its target: Ã (S) or f(Ã) (M), and Ã itself. */
function localOutput(
  x: tf.Tensor2D,
  { weights, bias }: LayerParameters,
  variant: LocoPropVariant,
  f: Transfer,
  needPreActivation: boolean,
): { output: tf.Tensor2D; preActivation: tf.Tensor2D | null } {
  const fused = f === 'softmax' ? null : fusableActivation(f);
  if (variant === 'M' && fused !== null && fused !== 'linear' && !needPreActivation) {
    return { output: tf.fused.matMul({ a: x, b: weights, bias, activation: fused }) as tf.Tensor2D, preActivation: null };
  }
  const a = tf.fused.matMul({ a: x, b: weights, bias }) as tf.Tensor2D;
  return { output: variant === 'S' ? a : applyTransfer(a, f), preActivation: a };
}

/**
 * The step in phases (Algorithm.diagnosedPhases): the targets (steps 1–3 above), then each inner iteration, then
 * the diagnostics. Each phase is its own tidy: what the later ones read (the frozen inputs and targets, θ at the
 * start, the recorded local losses) is kept from one to the next and freed at the end, or on return().
 */
function* locopropPhases(variant: LocoPropVariant, batch: Batch, context: TrainingContext, hyper: StepHyper, diagnose: boolean): Generator<void, StepDiagnostics | null, void> {
  const { theta, layout, lossKind, optimizer, weightMask } = context;
  const { gamma, innerSteps, innerDecay, proximalWeight, resetInner } = locopropSettingsOf(hyper.settings);
  const outputActivation = outputActivationFor(lossKind);
  const last = layout.layers.length - 1;
  const transfer = layout.layers.map((layer, m): Transfer => (m === last ? outputActivation : layer.activation));

  const { inputs, current, targets, start } = tf.tidy(() => {
    const params = unpackParameters(theta, layout);
    const result = forward(params, layout, batch.inputs, { keepPreActivations: true, outputActivation });
    const { preActivationGradients } = backpropagate(params, layout, result, batch.targets);
    const current = variant === 'S' ? (result.taps.preActivations as tf.Tensor2D[]) : result.taps.outputs;
    const targets = current.map((h, m) => tf.sub<tf.Tensor2D>(h, tf.mul(gamma, preActivationGradients[m])));
    return { inputs: result.taps.inputs, current, targets, start: tf.clone(theta) };
  });
  const losses: tf.Scalar[][] = layout.layers.map(() => []);
  try {
    yield;
    if (resetInner) optimizer.reset();
    for (let k = 0; k < innerSteps; k++) {
      // Returned tensors (the diagnostics' local losses) are kept; the rest is freed.
      const kept = tf.tidy(() => {
        const inner = unpackParameters(theta, layout);
        const recorded: tf.Scalar[] = [];
        const parts = layout.layers.map((_, m) => {
          const { output, preActivation } = localOutput(inputs[m], inner[m], variant, transfer[m], diagnose);
          if (diagnose && preActivation) recorded.push(localLoss(preActivation, targets[m], variant, transfer[m]));
          const delta = tf.sub<tf.Tensor2D>(output, targets[m]);
          return { weights: tf.matMul<tf.Tensor2D>(inputs[m], delta, true, false), bias: tf.sum<tf.Tensor1D>(delta, 0) };
        });
        let gradient = packParameters(parts);
        if (proximalWeight > 0) gradient = tf.add(gradient, tf.mul(tf.sub(theta, start), proximalWeight));
        gradient = addPenaltyGradient(gradient, theta, weightMask, hyper.regularization, hyper.regularizationRate);
        const learningRate = hyper.learningRate * innerRateFactor(k, innerSteps, innerDecay);
        optimizer.apply(theta, gradient, { learningRate, momentum: hyper.momentum });
        return recorded;
      });
      kept.forEach((loss, m) => losses[m].push(loss));
      yield;
    }
    if (!diagnose) return null;

    const packed: { layout: DiagnosticsLayout | null } = { layout: null };
    const values = tf.tidy(() => {
      const landedParams = unpackParameters(theta, layout);
      const diagnostics = packDiagnostics(
        layout.layers.map((_, m) => {
          const { output, preActivation } = localOutput(inputs[m], landedParams[m], variant, transfer[m], true);
          const localLosses = preActivation ? [...losses[m], localLoss(preActivation, targets[m], variant, transfer[m])] : losses[m];
          return { activation: current[m], target: targets[m], landed: output, localLoss: localLosses };
        }),
        context.diagnosticsUnit,
      );
      packed.layout = diagnostics.layout;
      return diagnostics.values;
    });
    return { values, layout: packed.layout ?? { layers: [] } };
  } finally {
    // The batch's own inputs are the caller's (the first layer's input).
    tf.dispose([...inputs.filter((x) => x !== batch.inputs), ...current, ...targets, start, ...losses.flat()]);
  }
}

export function locopropAlgorithm(variant: LocoPropVariant): Algorithm {
  return {
    name: variant === 'S' ? 'locoprop-s' : 'locoprop-m',
    step(batch, context, hyper, diagnose) {
      const phases = locopropPhases(variant, batch, context, hyper, diagnose);
      for (;;) {
        const phase = phases.next();
        if (phase.done) return phase.value;
      }
    },
    diagnosedPhases: (batch, context, hyper) => locopropPhases(variant, batch, context, hyper, true),
  };
}
