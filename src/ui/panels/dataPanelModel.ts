/**
 * What the Data panel shows for each data set, as pure functions (unit-tested): the picker's groups and
 * labels, which controls apply, the tabular feature choice and the 2-D feature inputs (never empty), the config
 * a pick leads to and the one-line summary of a run's data. No React here, and no TF.js (problem.ts is TF.js-free).
 */
import type { ExperimentConfig } from '../../config/experiment';
import type { LearningGoal } from '../../engine/data/dataset';
import {
  GENERATED_DATASETS,
  isGenerated,
  isImageDataset,
  networkLimitsFor,
  SHIPPED_DATASETS,
  type DatasetName,
  type Problem,
} from '../../engine/data/problem';
import { taskOf } from '../../engine/data/generators';
import { INPUT_FEATURE_LABELS, INPUT_FEATURES, inputFeaturesOf, isPointItself, type InputFeature } from '../../engine/data/features';
import { networkForPick } from './networkPresets';
import { groupedNumber } from '../../text/groupedNumber';

export const DATASET_LABELS: Record<DatasetName, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussians: 'Two Gaussians',
  spiral: 'Spiral',
  moons: 'Two moons',
  plane: 'Plane',
  hills: 'Hills',
  digits: 'Digits 8×8',
  mnist: 'MNIST 28×28',
  mnist14: 'MNIST 14×14',
  iris: 'Iris',
  penguins: 'Penguins',
  custom: 'CSV file',
};

export interface DatasetGroup {
  title: string;
  names: readonly DatasetName[];
}

/** The picker's rows: the 2-D sets by task, then real data. */
export const DATASET_GROUPS: readonly DatasetGroup[] = [
  { title: 'classification', names: GENERATED_DATASETS.filter((name) => taskOf(name) === 'classification') },
  { title: 'regression', names: GENERATED_DATASETS.filter((name) => taskOf(name) === 'regression') },
  { title: 'images', names: ['digits', 'mnist', 'mnist14'] },
  { title: 'tables', names: ['iris', 'penguins'] },
  { title: 'your data', names: ['custom'] },
];

export type TabularDataset = 'iris' | 'penguins';

export function isTabularShipped(name: DatasetName): name is TabularDataset {
  return name === 'iris' || name === 'penguins';
}

/** Sets whose train and test parts are fixed by the file (no training-split slider). */
const FIXED_SPLITS: Partial<Record<DatasetName, string>> = {
  mnist: 'fixed split: 10,000 train / 2,000 test',
  mnist14: 'fixed split: 10,000 train / 2,000 test',
};

export interface DataControls {
  /** Noise and point count: the generated 2-D sets only. */
  noise: boolean;
  points: boolean;
  /** The training-split slider, or the words naming the fixed split instead. */
  trainPercent: boolean;
  fixedSplit: string | null;
  /** The classify/autoencoder toggle: image sets. */
  task: boolean;
  /** The feature checkboxes (all names, catalog order): shipped tables. */
  featureNames: readonly string[] | null;
  /** The feature-input toggles (x₁, x₂, x₁², …): the 2-D sets. */
  inputFeatures: boolean;
  /** The CSV panel. */
  csv: boolean;
}

export function controlsFor(name: DatasetName): DataControls {
  const generated = isGenerated(name);
  const fixedSplit = FIXED_SPLITS[name] ?? null;
  return {
    noise: generated,
    points: generated,
    trainPercent: fixedSplit === null,
    fixedSplit,
    task: isImageDataset(name),
    featureNames: isTabularShipped(name) ? SHIPPED_DATASETS[name].featureNames : null,
    inputFeatures: generated,
    csv: name === 'custom',
  };
}

export const TASK_LABELS: Record<LearningGoal, string> = {
  supervised: 'Classify the digit',
  autoencoder: 'Autoencoder: reconstruct the image',
};

/** The features a tabular set uses: those named, or its defaults when none are. */
export function featuresInUse(name: TabularDataset, features: readonly string[]): string[] {
  return features.length > 0 ? [...features] : [...SHIPPED_DATASETS[name].defaultFeatures];
}

