/** The experiment config seen as the engine's two halves: what fixes a run, and what may change per step. */
import { targetGammaOf } from '../algorithms/presentation';
import { ALGORITHM_INFO } from '../algorithms/registry';
import { stepSettingsOf } from '../algorithms/settings';
import type { ScheduleSettings } from '../engine/schedule/schedule';
import type { RunSpec, TrainingSettings } from '../engine/session';
import type { ExperimentConfig } from './experiment';

export function runSpecOf(config: ExperimentConfig): RunSpec {
  return {
    dataset: {
      name: config.dataset,
      points: config.points,
      noisePercent: config.noise,
      trainPercent: config.trainPercent,
      validationPercent: config.validationPercent,
      seed: config.seed,
      goal: config.task,
      features: config.features,
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
    // γ of the targets view, every algorithm's (registry.ts targetFormula): the field a settings group declares (LocoProp's γ).
    targetGamma: targetGammaOf(config),
    settings: stepSettingsOf(ALGORITHM_INFO[config.algorithm].settings, config),
    batchSize: config.batchSize,
    kernels: config.kernels,
    schedule: toEngineSchedule(config),
    regularization: config.regularization,
    regularizationRate: config.regularizationRate,
    hypergradientRate: config.hypergradientRate,
  };
}

export function toEngineSchedule(config: ExperimentConfig): ScheduleSettings {
  return {
    kind: config.schedule,
    learningRate: config.learningRate,
    maxLearningRate: config.maxLearningRate,
    minLearningRate: config.minLearningRate,
    unit: config.scheduleUnit,
    stepSize: config.stepSize,
    stepSizeDown: config.stepSizeDown,
    decayFactor: config.decayFactor,
    cyclicalMode: config.cyclicalMode,
    cyclicalGamma: config.cyclicalGamma,
    totalSteps: config.totalSteps,
    warmupSteps: config.warmupSteps,
    pctStart: config.pctStart,
    anneal: config.anneal,
    divFactor: config.divFactor,
    finalDivFactor: config.finalDivFactor,
    threePhase: config.threePhase,
    oneCycleStyle: config.oneCycleStyle,
    cycleMomentum: config.cycleMomentum,
    baseMomentum: config.baseMomentum,
    maxMomentum: config.maxMomentum,
    momentum: config.momentum,
  };
}
