/**
 * A data set split into train and test parts (and, when asked, a validation part carved from the train part),
 * whatever its source, and the minibatch order over the train part. Widths come from the Problem: inputs are count × inputSize, targets count × outputSize (one-hot for
 * classes, the input itself for an autoencoder), row-major.
 */
import { createRandom, deriveSeed, shuffleInPlace, type Random } from '../random';
import { featurizePoints, INPUT_FEATURE_LABELS, inputFeaturesOf, isPointItself } from './features';
import { generatePoints, taskOf } from './generators';
import { isGenerated, type DatasetName, type GeneratedDataset, type Problem, type ProblemTask } from './problem';

/** Learn the data's label (its task), or reconstruct the input (images only). */
export const LEARNING_GOALS = ['supervised', 'autoencoder'] as const;
export type LearningGoal = (typeof LEARNING_GOALS)[number];

export interface DatasetSpec {
  name: DatasetName;
  /** Number of points before the split (generated sets only). */
  points: number;
  /** Percentage 0–50, as in TensorFlow Playground (generated sets only). */
  noisePercent: number;
  /** Percentage of the rows used for training, 10–90, where the data has no fixed split. */
  trainPercent: number;
  /** Percentage 0–50 of the training rows held out of training as a validation set (0: none). */
  validationPercent: number;
  seed: number;
  goal: LearningGoal;
  /**
   * Tabular data: the feature columns to use, by name; the 2-D sets: the feature inputs (features.ts: x1, x2,
   * x1sq, …). Empty means the data set's defaults (x1, x2 for the 2-D sets).
   */
  features: readonly string[];
}

export interface Examples {
  inputs: Float32Array;
  targets: Float32Array;
  /** Each example's class index, for binary and classes tasks (and the images of an autoencoder); else null. */
  labels: Uint8Array | null;
  count: number;
  /** The 2-D sets on feature inputs: the points (x₁, x₂) the inputs are computed from, count × 2 (the plane draws these). */
  points?: Float32Array;
}

export interface Dataset {
  problem: Problem;
  /** The rows trained on (the training split less the validation rows). */
  train: Examples;
  /** Training rows held out of training, on which a sweep chooses its best value; null without a split. */
  validation: Examples | null;
  test: Examples;
}

const SEED_STREAM_DATA = 1;
const SEED_STREAM_SPLIT = 2;
/** Its own stream, so carving a validation part leaves the points, the train/test split and the batches' seed as they were. */
const SEED_STREAM_VALIDATION = 6;

/** A seeded permutation of `count` rows cut at trainPercent (at least one row on each side). */
export function splitRows(count: number, trainPercent: number, seed: number): { train: Uint32Array; test: Uint32Array } {
  const order = new Uint32Array(count).map((_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(seed, SEED_STREAM_SPLIT)));
  const trainCount = Math.min(count - 1, Math.max(1, Math.round((count * trainPercent) / 100)));
  return { train: order.subarray(0, trainCount), test: order.subarray(trainCount) };
}

/**
 * The training rows less a validation part: round(count × validationPercent / 100) of `train`, picked by a
 * seeded permutation, at least one row left to train on. Both parts keep the rows' order in `train`; with no
 * validation rows `train` itself comes back, so a run without a split is the run it always was.
 */
export function carveValidation(train: Uint32Array, validationPercent: number, seed: number): { train: Uint32Array; validation: Uint32Array } {
  const count = Math.min(train.length - 1, Math.max(0, Math.round((train.length * validationPercent) / 100)));
  if (count <= 0) return { train, validation: new Uint32Array(0) };
  const order = new Uint32Array(train.length).map((_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(seed, SEED_STREAM_VALIDATION)));
  const held = new Uint8Array(train.length);
  for (let i = 0; i < count; i++) held[order[i]] = 1;
  return { train: train.filter((_, i) => held[i] === 0), validation: train.filter((_, i) => held[i] === 1) };
}

type LabelledTable = { inputs: Float32Array; inputSize: number; targets: Float32Array; outputSize: number; labels: Uint8Array | null };

/**
 * A table's train, validation and test examples and their counts, from its train/test split (by trainPercent or
 * the data's fixed one) and the spec's validation share (carveValidation): what every data source builds last.
 */
export function splitExamples(
  table: LabelledTable,
  split: { train: Uint32Array; test: Uint32Array },
  spec: Pick<DatasetSpec, 'validationPercent' | 'seed'>,
): Pick<Dataset, 'train' | 'validation' | 'test'> & { counts: Pick<Problem, 'trainCount' | 'validationCount' | 'testCount'> } {
  const { train, validation } = carveValidation(split.train, spec.validationPercent, spec.seed);
  return {
    train: gatherExamples(table, train),
    validation: validation.length > 0 ? gatherExamples(table, validation) : null,
    test: gatherExamples(table, split.test),
    counts: { trainCount: train.length, validationCount: validation.length, testCount: split.test.length },
  };
}

