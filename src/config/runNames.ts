/**
 * A run's name in the runs list and the chart legends. The first run is described by what trains it
 * ("Backprop, Adam, lr 0.01"); every other run by how it differs from the first ("LocoProp-M, γ = 3",
 * "lr 0.1, cyclical"), so a legend reads as the comparison it is.
 */
import { mainSettingOf, settingRunName } from '../algorithms/presentation';
import { ALGORITHM_INFO } from '../algorithms/registry';
import type { BackpropOptimizer } from '../engine/names';
import { changedFields, EXPERIMENT_FIELDS, type ExperimentConfig, type FieldName } from './experiment';

/**
 * Short forms of the shared fields people compare most; an algorithm's settings take theirs from its settings
 * group (runNames); the rest use their label.
 */
const SHORT: Partial<Record<FieldName, (config: ExperimentConfig) => string>> = {
  algorithm: (c) => ALGORITHM_INFO[c.algorithm].label,
  optimizer: (c) => OPTIMIZER_NAMES[c.optimizer],
  learningRate: (c) => `lr ${short(c.learningRate)}`,
  maxLearningRate: (c) => `max lr ${short(c.maxLearningRate)}`,
  schedule: (c) => c.schedule,
  momentum: (c) => `μ ${short(c.momentum)}`,
  hypergradientRate: (c) => `β ${short(c.hypergradientRate)}`,
  seed: (c) => `seed ${c.seed}`,
  batchSize: (c) => `batch ${c.batchSize}`,
  hidden: (c) => (c.hidden.length === 0 ? 'no hidden layer' : `layers ${c.hidden.join('-')}`),
  activation: (c) => EXPERIMENT_FIELDS.activation.format(c.activation),
  dataset: (c) => c.dataset,
};

/** Backprop's optimizers in a name; RMSProp says whose, as LocoProp's inner TF1 RMSProp shares its URL value. */
const OPTIMIZER_NAMES: Record<BackpropOptimizer, string> = { sgd: 'SGD', momentum: 'momentum', nesterov: 'Nesterov', adam: 'Adam', rmsprop: 'RMSProp (PyTorch)', 'sgd-hd': 'SGD-HD', 'adam-hd': 'Adam-HD' };

/** Fields that hold for the whole experiment never name a run. */
const NOT_A_DIFFERENCE = new Set<FieldName>(['backend', 'speed', 'pacing', 'repeatSeeds', 'rangeMode', 'rangeStart', 'rangeEnd', 'rangeSteps'] as FieldName[]);

function short(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function describeField(name: FieldName, config: ExperimentConfig): string {
  const custom = SHORT[name];
  if (custom) return custom(config);
  const declared = settingRunName(name, config);
  if (declared !== null) return declared;
  const field = EXPERIMENT_FIELDS[name];
  const format = field.format as (value: unknown) => string;
  return `${field.label.toLowerCase()} ${format(config[name])}`;
}

export function describeFirstRun(config: ExperimentConfig): string {
  const info = ALGORITHM_INFO[config.algorithm];
  const parts = [info.label, describeField(info.optimizerField, config), describeField('learningRate', config)];
  if (config.schedule !== 'constant') parts.push(config.schedule);
  return parts.join(', ');
}

/** How `config` differs from the first run's, in words; "same settings" when it does not. */
export function describeDifference(first: ExperimentConfig, config: ExperimentConfig): string {
  const changed = changedFields(first, config).filter((name) => !NOT_A_DIFFERENCE.has(name));
  if (changed.length === 0) return 'same settings';
  const parts = changed.map((name) => describeField(name, config));
  // A different algorithm is named with its main knob (its group's mainField), so "LocoProp-M, γ = 3" reads on its own.
  const main = mainSettingOf(config.algorithm) as FieldName | null;
  if (changed.includes('algorithm') && main !== null && !changed.includes(main)) {
    parts.splice(changed.indexOf('algorithm') + 1, 0, describeField(main, config));
  }
  return parts.join(', ');
}
