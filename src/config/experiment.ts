/**
 * THE experiment schema: every setting of the playground, once. The UI reads labels and ranges from it, the
 * URL is encoded and decoded with it, and the worker validates what it receives with it.
 */
import { DATASET_NAMES, type DatasetName } from '../engine/data/generators';
import { ACTIVATIONS, type Activation } from '../engine/model/activations';
import { INITIALIZERS, type Initializer } from '../engine/model/mlp';
import { ALGORITHMS, type AlgorithmName } from '../engine/session';
import { OPTIMIZERS, type BackpropOptimizer } from '../engine/train/optimizers';
import { REGULARIZATIONS, type Regularization } from '../engine/train/regularization';
import { SWEEP_MODES, type SweepMode } from '../engine/lrfinder/sweep';
import { INNER_OPTIMIZERS, type InnerOptimizer } from '../engine/train/algorithm';
import {
  ANNEAL_STRATEGIES,
  CYCLICAL_MODES,
  DURATION_UNITS,
  ONE_CYCLE_STYLES,
  SCHEDULES,
  type AnnealStrategy,
  type CyclicalMode,
  type DurationUnit,
  type OneCycleStyle,
  type ScheduleKind,
} from '../engine/schedule/schedule';
import { booleanField, describeIssue, enumField, enumListField, intListField, numberField } from './fields';

export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** Bumped when a field changes meaning; written to the URL as `v`. */
export const SCHEMA_VERSION = 1;
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 64;

