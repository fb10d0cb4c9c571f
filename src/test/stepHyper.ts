import type { StepHyper } from '../engine/train/algorithm';

/** A plain SGD step's hyperparameters at `learningRate`: no momentum, no penalty, the targets' γ 1, no settings of the algorithm's own. */
export function plainSgdHyper(learningRate: number): StepHyper {
  return {
    learningRate,
    momentum: 0,
    regularization: 'none',
    regularizationRate: 0,
    targetGamma: 1,
    settings: {},
  };
}
