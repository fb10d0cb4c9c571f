/** The worker's registry of probes: each declaration of registry.ts with its measurement, in the same order. */
import { alignmentMeasurement } from './alignment/measure';
import { layerStatisticsMeasurement } from './layer-statistics/measure';
import type { ProbeMeasurement } from './measurement';

export const PROBE_MEASUREMENTS: readonly ProbeMeasurement[] = [layerStatisticsMeasurement, alignmentMeasurement];