export const EXPERIMENT_FIELDS = {
  dataset: enumField<DatasetName>({
    label: 'Data set',
    help: 'Five 2-D classification sets and two regression sets (plane, hills).',
    change: 'structural',
    defaultValue: 'circle',
    options: DATASET_NAMES,
  }),
  noise: numberField({
    label: 'Noise',
    help: 'Label noise / jitter, as in TensorFlow Playground.',
    change: 'structural',
    defaultValue: 10,
    min: 0,
    max: 50,
    integer: true,
    unit: '%',
  }),
  trainPercent: numberField({
    label: 'Training split',
    help: 'Share of the points used for training; the rest is the test set.',
    change: 'structural',
    defaultValue: 50,
    min: 10,
    max: 90,
    integer: true,
    unit: '%',
  }),
  points: numberField({
    label: 'Points',
    help: 'Number of points before the split.',
    change: 'structural',
    defaultValue: 500,
    min: 50,
    max: 2000,
    step: 50,
    integer: true,
  }),
  batchSize: numberField({
    label: 'Batch size',
    help: 'Examples per optimizer step.',
    change: 'hot',
    defaultValue: 16,
    min: 1,
    max: 256,
    integer: true,
  }),
  seed: numberField({
    label: 'Seed',
    help: 'Fixes the points, the split, the initial weights and the batch order.',
    change: 'structural',
    defaultValue: 1,
    min: 0,
    max: 999_999,
    integer: true,
  }),
  hidden: intListField({
    label: 'Hidden layers',
    help: `Units per hidden layer, input to output (0–${MAX_HIDDEN_LAYERS} layers of 1–${MAX_UNITS}).`,
    change: 'structural',
    defaultValue: [8, 8],
    minLength: 0,
    maxLength: MAX_HIDDEN_LAYERS,
    min: 1,
    max: MAX_UNITS,
  }),
  activation: enumListField<Activation>({
    label: 'Activation',
    help: 'Transfer function of each hidden layer (one value in the URL applies to all).',
    change: 'structural',
    defaultValue: ['tanh', 'tanh'],
    options: ACTIVATIONS,
  }),
  init: enumField<Initializer>({
    label: 'Initialisation',
    help: 'Glorot uniform (suits tanh, sigmoid) or He normal (suits ReLU); biases start at 0.',
    change: 'structural',
    defaultValue: 'glorot',
    options: INITIALIZERS,
  }),
  regularization: enumField<Regularization>({
    label: 'Regularisation',
    help: 'Penalty on the weights (not the biases), added to the gradient.',
    change: 'hot',
    defaultValue: 'none',
    options: REGULARIZATIONS,
  }),
  regularizationRate: numberField({
    label: 'Regularisation rate',
    help: 'λ: the L2 term adds λW to the gradient, the L1 term λ·sign(W).',
    change: 'hot',
    defaultValue: 0.001,
    min: 1e-5,
    max: 10,
    scale: 'log',
  }),
  algorithm: enumField<AlgorithmName>({
    label: 'Algorithm',
    help: 'How each minibatch updates the weights. Switching keeps the weights.',
    change: 'hot',
    defaultValue: 'backprop',
    options: ALGORITHMS,
  }),
  gamma: numberField({
    label: 'Activation step γ',
    help: 'How far each layer\'s target moves against the gradient: T = H − γ·∂L/∂A (per example: γ/B).',
    change: 'hot',
    defaultValue: 3,
    min: 0.001,
    max: 100,
    scale: 'log',
  }),
  innerSteps: numberField({
    label: 'Inner iterations K',
    help: 'Optimizer steps each layer takes on its own local loss per minibatch.',
    change: 'hot',
    defaultValue: 10,
    min: 1,
    max: 20,
    integer: true,
  }),
  innerOptimizer: enumField<InnerOptimizer>({
    label: 'Inner optimizer',
    help: 'Update rule of the local problems. RMSProp follows the reference (TF1: mean square starts at 1).',
    change: 'hot',
    defaultValue: 'adam',
    options: INNER_OPTIMIZERS,
  }),
  innerDecay: booleanField({
    label: 'Decay inside the loop',
    help: 'Iteration k uses lr · max(1 − k/K, 0.25), as the reference does.',
    change: 'hot',
    defaultValue: true,
  }),
  proximal: booleanField({
    label: 'Proximal term',
    help: 'Adds (W̃ − W)/η to each local gradient, keeping the layer near its weights.',
    change: 'hot',
    defaultValue: false,
  }),
  proximalWeight: numberField({
    label: 'Proximal weight 1/η',
    help: 'Strength of the proximal term.',
    change: 'hot',
    defaultValue: 1,
    min: 0.001,
    max: 1000,
    scale: 'log',
  }),
  innerReset: booleanField({
    label: 'Reset inner optimizer',
    help: 'Start the inner optimizer afresh every minibatch (the reference keeps its state).',
    change: 'hot',
    defaultValue: false,
  }),
  optimizer: enumField<BackpropOptimizer>({
    label: 'Optimizer',
    help: 'Update rule. Switching keeps the weights and starts the optimizer state afresh.',
    change: 'hot',
    defaultValue: 'adam',
    options: OPTIMIZERS,
  }),
  learningRate: numberField({
    label: 'Learning rate',
    help: 'Step size η; applies from the next step.',
    change: 'hot',
    defaultValue: 0.01,
    min: 1e-5,
    max: 10,
    scale: 'log',
  }),
  schedule: enumField<ScheduleKind>({
    label: 'Schedule',
    help: 'How the learning rate changes with the step count. Changes apply on the next step.',
    change: 'hot',
    defaultValue: 'constant',
    options: SCHEDULES,
  }),
  scheduleUnit: enumField<DurationUnit>({
    label: 'Durations in',
    help: 'Whether the step sizes and lengths below count optimizer steps or epochs.',
    change: 'hot',
    defaultValue: 'steps',
    options: DURATION_UNITS,
  }),
  maxLearningRate: numberField({
    label: 'Maximum learning rate',
    help: 'The peak of a cyclical or one-cycle schedule.',
    change: 'hot',
    defaultValue: 0.1,
    min: 1e-5,
    max: 10,
    scale: 'log',
  }),
  minLearningRate: numberField({
    label: 'Final learning rate',
    help: 'Where cosine annealing ends.',
    change: 'hot',
    defaultValue: 1e-4,
    min: 1e-7,
    max: 10,
    scale: 'log',
  }),
  stepSize: numberField({
    label: 'Step size',
    help: 'Cyclical: length of the rising half (Smith: 2–10 epochs). Step and exponential decay: the period.',
    change: 'hot',
    defaultValue: 500,
    min: 0.01,
    max: 1e6,
    scale: 'log',
  }),
  stepSizeDown: numberField({
    label: 'Falling half',
    help: 'Cyclical: length of the falling half; 0 makes it equal to the rising half.',
    change: 'hot',
    defaultValue: 0,
    min: 0,
    max: 1e6,
    scale: 'log',
    logFloor: 0.01,
  }),
  decayFactor: numberField({
    label: 'Decay factor γ',
    help: 'Step decay multiplies the rate by γ every step size; exponential decay by γ per step size.',
    change: 'hot',
    defaultValue: 0.5,
    min: 0.001,
    max: 1,
    step: 0.001,
  }),
  cyclicalMode: enumField<CyclicalMode>({
    label: 'Cycle policy',
    help: 'triangular; triangular2 halves the swing every cycle; exp_range shrinks it by γ per step.',
    change: 'hot',
    defaultValue: 'triangular',
    options: CYCLICAL_MODES,
  }),
  cyclicalGamma: numberField({
    label: 'exp_range γ',
    help: 'The swing is scaled by γ^t (the paper used 0.99994 on CIFAR-10).',
    change: 'hot',
    defaultValue: 0.9999,
    min: 0.9,
    max: 1,
    step: 0.00001,
  }),
  totalSteps: numberField({
    label: 'Length',
    help: 'Length of the one-cycle or cosine schedule; afterwards the final rate holds.',
    change: 'hot',
    defaultValue: 2000,
    min: 0.01,
    max: 1e6,
    scale: 'log',
  }),
  warmupSteps: numberField({
    label: 'Warm-up',
    help: 'Cosine: the rate rises linearly to its starting value over this long; 0 for none.',
    change: 'hot',
    defaultValue: 100,
    min: 0,
    max: 1e6,
    scale: 'log',
    logFloor: 0.01,
  }),
  pctStart: numberField({
    label: 'Rising share',
    help: 'Share of the one-cycle spent raising the rate (PyTorch 0.3, fastai 0.25).',
    change: 'hot',
    defaultValue: 0.3,
    min: 0.01,
    max: 0.99,
    step: 0.01,
  }),
  anneal: enumField<AnnealStrategy>({
    label: 'Annealing',
    help: 'Shape of each one-cycle phase.',
    change: 'hot',
    defaultValue: 'cos',
    options: ANNEAL_STRATEGIES,
  }),
  divFactor: numberField({
    label: 'Start divisor',
    help: 'One-cycle starts at max / this.',
    change: 'hot',
    defaultValue: 25,
    min: 1,
    max: 1e4,
    scale: 'log',
  }),
  finalDivFactor: numberField({
    label: 'Final divisor',
    help: 'One-cycle ends at start / this (PyTorch 1e4; fastai ends at max / 1e5).',
    change: 'hot',
    defaultValue: 1e4,
    min: 1,
    max: 1e6,
    scale: 'log',
  }),
  threePhase: booleanField({
    label: 'Three phases',
    help: 'Up, back down to the start, then annihilate (the paper\'s shape) instead of up and down.',
    change: 'hot',
    defaultValue: false,
  }),
  oneCycleStyle: enumField<OneCycleStyle>({
    label: 'One-cycle flavour',
    help: 'PyTorch OneCycleLR, or fastai fit_one_cycle (position i/N, two cosine segments).',
    change: 'hot',
    defaultValue: 'pytorch',
    options: ONE_CYCLE_STYLES,
  }),
  cycleMomentum: booleanField({
    label: 'Cycle momentum',
    help: 'Cyclical and one-cycle: momentum (β₁ for Adam) moves opposite to the learning rate.',
    change: 'hot',
    defaultValue: true,
  }),
  baseMomentum: numberField({
    label: 'Momentum at peak rate',
    help: 'The lowest momentum, used where the learning rate peaks.',
    change: 'hot',
    defaultValue: 0.85,
    min: 0,
    max: 0.999,
    step: 0.001,
  }),
  maxMomentum: numberField({
    label: 'Momentum at low rate',
    help: 'The highest momentum, used where the learning rate is lowest.',
    change: 'hot',
    defaultValue: 0.95,
    min: 0,
    max: 0.999,
    step: 0.001,
  }),
  momentum: numberField({
    label: 'Momentum',
    help: 'μ for momentum and Nesterov, β₁ for Adam; SGD and RMSProp ignore it.',
    change: 'hot',
    defaultValue: 0.9,
    min: 0,
    max: 0.999,
    step: 0.001,
  }),
  rangeMode: enumField<SweepMode>({
    label: 'Sweep',
    help: 'Exponential (fastai: lr = start·(end/start)^(i/n)) or linear (Smith\'s original test).',
    change: 'hot',
    defaultValue: 'exponential',
    options: SWEEP_MODES,
  }),
  rangeStart: numberField({
    label: 'From',
    help: 'Learning rate of the first sweep step.',
    change: 'hot',
    defaultValue: 1e-7,
    min: 1e-8,
    max: 100,
    scale: 'log',
  }),
  rangeEnd: numberField({
    label: 'To',
    help: 'Where the sweep is headed (an exponential sweep stops one step short, as fastai\'s does).',
    change: 'hot',
    defaultValue: 10,
    min: 1e-7,
    max: 1000,
    scale: 'log',
  }),
  rangeSteps: numberField({
    label: 'Sweep steps',
    help: 'One minibatch per step; fastai uses 100.',
    change: 'hot',
    defaultValue: 100,
    min: 10,
    max: 2000,
    integer: true,
  }),
  speed: numberField({
    label: 'Speed',
    help: 'Steps per second at most; 0 trains as fast as the device allows.',
    change: 'hot',
    defaultValue: 0,
    min: 0,
    max: 10_000,
    integer: true,
  }),
  backend: enumField<BackendChoice>({
    label: 'Backend',
    help: 'Automatic picks WebGPU, then WebGL, then CPU. Switching moves the run, weights and all.',
    change: 'hot',
    defaultValue: 'auto',
    options: BACKEND_CHOICES,
  }),
};

