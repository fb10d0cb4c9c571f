/**
 * "Export as PyTorch script": a self-contained Python file that rebuilds one run of the playground — the
 * network (sizes from the run's problem), its exact float32 initial weights, the training data, the batch
 * order (the seeded sampler re-implemented, checked against the exported row order of the first steps), the
 * optimizer, the schedule and LocoProp's inner loop — and the playground's first minibatch losses, which the
 * script (and scripts/verify-pytorch.mjs) compares with its own. Pure: numbers in, text out; the Python code
 * itself is in pytorchTemplate.ts (training) and pytorchCli.ts (command line, --verify).
 */
import type { ExperimentConfig } from '../../config/experiment';
import { toEngineSchedule } from '../../config/toEngine';
import type { PytorchEmitter } from '../../algorithms/pytorchEmitter';
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import { cyclesMomentum, durationInSteps, scheduleEnd } from '../../engine/schedule/schedule';
import type { ProblemTask } from '../../engine/data/problem';
import type { RunExportPayload } from '../../worker/protocol';
import { PYTHON_CLI } from './pytorchCli';
import { PYTHON_BODY, PYTHON_SAMPLER } from './pytorchTemplate';

/** engine/model/losses.ts's loss per task (that module imports TF.js, which the page must not). */
const LOSS_FOR_TASK: Record<ProblemTask, string> = {
  binary: 'sigmoid-cross-entropy',
  autoencoder: 'sigmoid-cross-entropy',
  classes: 'softmax-cross-entropy',
  regression: 'squared-error',
};

/** Arrays at most this long are written as readable Python lists (exact: a float32 printed as a double). */
const READABLE_LIMIT = 4096;

/** Little-endian bytes of a typed array, base64 (btoa exists in browsers and in Node ≥ 16). */
export function base64Of(values: Float32Array | Int32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A Python float literal for a number (every float32 is a double; its shortest repr parses back exactly). */
function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function pyList(values: ArrayLike<number>, perLine = 8): string {
  const items = Array.from(values, pyNumber);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(`    ${items.slice(i, i + perLine).join(', ')},`);
  return `[\n${lines.join('\n')}\n]`;
}

/** A float32 tensor literal: a readable list when short, base64 of the exact bytes when long. */
function pyFloatTensor(values: Float32Array, shape: number[]): string {
  if (values.length <= READABLE_LIMIT) return `torch.tensor(${pyList(values)}, dtype=torch.float32).reshape(${shape.join(', ')})`;
  return `_f32("${base64Of(values)}", ${shape.join(', ')})`;
}

function pyIntTensor(values: Int32Array): string {
  if (values.length <= READABLE_LIMIT) return `torch.tensor(${pyList(Array.from(values), 20).replace(/\.0\b/g, '')}, dtype=torch.long)`;
  return `_i32("${base64Of(values)}")`;
}

/** A Python literal of a JSON-like value (strings quoted as JSON quotes them, which Python reads alike). */
function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : pyNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([key, v]) => `${JSON.stringify(key)}: ${pyLiteral(v)}`).join(', ')}}`;
}

const pyString = (text: string): string => JSON.stringify(text);

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

/** The Python script's text. Throws for an algorithm without a PyTorch emitter (the page disables the export). */
export function pytorchScript({ config, runName, export: data }: PytorchScriptInput): string {
  const { problem, theta, trainInputs, trainTargets, trainCount, rows, batchSize, losses, learningRates, momenta, samplerState } = data;
  const sizes = [problem.inputSize, ...config.hidden, problem.outputSize];
  const { emitter, unavailable } = pytorchEmitterOf(config.algorithm);
  if (!emitter) throw new Error(`No PyTorch export for ${ALGORITHM_INFO[config.algorithm].label}: ${unavailable}`);
  const algorithmConstants = emitter.constants({ config, layerSizes: sizes, state: data.algorithmState, floatTensor: pyFloatTensor });
  const steps = losses.length;
  const autoencoder = trainTargets === null;
  const header = [
    '#!/usr/bin/env python3',
    `"""${runName.replace(/"""/g, "'''").replace(/\\/g, '\\\\')} — exported from LocoLab.`,
    '',
    `Rebuilds this run in PyTorch: a ${sizes.join('-')} MLP (${config.activation.join(', ') || 'no hidden layers'}; linear logits),`,
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
    `CONFIG = ${pyLiteral(config)}`,
    `LAYER_SIZES = ${pyLiteral(sizes)}`,
    `HIDDEN_ACTIVATIONS = ${pyLiteral(config.activation)}`,
    `LOSS = ${pyString(LOSS_FOR_TASK[problem.task])}`,
    `ALGORITHM = ${pyString(config.algorithm)}`,
    `OPTIMIZER = ${pyString(config.optimizer)}`,
    `CARRIER_OPTIMIZER = ${pyString(emitter.carrierOptimizer(config))}`,
    `INNER_OPTIMIZER = ${pyString(config.innerOptimizer)}`,
    `LEARNING_RATE = ${pyNumber(config.learningRate)}`,
    `MOMENTUM = ${pyNumber(config.momentum)}`,
    `CYCLES_MOMENTUM = ${scriptCyclesMomentum(config) ? 'True' : 'False'}`,
    `SCHEDULE = ${pyLiteral(pythonSchedule(config, trainCount / batchSize))}`,
    `BATCH_SIZE = ${batchSize}`,
    `REGULARIZATION = ${pyString(config.regularization)}`,
    `REGULARIZATION_RATE = ${pyNumber(config.regularizationRate)}`,
    `GAMMA = ${pyNumber(config.gamma)}`,
    `INNER_STEPS = ${config.innerSteps}`,
    `INNER_DECAY = ${config.innerDecay ? 'True' : 'False'}`,
    `INNER_RESET = ${config.innerReset ? 'True' : 'False'}`,
    `PROXIMAL_WEIGHT = ${pyNumber(config.proximal ? config.proximalWeight : 0)}`,
    `SAMPLER_STATE = ${samplerState}`,
    '',
    PYTHON_SAMPLER,
    PYTHON_BODY.split('\nOUTPUT_FUNCTION')[0].replace(/\n+$/, ''),
    '',
    '',
    '# ---- the data and the initial weights (exact float32) ------------------------------------------------------',
    `TRAIN_X = ${pyFloatTensor(trainInputs, [trainCount, problem.inputSize])}`,
    autoencoder ? 'TRAIN_Y = TRAIN_X  # an autoencoder learns its inputs' : `TRAIN_Y = ${pyFloatTensor(trainTargets, [trainCount, problem.outputSize])}`,
    `THETA0 = ${pyFloatTensor(theta, [theta.length])}  # [W1, b1, W2, b2, ...], W row-major in x out`,
    `PLAYGROUND_STEPS = ${steps}`,
    `ROW_ORDER = ${pyIntTensor(rows)}  # training rows of the first ${steps} minibatches`,
    `PLAYGROUND_LOSSES = ${pyList(losses, 6)}`,
    `PLAYGROUND_LR = ${pyList(learningRates, 6)}`,
    `PLAYGROUND_MOMENTUM = ${pyList(momenta, 6)}`,
    ...algorithmConstants,
    '',
    ('OUTPUT_FUNCTION' + PYTHON_BODY.split('\nOUTPUT_FUNCTION')[1]).replace('{{ALGORITHM_STEP}}', emitter.definitions.trim()),
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