/** The given rows of a labelled table, with targets made for the task. */
export function gatherExamples(
  table: LabelledTable,
  rows: ArrayLike<number>,
): Examples {
  const { inputSize, outputSize } = table;
  const count = rows.length;
  const first = count > 0 ? rows[0] : 0;
  if (count > 0 && rows[count - 1] === first + count - 1 && Array.prototype.every.call(rows, (r: number, i: number) => r === first + i)) {
    // A contiguous range (a fixed split): views, not copies (MNIST's inputs are 31 MB).
    return {
      inputs: table.inputs.subarray(first * inputSize, (first + count) * inputSize),
      targets: table.targets.subarray(first * outputSize, (first + count) * outputSize),
      labels: table.labels ? table.labels.subarray(first, first + count) : null,
      count,
    };
  }
  const sameArray = table.targets === table.inputs;
  const inputs = new Float32Array(count * inputSize);
  // An autoencoder's targets are its inputs: one array for both.
  const targets = sameArray ? inputs : new Float32Array(count * outputSize);
  const labels = table.labels ? new Uint8Array(count) : null;
  for (let i = 0; i < count; i++) {
    const source = rows[i];
    inputs.set(table.inputs.subarray(source * inputSize, (source + 1) * inputSize), i * inputSize);
    if (!sameArray) targets.set(table.targets.subarray(source * outputSize, (source + 1) * outputSize), i * outputSize);
    if (labels && table.labels) labels[i] = table.labels[source];
  }
  return { inputs, targets, labels, count };
}

/** Targets for class indices: one 0/1 column for two classes (a sigmoid output), one-hot rows for more. */
export function classTargets(labels: Uint8Array, classCount: number): { targets: Float32Array; outputSize: number; task: ProblemTask } {
  if (classCount === 2) return { targets: Float32Array.from(labels), outputSize: 1, task: 'binary' };
  const targets = new Float32Array(labels.length * classCount);
  labels.forEach((label, i) => (targets[i * classCount + label] = 1));
  return { targets, outputSize: classCount, task: 'classes' };
}

const GENERATED_TITLES: Record<GeneratedDataset, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussians: 'Two Gaussians',
  spiral: 'Spiral',
  moons: 'Two moons',
  plane: 'Plane (regression)',
  hills: 'Hills (regression)',
};

/**
 * One of the 2-D sets, generated from the seed (synchronous: no file to read). Points, split and batches do not
 * depend on the feature inputs: each part's inputs are its points through them (features.ts), the points kept.
 */
export function buildGeneratedDataset(spec: DatasetSpec & { name: GeneratedDataset }): Dataset {
  const all = generatePoints(spec.name, spec.points, spec.noisePercent / 100, createRandom(deriveSeed(spec.seed, SEED_STREAM_DATA)));
  const classification = taskOf(spec.name) === 'classification';
  const labels = classification ? Uint8Array.from(all.targets) : null;
  const table = { inputs: all.inputs, inputSize: 2, targets: all.targets, outputSize: 1, labels };
  const { counts, ...parts } = splitExamples(table, splitRows(spec.points, spec.trainPercent, spec.seed), spec);
  const features = inputFeaturesOf(spec.features);
  // On x₁, x₂ the parts stay as they were (no `points`: the inputs are the points).
  const featurized = (part: Examples): Examples => (isPointItself(features) ? part : { ...part, inputs: featurizePoints(part.inputs, features), points: part.inputs });
  return {
    problem: {
      dataset: spec.name,
      title: GENERATED_TITLES[spec.name],
      task: classification ? 'binary' : 'regression',
      inputSize: features.length,
      outputSize: 1,
      featureNames: features.map((feature) => INPUT_FEATURE_LABELS[feature]),
      inputFeatures: features,
      classNames: classification ? ['0', '1'] : null,
      image: null,
      extent: 1,
      ...counts,
    },
    train: featurized(parts.train),
    validation: parts.validation ? featurized(parts.validation) : null,
    test: featurized(parts.test),
  };
}

export function isGeneratedSpec(spec: DatasetSpec): spec is DatasetSpec & { name: GeneratedDataset } {
  return isGenerated(spec.name);
}

/** Where the minibatch order stands: enough to continue with exactly the same batches. */
export interface SamplerSnapshot {
  order: Uint32Array;
  position: number;
  randomState: number;
}

/**
 * Minibatches drawn without replacement: each epoch is a fresh seeded permutation of the training set, and
 * a batch that runs past the end of an epoch continues into the next one, so every batch has exactly
 * `batchSize` examples and the order depends only on the seed.
 */
export class MinibatchSampler {
  private readonly random: Random;
  private readonly order: Uint32Array;
  private position: number;

  constructor(count: number, seed: number) {
    this.random = createRandom(seed);
    this.order = new Uint32Array(count).map((_, i) => i);
    this.position = this.order.length; // forces a shuffle on the first draw
  }

  snapshot(): SamplerSnapshot {
    return { order: this.order.slice(), position: this.position, randomState: this.random.getState() };
  }

  restore(snapshot: SamplerSnapshot): void {
    this.order.set(snapshot.order);
    this.position = snapshot.position;
    this.random.setState(snapshot.randomState);
  }

  /** Writes the rows of the next `rows.length` examples into `rows` (several batches in a row, for fused steps). */
  nextRows(rows: Int32Array): void {
    for (let i = 0; i < rows.length; i++) {
      if (this.position >= this.order.length) {
        shuffleInPlace(this.order, this.random);
        this.position = 0;
      }
      rows[i] = this.order[this.position++];
    }
  }
}

/** The next `batchSize` examples of `examples` in the sampler's order, as plain arrays. */
export function nextBatch(sampler: MinibatchSampler, examples: Examples, problem: Problem, batchSize: number): { inputs: Float32Array; targets: Float32Array } {
  const rows = new Int32Array(batchSize);
  sampler.nextRows(rows);
  const { inputs, targets } = gatherExamples({ ...examples, inputSize: problem.inputSize, outputSize: problem.outputSize }, rows);
  return { inputs, targets };
}