/**
 * The `features` field after ticking or unticking one: in catalog order, never empty (unticking the last one
 * changes nothing), and [] when the result is the set's defaults, so links stay short.
 */
export function toggleFeature(name: TabularDataset, features: readonly string[], feature: string, checked: boolean): string[] {
  const all: readonly string[] = SHIPPED_DATASETS[name].featureNames;
  if (!all.includes(feature)) return [...features];
  const current = new Set(featuresInUse(name, features));
  if (checked) current.add(feature);
  else current.delete(feature);
  if (current.size === 0) return [...features];
  const next = all.filter((f) => current.has(f));
  const defaults: readonly string[] = SHIPPED_DATASETS[name].defaultFeatures;
  const isDefault = next.length === defaults.length && next.every((f) => defaults.includes(f));
  return isDefault ? [] : next;
}

/**
 * The config after picking a data set, and a sentence on its network: features only make sense for the set that
 * named them (the 2-D sets share theirs), the autoencoder only on images; the set's own network unless the user
 * has set one (networkPresets.ts, networkForPick), and a network bigger than the new set allows cut to its limits.
 */
export function pickDataset(config: ExperimentConfig, name: DatasetName): { config: ExperimentConfig; note: string | null } {
  if (config.dataset === name) return { config, note: null };
  const { network, note } = networkForPick(config, name, DATASET_LABELS[name]);
  const limits = networkLimitsFor(name);
  const hidden = network.hidden.slice(0, limits.layers).map((units) => Math.min(units, limits.units));
  const activation = network.activation.slice(0, hidden.length);
  const bothPlanes = isGenerated(name) && isGenerated(config.dataset);
  return {
    config: {
      ...config,
      dataset: name,
      task: isImageDataset(name) ? config.task : 'supervised',
      features: bothPlanes ? [...config.features] : [],
      hidden,
      activation,
      init: network.init,
    },
    note,
  };
}

export function configForDataset(config: ExperimentConfig, name: DatasetName): ExperimentConfig {
  return pickDataset(config, name).config;
}

/**
 * The 2-D sets' feature inputs after pressing one (engine/data/features.ts): the `features` field in catalog
 * order, [] when the result is x₁, x₂ (links stay short); turning off the last one is refused with a sentence.
 */
export function toggleInputFeature(features: readonly string[], feature: InputFeature): { features: string[]; refused: string | null; restarted: string | null } {
  const on = inputFeaturesOf(features);
  const next = on.includes(feature) ? on.filter((f) => f !== feature) : INPUT_FEATURES.filter((f) => f === feature || on.includes(f));
  if (next.length === 0) return { features: [...features], refused: `${INPUT_FEATURE_LABELS[feature]} is the only input left on: the network needs at least one.`, restarted: null };
  // The inputs are the network's first layer: a new run, as for the seed or the initialisation (the "new run" badge).
  const restarted = `Feature inputs are now ${next.map((f) => INPUT_FEATURE_LABELS[f]).join(', ')}: the network's input layer changed, so a new run started from step 0 on them.`;
  return { features: isPointItself(next) ? [] : next, refused: null, restarted };
}

const count = (n: number): string => groupedNumber(n);
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;

/** e.g. "MNIST 14×14 · 10,000 train / 2,000 test · 196 inputs · 10 classes" (and "/ 1,000 validation" with a validation split). */
export function problemSummary(problem: Problem): string {
  const validation = problem.validationCount > 0 ? ` / ${count(problem.validationCount)} validation` : '';
  const parts = [problem.title, `${count(problem.trainCount)} train${validation} / ${count(problem.testCount)} test`, plural(problem.inputSize, 'input', 'inputs')];
  if (problem.task === 'autoencoder') parts.push(`reconstructs ${plural(problem.outputSize, 'output', 'outputs')}`);
  else if (problem.task === 'regression') parts.push('regression (1 output)');
  else if (problem.classNames) parts.push(plural(problem.classNames.length, 'class', 'classes'));
  return parts.join(' · ');
}
