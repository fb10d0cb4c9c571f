/**
 * "Export as PyTorch script": a self-contained Python file that rebuilds one run of the playground — the
 * network (sizes from the run's problem), its exact float32 initial weights, the training data, the batch
 * order (the seeded sampler re-implemented, checked against the exported row order of the first steps), the
 * optimizer, the schedule and LocoProp's inner loop — and the playground's first minibatch losses, which the
 * script (and scripts/verify-pytorch.mjs) compares with its own. Pure: numbers in, text out; the Python code
 * itself is in pytorchTemplate.ts (training) and pytorchCli.ts (command line, --verify).
 */
import { pythonSettingConstants } from '../../algorithms/presentation';
import type { ExperimentConfig } from '../../config/experiment';
import { toEngineSchedule } from '../../config/toEngine';
import type { PytorchEmitter } from '../../algorithms/pytorchEmitter';
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import { cyclesMomentum, durationInSteps, scheduleEnd } from '../../engine/schedule/schedule';
import type { ProblemTask } from '../../engine/data/problem';
import type { RunExportPayload } from '../../worker/protocol';
import { PYTHON_CLI } from './pytorchCli';
import { PYTHON_BODY, PYTHON_SAMPLER } from './pytorchTemplate';
import { base64Of, pyDocText, pyFloatTensor, pyIntTensor, pyList, pyLiteral, pyNumber, pyString } from './pythonLiterals';

/** engine/model/losses.ts's loss per task (that module imports TF.js, which the page must not). */
export const LOSS_FOR_TASK: Record<ProblemTask, string> = {
  binary: 'sigmoid-cross-entropy',
  autoencoder: 'sigmoid-cross-entropy',
  classes: 'softmax-cross-entropy',
  regression: 'squared-error',
};

export { base64Of };

/** The schedule as the script's schedulers take it: durations in steps (epochs converted as the playground does). */
export function pythonSchedule(config: ExperimentConfig, stepsPerEpoch: number): Record<string, number | string | boolean | null> {
  const s = toEngineSchedule(config);
  const steps = (value: number): number => durationInSteps(value, s.unit, stepsPerEpoch);
  return {
    kind: s.kind,
    learningRate: s.learningRate,
    maxLearningRate: s.maxLearningRate,
    minLearningRate: s.minLearningRate,
    stepSize: steps(s.stepSize),
    stepSizeDown: s.stepSizeDown > 0 ? steps(s.stepSizeDown) : null,
    decayFactor: s.decayFactor,
    cyclicalMode: s.cyclicalMode,
    cyclicalGamma: s.cyclicalGamma,
    totalSteps: scheduleEnd(s, stepsPerEpoch) ?? steps(s.totalSteps),
    warmupSteps: s.warmupSteps > 0 ? steps(s.warmupSteps) : 0,
    pctStart: s.pctStart,
    anneal: s.anneal,
    divFactor: s.divFactor,
    finalDivFactor: s.finalDivFactor,
    threePhase: s.threePhase,
    oneCycleStyle: s.oneCycleStyle,
    baseMomentum: s.baseMomentum,
    maxMomentum: s.maxMomentum,
  };
}

/** Whether torch's scheduler should cycle the momentum: only where the optimizer has one that we use. */
function scriptCyclesMomentum(config: ExperimentConfig): boolean {
  if (!cyclesMomentum(toEngineSchedule(config))) return false;
  // The update rule the algorithm uses (registry: backprop's optimizer or LocoProp's inner one). Backprop's
  // RMSProp has no momentum; the inner RMSProp is TF1's, which has one.
  const { optimizerField, innerLoop } = ALGORITHM_INFO[config.algorithm];
  const optimizer = config[optimizerField];
  return optimizer === 'momentum' || optimizer === 'nesterov' || optimizer === 'adam' || optimizer === 'adam-hd' || (optimizer === 'rmsprop' && innerLoop);
}

export interface PytorchScriptInput {
  /** The run's full config (every schema field). */
  config: ExperimentConfig;
  /** "Run 1 · Backprop, Adam, lr 0.01". */
  runName: string;
  export: RunExportPayload;
}

/** The algorithm's PyTorch emitter, or why it has none (the export is then disabled with that reason). */
export function pytorchEmitterOf(algorithm: AlgorithmName): { emitter: PytorchEmitter; unavailable: null } | { emitter: null; unavailable: string } {
  return emitterOrReason(ALGORITHM_INFO[algorithm].pytorch);
}

