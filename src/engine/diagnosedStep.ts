/**
 * What a diagnosed step reports, computed beside the step and never in its place (issue 21, item 1): the step
 * itself runs on the same path as every other step (fused or plain, undiagnosed), so whichever ticks the host
 * chooses to diagnose, two runs with the same settings stay bit-identical. The fused kernels match the plain
 * path only to ~1e-5 (fusedSession.test.ts); a diagnosed step taken on the plain path mixed the two.
 *
 * Beside the step:
 *  - the algorithm's own diagnostics (targets, where the layers landed, local losses) come from a copy of θ and
 *    of the optimizer taking the same step on the same minibatch with `diagnose` on; the copy is then dropped;
 *  - the probes (src/probes) measure the real update: θ before and after the step, and backprop's gradient of
 *    the minibatch at θ before it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkLayout } from './model/mlp';
import type { LossKind } from './model/losses';
import { measureProbes } from './probeReadback';
import type { Algorithm, Batch, StepDiagnostics, StepHyper, TrainingContext } from './train/algorithm';
import { minibatchGradient } from './train/minibatchGradient';

/** What a diagnosed step leaves for the next readback (both kept: the caller disposes them). */
export interface SideDiagnosis {
  diagnostics: StepDiagnostics | null;
  probes: tf.Tensor1D;
}

export interface SideStepInput {
  algorithm: Algorithm;
  /** The run's context as it stood before the step (θ is read, never written). */
  context: TrainingContext;
  layout: NetworkLayout;
  lossKind: LossKind;
  batch: Batch;
  hyper: StepHyper;
  /** θ before the real step (a copy) and θ after it. */
  before: tf.Tensor1D;
  after: tf.Tensor1D;
  /** A copy of the optimizer as it stood before the real step: the side step spends it, and disposes it. */
  optimizerBefore: TrainingContext['optimizer'];
}

/** The diagnostics and probes of the step from `before` to `after` (see the file comment). */
export function diagnoseBeside(input: SideStepInput): SideDiagnosis {
  const { algorithm, context, layout, lossKind, batch, hyper, before, after, optimizerBefore } = input;
  const theta = tf.variable(before, false);
  try {
    const side: { diagnostics: StepDiagnostics | null } = { diagnostics: null };
    const [probes] = tf.tidy(() => {
      side.diagnostics = algorithm.step(batch, { ...context, theta, optimizer: optimizerBefore }, hyper, true);
      const gradient = minibatchGradient(before, layout, lossKind, batch);
      const measured = measureProbes({ layout, before, after, gradient });
      // Returned tensors survive the tidy; everything else it made is freed.
      return side.diagnostics ? [measured, side.diagnostics.values] : [measured];
    });
    return { diagnostics: side.diagnostics, probes };
  } finally {
    theta.dispose();
    optimizerBefore.dispose();
  }
}
