/**
 * The LR range test's sweep: fastai's `lr_find` (https://docs.fast.ai/callback.schedule.html#learner.lr_find:
 * exponential, start_lr 1e-7, end_lr 10, num_it 100) or Smith's linear test (Smith, "Cyclical Learning Rates for
 * Training Neural Networks", WACV 2017, arXiv:1506.01186, §3.3).
 */
import { SWEEP_MODES, type SweepMode } from '../../engine/lrfinder/sweep';
import { enumField, numberField } from '../fields';

export const RANGE_TEST_FIELDS = {
  rangeMode: enumField<SweepMode>({
    label: 'Sweep',
    help: 'Exponential (fastai: lr = start·(end/start)^(i/n)) or linear (Smith\'s original test).',
    change: 'hot',
    defaultValue: 'exponential',
    options: SWEEP_MODES,
  }),
  rangeStart: numberField({
    label: 'From',
    help: 'Learning rate of the first sweep step (fastai starts at 1e-7; 1e-5 leaves more steps where a small network learns).',
    change: 'hot',
    defaultValue: 1e-5,
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
    help: 'One minibatch per step. fastai uses 100; a small network on small batches needs about 300 to show the dip before the loss explodes.',
    change: 'hot',
    defaultValue: 300,
    min: 10,
    max: 2000,
    integer: true,
  }),
};