export function emitterOrReason(pytorch: PytorchEmitter | { unavailable: string }): { emitter: PytorchEmitter; unavailable: null } | { emitter: null; unavailable: string } {
  return 'unavailable' in pytorch ? { emitter: null, unavailable: pytorch.unavailable } : { emitter: pytorch, unavailable: null };
}

/** One module-level constant of a script: `NAME = value` (value: Python source, possibly several lines). */
export interface PyConstant {
  name: string;
  value: string;
  comment?: string;
}

export const constantLine = ({ name, value, comment }: PyConstant): string => `${name} = ${value}${comment ? `  # ${comment}` : ''}`;

/** What fixes the run apart from its data: sizes, loss, algorithm, optimizer, schedule, batch size, sampler seed. */
export interface RunSettingsInput {
  config: ExperimentConfig;
  emitter: PytorchEmitter;
  problem: RunExportPayload['problem'];
  trainCount: number;
  /** The batch size the steps use (the setting, clipped to the training set). */
  batchSize: number;
  samplerState: number;
}

/** The run's settings, in the order the PyTorch script writes them (CONFIG first, SAMPLER_STATE last). */
export function runSettingsConstants({ config, emitter, problem, trainCount, batchSize, samplerState }: RunSettingsInput): PyConstant[] {
  const sizes = [problem.inputSize, ...config.hidden, problem.outputSize];
  const constants: (readonly [string, string])[] = [
    ['CONFIG', pyLiteral(config)],
    ['LAYER_SIZES', pyLiteral(sizes)],
    ['HIDDEN_ACTIVATIONS', pyLiteral(config.activation)],
    ['LOSS', pyString(LOSS_FOR_TASK[problem.task])],
    ['ALGORITHM', pyString(config.algorithm)],
    ['OPTIMIZER', pyString(config.optimizer)],
    ['CARRIER_OPTIMIZER', pyString(emitter.carrierOptimizer(config))],
    ['LEARNING_RATE', pyNumber(config.learningRate)],
    ['MOMENTUM', pyNumber(config.momentum)],
    ['CYCLES_MOMENTUM', scriptCyclesMomentum(config) ? 'True' : 'False'],
    ['SCHEDULE', pyLiteral(pythonSchedule(config, trainCount / batchSize))],
    ['BATCH_SIZE', String(batchSize)],
    ['REGULARIZATION', pyString(config.regularization)],
    ['REGULARIZATION_RATE', pyNumber(config.regularizationRate)],
    // Every settings group's constants (LocoProp's INNER_OPTIMIZER, GAMMA, INNER_*, PROXIMAL_WEIGHT), whatever the run's algorithm.
    ...pythonSettingConstants(config),
    ['SAMPLER_STATE', String(samplerState)],
  ];
  return constants.map(([name, value]) => ({ name, value }));
}

/** The run's data, initial weights and recorded first steps (the algorithm's own constants come after). */
export function runDataConstants(data: RunExportPayload): PyConstant[] {
  const { problem, theta, trainTargets, trainCount, rows, losses, learningRates, momenta } = data;
  const steps = losses.length;
  return [
    trainInputConstant(data),
    trainTargets === null
      ? { name: 'TRAIN_Y', value: 'TRAIN_X', comment: 'an autoencoder learns its inputs' }
      : { name: 'TRAIN_Y', value: pyFloatTensor(trainTargets, [trainCount, problem.outputSize]) },
    { name: 'THETA0', value: pyFloatTensor(theta, [theta.length]), comment: '[W1, b1, W2, b2, ...], W row-major in x out' },
    { name: 'PLAYGROUND_STEPS', value: String(steps) },
    { name: 'ROW_ORDER', value: pyIntTensor(rows), comment: `training rows of the first ${steps} minibatches` },
    { name: 'PLAYGROUND_LOSSES', value: pyList(losses, 6) },
    { name: 'PLAYGROUND_LR', value: pyList(learningRates, 6) },
    { name: 'PLAYGROUND_MOMENTUM', value: pyList(momenta, 6) },
  ];
}

/**
 * TRAIN_X: the network's training inputs, or for a 2-D set on feature inputs (engine/data/features.ts) its points
 * with the features computed by the script's input_features, as the playground computes them.
 */
