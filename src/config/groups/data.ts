/** The data set and how it is cut into minibatches. */
import { LEARNING_GOALS, type LearningGoal } from '../../engine/data/dataset';
import { DATASET_NAMES, type DatasetName } from '../../engine/data/problem';
import { enumField, numberField, textListField } from '../fields';

export const DATA_FIELDS = {
  dataset: enumField<DatasetName>({
    label: 'Data set',
    help: 'Five 2-D classification sets, two 2-D regression sets, real data (digits, MNIST, iris, penguins) or your own CSV file (custom).',
    change: 'structural',
    defaultValue: 'circle',
    options: DATASET_NAMES,
  }),
  task: enumField<LearningGoal>({
    label: 'Task',
    help: 'Learn the label (classes or a number), or, on image data, reconstruct the image (an autoencoder).',
    change: 'structural',
    defaultValue: 'supervised',
    options: LEARNING_GOALS,
  }),
  features: textListField({
    label: 'Features',
    // The 2-D sets' names are TensorFlow Playground's inputs (src/playground.ts, INPUTS), engine/data/features.ts.
    help: 'What the network sees. 2-D sets: functions of the point (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2; empty: x1, x2). Tabular data: the columns, by name (empty: the data set\'s two defaults, so the plane shows).',
    change: 'structural',
    defaultValue: [],
    maxLength: 64,
  }),
  noise: numberField({
    label: 'Noise',
    help: 'Label noise / jitter, as in TensorFlow Playground (2-D sets).',
    change: 'structural',
    defaultValue: 10,
    min: 0,
    max: 50,
    integer: true,
    unit: '%',
  }),
  trainPercent: numberField({
    label: 'Training split',
    help: 'Share of the points used for training; the rest is the test set (MNIST has a fixed split).',
    change: 'structural',
    defaultValue: 50,
    min: 10,
    max: 90,
    integer: true,
    unit: '%',
  }),
  validationPercent: numberField({
    label: 'Validation split',
    help: 'Share of the training points held out of training, on which sweeps choose their best value (never the test set); 0 = none.',
    change: 'structural',
    defaultValue: 0,
    min: 0,
    max: 50,
    integer: true,
    unit: '%',
  }),
  points: numberField({
    label: 'Points',
    help: 'Number of points before the split (2-D sets).',
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
};
