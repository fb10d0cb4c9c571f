/** How the runs of a comparison share the device, and how many seeds a run is repeated over. */
import { PACINGS, type Pacing } from '../../engine/pacing';
import { enumField, numberField } from '../fields';

export const MAX_REPEAT_SEEDS = 10;

export const COMPARISON_FIELDS = {
  pacing: enumField<Pacing>({
    label: 'Pacing',
    help: 'lockstep: every run does the same steps (compare per step); time: each run gets the same time (compare per second).',
    change: 'hot',
    defaultValue: 'lockstep',
    options: PACINGS,
    scope: 'experiment',
  }),
  repeatSeeds: numberField({
    label: 'Repeat over seeds',
    help: 'Train this run with seeds s, s+1, …: the chart shows the median and a band instead of one line.',
    change: 'structural',
    defaultValue: 1,
    min: 1,
    max: MAX_REPEAT_SEEDS,
    integer: true,
  }),
};
