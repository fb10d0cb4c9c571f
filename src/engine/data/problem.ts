/**
 * What a run learns, as the data says it (no TF.js here: the page reads it too). Every size and shape of the
 * network, the loss and the views comes from a Problem, never from a literal: the 2-D sets are one kind of
 * problem among others (DESIGN.md §2, problem descriptor).
 */
import type { InputFeature } from './features';
import { GENERATED_DATASETS, type GeneratedDataset } from './generators';

export { GENERATED_DATASETS, type GeneratedDataset };

/**
 * binary: one sigmoid output, targets 0/1; classes: a softmax over C outputs, one-hot targets;
 * regression: one linear output; autoencoder: the input reconstructs itself through sigmoid outputs.
 */
export const PROBLEM_TASKS = ['binary', 'classes', 'regression', 'autoencoder'] as const;
export type ProblemTask = (typeof PROBLEM_TASKS)[number];

export interface Problem {
  /** The data set's name (`circle`, `mnist14`, `custom`, …) and a title for people. */
  dataset: string;
  title: string;
  task: ProblemTask;
  inputSize: number;
  outputSize: number;
  /** One name per input. */
  featureNames: string[];
  /**
   * The 2-D sets: the functions of the point (x₁, x₂) the inputs are, in input order (features.ts); the plane's
   * axes are then x₁ and x₂ whatever the inputs. Absent for data whose inputs are its own columns.
   */
  inputFeatures?: readonly InputFeature[];
  /** Class names for binary and classes tasks, in output order; null otherwise. */
  classNames: string[] | null;
  /** Image inputs are width×height grey levels in [0, 1], row-major; null for other inputs. */
  image: { width: number; height: number } | null;
  /** With 2 inputs, the square [−extent, extent]² the plane views cover; 0 otherwise. */
  extent: number;
  /** Rows trained on: the training split less the validation rows. */
  trainCount: number;
  /** Training rows held out as a validation set (0: none). */
  validationCount: number;
  testCount: number;
}

/**
 * Whether the decision-boundary plane can show this problem: two inputs, or features of a 2-D point, and one or
 * more predicted outputs.
 */
export function isPlanar(problem: Problem): boolean {
  return (problem.inputSize === 2 || problem.inputFeatures !== undefined) && problem.task !== 'autoencoder';
}

/** The plane's two axes: x₁ and x₂ for the 2-D sets (whatever features the network sees), else the two inputs. */
export function planeAxisNames(problem: Pick<Problem, 'featureNames' | 'inputFeatures'>): [string, string] {
  if (problem.inputFeatures) return ['x₁', 'x₂'];
  const [x = 'x₁', y = 'x₂'] = problem.featureNames;
  return [x, y];
}

/** Whether accuracy means something: the outputs are classes. */
export function hasClasses(problem: Problem): boolean {
  return problem.task === 'binary' || problem.task === 'classes';
}

/** The data sets shipped under public/data (scripts/build-datasets.mjs), as the page offers them. */
export interface ShippedDataset {
  /** The file under public/data. */
  file: string;
  title: string;
  kind: 'image' | 'tabular';
  /** For images: each side is divided by this (2×2 means → MNIST at 14×14). */
  downsample: number;
  /** For tabular sets: the features a run uses unless the URL names others (two, so the plane shows). */
  defaultFeatures: string[];
  featureNames: string[];
}

export const SHIPPED_DATASETS = {
  digits: { file: 'digits.bin', title: 'Digits 8×8', kind: 'image', downsample: 1, defaultFeatures: [], featureNames: [] },
  mnist: { file: 'mnist.bin', title: 'MNIST 28×28', kind: 'image', downsample: 1, defaultFeatures: [], featureNames: [] },
  mnist14: { file: 'mnist.bin', title: 'MNIST 14×14', kind: 'image', downsample: 2, defaultFeatures: [], featureNames: [] },
  iris: {
    file: 'iris.bin',
    title: 'Iris',
    kind: 'tabular',
    downsample: 1,
    defaultFeatures: ['petal length (cm)', 'petal width (cm)'],
    featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
  },
  penguins: {
    file: 'penguins.bin',
    title: 'Palmer penguins',
    kind: 'tabular',
    downsample: 1,
    defaultFeatures: ['Beak Length (mm)', 'Flipper Length (mm)'],
    featureNames: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  },
} as const satisfies Record<string, ShippedDataset>;

export type ShippedDatasetName = keyof typeof SHIPPED_DATASETS;
export const SHIPPED_DATASET_NAMES = Object.keys(SHIPPED_DATASETS) as ShippedDatasetName[];

/** Every data set a run may name: generated, shipped, or the CSV file the user loaded in this session. */
export const DATASET_NAMES = [...GENERATED_DATASETS, ...SHIPPED_DATASET_NAMES, 'custom'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export function isGenerated(name: DatasetName): name is GeneratedDataset {
  return (GENERATED_DATASETS as readonly string[]).includes(name);
}

export function isShipped(name: DatasetName): name is ShippedDatasetName {
  return name in SHIPPED_DATASETS;
}

export function isImageDataset(name: DatasetName): boolean {
  return isShipped(name) && SHIPPED_DATASETS[name].kind === 'image';
}

/** Network limits: the 2-D sets keep the teaching-scale limits, real data may use bigger networks. */
export const PLANE_LIMITS = { layers: 6, units: 64 } as const;
export const REAL_DATA_LIMITS = { layers: 8, units: 1024 } as const;

export function networkLimitsFor(name: DatasetName): { layers: number; units: number } {
  return isGenerated(name) ? PLANE_LIMITS : REAL_DATA_LIMITS;
}
