/**
 * A sweep checkpoint's measurements (issue 17 §8): the losses and accuracies a run records, and nothing else
 * (no grid, no snapshot, no diagnostics). Where the session's steps run on the fused kernels on the CPU backend
 * (its kernelPath, DESIGN.md §3 "fused kernels behind one seam"), they come from the fused CPU evaluation
 * (fused/cpuEvaluate.ts) on θ read back alone: about 85 TF.js kernels fewer per checkpoint, and the same numbers
 * bit for bit as the session's own evaluate(), which measures them everywhere else (the plain path, WebGPU, or a
 * θ with a non-finite entry), and every DRAIN_STEPS steps, so that the session's rate log does not grow.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasClasses } from '../data/problem';
import type { Examples } from '../data/dataset';
import { cpuCorrectRows, cpuMeasurements, type CpuRows } from '../fused/cpuEvaluate';
import type { Evaluation, TrainingSession } from '../session';

/** What a sweep records of an evaluation. */
export type SweepEvaluation = Pick<Evaluation, 'step' | 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy' | 'validationLoss' | 'validationAccuracy'>;

/**
 * Steps after which a checkpoint takes the session's evaluate() even where the fused one applies: only evaluate()
 * empties the session's rate log, which keeps 3 numbers a step (a run of 1,000,000 steps would hold 24 MB until
 * it ends). Both give the same numbers, so which one measures a checkpoint changes nothing recorded.
 */
export const DRAIN_STEPS = 100_000;

/** The step of each session's last evaluate() (none: step 0). */
const drainedAt = new WeakMap<TrainingSession, number>();

/** Whether the session's checkpoints take the fused CPU evaluation: its steps are fused, on the CPU backend. */
export function fusedEvaluationApplies(session: TrainingSession): boolean {
  return session.kernelPath === 'fused' && tf.getBackend() === 'cpu';
}

/** The first `rows` examples, as the session uploads them for its evaluations (evaluationTensors.ts uploadConstants). */
function firstRows(examples: Examples, rows: number, inputSize: number, outputSize: number): CpuRows {
  return { inputs: examples.inputs.subarray(0, rows * inputSize), targets: examples.targets.subarray(0, rows * outputSize), rows };
}

/**
 * The fused CPU evaluation of `theta` on the session's evaluation rows (the same rows and network its evaluate()
 * measures); null where θ has a non-finite entry (then only the session's evaluate() measures it).
 */
export function fusedMeasurements(session: TrainingSession, theta: Float32Array): Omit<SweepEvaluation, 'step'> | null {
  const { problem, train, test, validation } = session.dataset;
  const { inputSize, outputSize } = problem;
  const rows = session.evaluationRows;
  const network = { layout: session.layout, lossKind: session.lossKind, classCount: hasClasses(problem) ? Math.max(2, outputSize) : 0 };
  return cpuMeasurements(network, theta, {
    train: firstRows(train, rows.train, inputSize, outputSize),
    test: firstRows(test, rows.test, inputSize, outputSize),
    validation: validation ? firstRows(validation, rows.validation, inputSize, outputSize) : null,
  });
}

/**
 * Which of the session's evaluated test examples the network θ gets right (issue 17 §6, Meding et al., ICLR 2022:
 * which examples make the difference across a sweep's runs): its final checkpoint's θ through the fused CPU
 * evaluation's loop on the rows its test accuracy counts (on the CPU backend the same predictions, bit for bit).
 * Null where the task has no classes or θ has a non-finite entry (a diverged run).
 */
export function testCorrectness(session: TrainingSession, theta: Float32Array): Uint8Array | null {
  const { problem, test } = session.dataset;
  if (!hasClasses(problem)) return null;
  const network = { layout: session.layout, lossKind: session.lossKind, classCount: Math.max(2, problem.outputSize) };
  return cpuCorrectRows(network, theta, firstRows(test, session.evaluationRows.test, problem.inputSize, problem.outputSize));
}

/** The session's losses and accuracies where it stands: fused on the CPU where its steps are, else its evaluate(). */
export async function sweepEvaluation(session: TrainingSession, drainSteps = DRAIN_STEPS): Promise<SweepEvaluation> {
  if (fusedEvaluationApplies(session) && session.stepCount - (drainedAt.get(session) ?? 0) < drainSteps) {
    // θ alone: snapshot() would also pack the optimizer's slots and copy the sampler, a fifth of a 2-8-8-1 checkpoint.
    const measured = fusedMeasurements(session, await session.thetaValues());
    if (measured) return { step: session.stepCount, ...measured };
  }
  drainedAt.set(session, session.stepCount);
  return (await session.evaluate(false)).evaluation;
}
