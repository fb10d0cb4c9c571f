/** What a sweep records per run (sweepJob.ts) and reads back as a response (response.ts). TF.js-free. */

/**
 * Losses and accuracies at one moment of a run; accuracies are NaN when the task has no classes, validation
 * figures NaN when the run has no validation split (config field validationPercent).
 */
export interface RunMetrics {
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  validationLoss: number;
  validationAccuracy: number;
}

export interface SweepRunResult {
  /** The run's position in the list the job was given. */
  index: number;
  /** Checkpoint steps actually recorded (0 first; a diverged run stops at the step it diverged). */
  steps: number[];
  trainLoss: number[];
  testLoss: number[];
  /** Per checkpoint, or null when the task has no classes. */
  trainAccuracy: number[] | null;
  testAccuracy: number[] | null;
  /**
   * On the training rows held out of training (the selection set: issue 17 §4, never the test set), per
   * checkpoint; null when the run has no validation split (the accuracy also when the task has no classes).
   */
  validationLoss: number[] | null;
  validationAccuracy: number[] | null;
  /** At the last recorded checkpoint. */
  final: RunMetrics;
  /** Lowest losses and highest accuracies over the recorded checkpoints (finite values only; NaN if none). */
  best: RunMetrics;
  /** Set when the run diverged (isDiverging at a checkpoint): the step and the train loss seen there. */
  diverged: { atStep: number; trainLoss: number } | null;
  /**
   * Per evaluated test example, 1 where the run's final θ gets it right (sweepEvaluation.ts testCorrectness);
   * null without classes, for a diverged run, or where it was not recorded (a file from before it was).
   */
  correct: Uint8Array | null;
  /**
   * How many runs the kernel calls that trained this one advanced (its group, sweepJob.ts: one multi-run CPU call
   * or one WebGPU dispatch a chunk); 1 where it trained alone: through its session (an algorithm or optimizer without
   * batched sweep steps, a network too big for them) or as a group of one (a run left over by a group's cap, or
   * whose neighbours' settings differ). Absent in a file from before it was recorded.
   */
  trainedWith?: number;
}

export interface SweepProgress {
  runsDone: number;
  runsTotal: number;
  /** Steps of the run in progress, and its budget. */
  step: number;
  budgetSteps: number;
  /** The runs at `step` now: 1, or a group's runs advancing together (sweepJob.ts), or 0 between runs. */
  together: number;
}