type Fields = typeof EXPERIMENT_FIELDS;
export type FieldName = keyof Fields;
type ValueOf<F> = F extends { defaultValue: infer T } ? T : never;
export type ExperimentConfig = { [K in FieldName]: ValueOf<Fields[K]> };

export const FIELD_NAMES = Object.keys(EXPERIMENT_FIELDS) as FieldName[];

export function defaultConfig(): ExperimentConfig {
  const config = {} as Record<FieldName, unknown>;
  for (const name of FIELD_NAMES) config[name] = structuredClone(EXPERIMENT_FIELDS[name].defaultValue);
  return config as ExperimentConfig;
}

export interface ConfigProblem {
  field: string;
  message: string;
}

/**
 * Checks every field of a candidate config. A missing or invalid field is replaced by its default and
 * reported by name; nothing throws. `raw` gives the text to quote in messages (the URL value, say).
 */
export function sanitizeConfig(
  candidate: Partial<Record<FieldName, unknown>>,
  raw: Partial<Record<FieldName, string>> = {},
): { config: ExperimentConfig; problems: ConfigProblem[] } {
  const config = defaultConfig() as Record<FieldName, unknown>;
  const problems: ConfigProblem[] = [];
  for (const name of FIELD_NAMES) {
    if (!(name in candidate)) continue;
    const field = EXPERIMENT_FIELDS[name];
    const result = field.schema.safeParse(candidate[name]);
    if (result.success) {
      config[name] = result.data;
    } else {
      const shown = raw[name] ?? JSON.stringify(candidate[name]);
      const fallback = field.format(field.defaultValue as never);
      problems.push({
        field: name,
        message: `"${name}" = "${shown}" is not valid (${describeIssue(result.error)}); using the default, ${fallback === '' ? 'no hidden layers' : fallback}.`,
      });
    }
  }
  const result = config as ExperimentConfig;
  const layers = result.hidden.length;
  if (result.activation.length === 1 && layers !== 1) {
    result.activation = Array.from({ length: layers }, () => result.activation[0]);
  } else if (result.activation.length !== layers) {
    if ('activation' in candidate) {
      problems.push({
        field: 'activation',
        message: `"activation" lists ${result.activation.length} functions for ${layers} hidden layers. Using tanh for every layer.`,
      });
    }
    result.activation = Array.from({ length: layers }, () => 'tanh' as const);
  }
  return { config: result, problems };
}

/** Names of the fields whose values differ between two configs. */
export function changedFields(a: ExperimentConfig, b: ExperimentConfig): FieldName[] {
  return FIELD_NAMES.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
}

export function isStructuralChange(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return changedFields(a, b).some((name) => EXPERIMENT_FIELDS[name].change === 'structural');
}
