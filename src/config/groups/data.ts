/** The data set and how it is cut into minibatches. */
import { DATASET_NAMES, type DatasetName } from '../../engine/data/generators';
import { enumField, numberField } from '../fields';

export const DATA_FIELDS = {
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
};
