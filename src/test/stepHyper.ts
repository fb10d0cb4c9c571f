import type { StepHyper } from '../engine/train/algorithm';

/** A plain SGD step's hyperparameters at `learningRate`: no momentum, no penalty, LocoProp's settings inert. */
export function plainSgdHyper(learningRate: number): StepHyper {
  return {
    learningRate,
    momentum: 0,
    regularization: 'none',
    regularizationRate: 0,
    locoprop: { gamma: 1, innerSteps: 1, innerDecay: false, proximalWeight: 0, resetInner: false },
  };
}