function trainInputConstant({ problem, trainInputs, trainPoints, trainCount }: RunExportPayload): PyConstant {
  if (!trainPoints || !problem.inputFeatures) return { name: 'TRAIN_X', value: pyFloatTensor(trainInputs, [trainCount, problem.inputSize]) };
  return {
    name: 'TRAIN_X',
    value: `input_features(${pyFloatTensor(trainPoints, [trainCount, 2])}, ${pyLiteral(problem.inputFeatures)})`,
    comment: `the inputs ${problem.featureNames.join(', ')} of the points (x1, x2)`,
  };
}

/** The training code of pytorchTemplate.ts in two parts: helpers before the data, the rest (from OUTPUT_FUNCTION) after. */
export function bodyParts(): { helpers: string; rest: string } {
  const [helpers, rest] = PYTHON_BODY.split('\nOUTPUT_FUNCTION');
  return { helpers: helpers.replace(/\n+$/, ''), rest: 'OUTPUT_FUNCTION' + rest };
}

/** The Python script's text. Throws for an algorithm without a PyTorch emitter (the page disables the export). */
export function pytorchScript({ config, runName, export: data }: PytorchScriptInput): string {
  const { problem, trainCount, batchSize, losses, samplerState } = data;
  const sizes = [problem.inputSize, ...config.hidden, problem.outputSize];
  const { emitter, unavailable } = pytorchEmitterOf(config.algorithm);
  if (!emitter) throw new Error(`No PyTorch export for ${ALGORITHM_INFO[config.algorithm].label}: ${unavailable}`);
  const algorithmConstants = emitter.constants({ config, layerSizes: sizes, state: data.algorithmState, floatTensor: pyFloatTensor });
  const steps = losses.length;
  const { helpers, rest } = bodyParts();
  const header = [
    '#!/usr/bin/env python3',
    `"""${pyDocText(runName)} — exported from LocoLab.`,
    '',
    `Rebuilds this run in PyTorch: a ${sizes.join('-')} MLP (${config.activation.join(', ') || 'no hidden layers'}; linear logits),`,
    ...(data.trainPoints && problem.inputFeatures ? [`on the feature inputs ${problem.featureNames.join(', ')} of the 2-D points (input_features),`] : []),
    `the playground's initial weights bit for bit, its ${trainCount} training examples and its batch order,`,
    `${emitter.describe(config)}, the ${config.schedule} schedule.`,
    `The playground's first ${steps} minibatch losses (before each update) are embedded: run with --verify to compare.`,
    '',
    'Needs Python 3.8+ and PyTorch (pip install torch). Usage: python3 this.py [--steps N] [--float64] [--verify] [--save model.pt]',
    '--verify trains the first steps in float32 (as the playground) and float64, and checks each step within a stated',
    "tolerance: relative, plus float32's resolution of the loss, plus what float32 rounding alone does to this run.",
    '"""',
    'import argparse',
    'import base64',
    'import json',
    'import math',
    'import sys',
    '',
    'import torch',
    '',
    '# ---- the run ----------------------------------------------------------------------------------------------',
    ...runSettingsConstants({ config, emitter, problem, trainCount, batchSize, samplerState }).map(constantLine),
    '',
    PYTHON_SAMPLER,
    helpers,
    '',
    '',
    '# ---- the data and the initial weights (exact float32) ------------------------------------------------------',
    ...runDataConstants(data).map(constantLine),
    ...algorithmConstants,
    '',
    rest.replace('{{ALGORITHM_STEP}}', emitter.definitions.trim()),
    PYTHON_CLI,
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return header.join('\n');
}

/** The training data as CSV (inputs x0…, then targets y0…), for a researcher who wants it outside the script. */
export function trainingDataCsv(data: RunExportPayload): string {
  const { problem, trainInputs, trainTargets, trainCount } = data;
  const inputNames = Array.from({ length: problem.inputSize }, (_, i) => `x${i}`);
  const targetNames = trainTargets ? Array.from({ length: problem.outputSize }, (_, i) => `y${i}`) : [];
  const lines = [[...inputNames, ...targetNames].join(',')];
  for (let r = 0; r < trainCount; r++) {
    const x = Array.from(trainInputs.subarray(r * problem.inputSize, (r + 1) * problem.inputSize));
    const y = trainTargets ? Array.from(trainTargets.subarray(r * problem.outputSize, (r + 1) * problem.outputSize)) : [];
    lines.push([...x, ...y].join(','));
  }
  return lines.join('\n');
}
