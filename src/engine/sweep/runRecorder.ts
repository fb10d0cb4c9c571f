/**
 * One sweep run's record (sweepJob.ts): its train, test and validation loss and accuracy at each checkpoint, then its
 * final and best values (best: the lowest loss and the highest accuracy over the finite checkpoints; NaN where none
 * is finite, or where the task has no classes or the run no validation split).
 */
import type { SweepEvaluation } from './sweepEvaluation';
import type { RunMetrics, SweepRunResult } from './types';

export class RunRecorder {
  readonly steps: number[] = [];
  readonly trainLoss: number[] = [];
  readonly testLoss: number[] = [];
  readonly trainAccuracy: number[] = [];
  readonly testAccuracy: number[] = [];
  readonly validationLoss: number[] = [];
  readonly validationAccuracy: number[] = [];

  constructor(
    private readonly classes: boolean,
    private readonly validation: boolean,
  ) {}

  add(evaluation: SweepEvaluation): void {
    this.steps.push(evaluation.step);
    this.trainLoss.push(evaluation.trainLoss);
    this.testLoss.push(evaluation.testLoss);
    this.trainAccuracy.push(evaluation.trainAccuracy);
    this.testAccuracy.push(evaluation.testAccuracy);
    this.validationLoss.push(evaluation.validationLoss);
    this.validationAccuracy.push(evaluation.validationAccuracy);
  }

  result(index: number, diverged: SweepRunResult['diverged'], correct: Uint8Array | null = null): SweepRunResult {
    const last = this.steps.length - 1;
    const finite = (values: number[]): number[] => values.filter(Number.isFinite);
    const lowest = (values: number[]): number => (finite(values).length > 0 ? Math.min(...finite(values)) : Number.NaN);
    const highest = (values: number[]): number => (finite(values).length > 0 ? Math.max(...finite(values)) : Number.NaN);
    const validationClasses = this.validation && this.classes;
    const final: RunMetrics = {
      trainLoss: this.trainLoss[last],
      testLoss: this.testLoss[last],
      trainAccuracy: this.classes ? this.trainAccuracy[last] : Number.NaN,
      testAccuracy: this.classes ? this.testAccuracy[last] : Number.NaN,
      validationLoss: this.validation ? this.validationLoss[last] : Number.NaN,
      validationAccuracy: validationClasses ? this.validationAccuracy[last] : Number.NaN,
    };
    const best: RunMetrics = {
      trainLoss: lowest(this.trainLoss),
      testLoss: lowest(this.testLoss),
      trainAccuracy: this.classes ? highest(this.trainAccuracy) : Number.NaN,
      testAccuracy: this.classes ? highest(this.testAccuracy) : Number.NaN,
      validationLoss: this.validation ? lowest(this.validationLoss) : Number.NaN,
      validationAccuracy: validationClasses ? highest(this.validationAccuracy) : Number.NaN,
    };
    return {
      index,
      steps: [...this.steps],
      trainLoss: [...this.trainLoss],
      testLoss: [...this.testLoss],
      trainAccuracy: this.classes ? [...this.trainAccuracy] : null,
      testAccuracy: this.classes ? [...this.testAccuracy] : null,
      validationLoss: this.validation ? [...this.validationLoss] : null,
      validationAccuracy: validationClasses ? [...this.validationAccuracy] : null,
      final,
      best,
      diverged,
      correct: this.classes && diverged === null ? correct : null,
    };
  }
}
