/** The experiment config seen as the engine's two halves: what fixes a run, and what may change per step. */
import type { RunSpec, TrainingSettings } from '../engine/session';
import type { ExperimentConfig } from './experiment';

export function runSpecOf(config: ExperimentConfig): RunSpec {
  return {
    dataset: {
      name: config.dataset,
      points: config.points,
      noisePercent: config.noise,
      trainPercent: config.trainPercent,
      seed: config.seed,
    },
    hidden: config.hidden,
    activations: config.activation,
    init: config.init,
  };
}

export function trainingSettingsOf(config: ExperimentConfig): TrainingSettings {
  return {
    algorithm: config.algorithm,
    optimizer: config.optimizer,
    innerOptimizer: config.innerOptimizer,
    locoprop: {
      gamma: config.gamma,
      innerSteps: config.innerSteps,
      innerDecay: config.innerDecay,
      proximalWeight: config.proximal ? config.proximalWeight : 0,
      resetInner: config.innerReset,
    },
    learningRate: config.learningRate,
    momentum: config.momentum,
    batchSize: config.batchSize,
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
  };
}
