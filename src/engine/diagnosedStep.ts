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
 *
 * In pieces (issue 21 item 3: the worker stays responsive whatever the work): the side step's phases
 * (Algorithm.diagnosedPhases: backprop's gradient, then its update; LocoProp's targets, each inner iteration, its
 * diagnostics), the minibatch gradient, the probes. The host runs one piece per slice (worker/stepRounds.ts) and
 * drops the rest when a command comes in. MNIST 512-512 on the CPU (bench/diagnosed-step-bench.ts, CPU time): the
 * longest piece is one optimizer update over θ, ~190 ms (backprop) and ~230 ms (LocoProp-M), where the whole
 * diagnosed step was one call of ~470 and ~2,550 ms. A diagnosis is pure observation, so finishing it, dropping it
 * or running it in pieces changes no number of the run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkLayout } from './model/mlp';
import type { LossKind } from './model/losses';
import { measureProbes } from './probeReadback';
import type { Algorithm, Batch, StepDiagnostics, StepHyper, TrainingContext } from './train/algorithm';
import { minibatchGradient } from './train/minibatchGradient';

/** What a diagnosed step leaves for the next readback. */
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
  /** The step's minibatch (a copy: the diagnosis disposes it). */
  batch: Batch;
  hyper: StepHyper;
  /** θ before the real step (a copy: the diagnosis disposes it) and θ after it (read, never written). */
  before: tf.Tensor1D;
  after: tf.Tensor1D;
  /** A copy of the optimizer as it stood before the real step: the side step spends it, and disposes it. */
  optimizerBefore: TrainingContext['optimizer'];
}

/** The side step in one piece, for an algorithm without diagnosedPhases. */
function oneStep(algorithm: Algorithm, batch: Batch, context: TrainingContext, hyper: StepHyper): StepDiagnostics | null {
  const side: { diagnostics: StepDiagnostics | null } = { diagnostics: null };
  tf.tidy(() => {
    side.diagnostics = algorithm.step(batch, context, hyper, true);
    // Returned tensors survive the tidy; everything else it made is freed.
    return side.diagnostics?.values;
  });
  return side.diagnostics;
}

/** The pieces, a yield between two: the side step's phases, the minibatch gradient, the probes. */
function* pieces(input: SideStepInput): Generator<void, SideDiagnosis | null, void> {
  const { algorithm, context, layout, lossKind, batch, hyper, before, after, optimizerBefore } = input;
  const theta = tf.variable(before, false);
  let diagnostics: StepDiagnostics | null = null;
  let gradient: tf.Tensor1D | null = null;
  let delivered = false;
  try {
    const side = { ...context, theta, optimizer: optimizerBefore };
    diagnostics = algorithm.diagnosedPhases ? yield* algorithm.diagnosedPhases(batch, side, hyper) : oneStep(algorithm, batch, side, hyper);
    yield;
    gradient = tf.tidy(() => minibatchGradient(before, layout, lossKind, batch));
    yield;
    const measured = gradient;
    const probes = tf.tidy(() => measureProbes({ layout, before, after, gradient: measured }));
    delivered = true;
    return { diagnostics, probes };
  } finally {
    theta.dispose();
    gradient?.dispose();
    if (!delivered) diagnostics?.values.dispose();
  }
}

/**
 * One diagnosed step's diagnosis, run piece by piece (next), all at once (finish) or dropped (abandon). It owns its
 * inputs' copies (the batch, θ before, the optimizer's copy) and frees them once it is finished or dropped, with
 * every tensor it made but the result; dispose() frees the result too. `after` must not change until it is
 * settled (the session finishes or drops it before its next step).
 */
export class DiagnosisInPieces {
  private readonly pieces: Generator<void, SideDiagnosis | null, void>;
  private settled = false;
  /** The diagnosis, once its last piece has run; null before, and once dropped or disposed. */
  result: SideDiagnosis | null = null;

  constructor(private readonly input: SideStepInput) {
    this.pieces = pieces(input);
  }

  /** Whether pieces remain (neither finished nor dropped). */
  get pending(): boolean {
    return !this.settled;
  }

  /** Runs the next piece; the last one leaves the result. Returns whether pieces remain. */
  next(): boolean {
    if (this.settled) return false;
    let piece: IteratorResult<void, SideDiagnosis | null>;
    try {
      piece = this.pieces.next();
    } catch (error) {
      this.release();
      throw error;
    }
    if (!piece.done) return true;
    this.release();
    this.result = piece.value;
    return false;
  }

  /** Runs every remaining piece. */
  finish(): void {
    while (this.next());
  }

  /** Drops the diagnosis: the pieces still to run never do, and there is no result. */
  abandon(): void {
    if (this.settled) return;
    // Runs the pieces' `finally` (frees what they made), unless none has started.
    this.pieces.return(null);
    this.release();
  }

  /** Drops it, or frees its result. */
  dispose(): void {
    this.abandon();
    this.result?.diagnostics?.values.dispose();
    this.result?.probes.dispose();
    this.result = null;
  }

  private release(): void {
    this.settled = true;
    const { batch, before, optimizerBefore } = this.input;
    tf.dispose([batch.inputs, batch.targets, before]);
    optimizerBefore.dispose();
  }
}
