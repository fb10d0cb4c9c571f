/**
 * The one registry of probes, read by the page (the charts, the CSV) and by the worker (the tick's readback, in
 * this order). Each entry is TF.js-free and React-free at import time (probe.ts), so neither side pulls in the
 * other's libraries. A new probe is its folder (declaration, measurement, chart, entry) and a line here.
 */
import { ALIGNMENT } from './alignment/probe';
import { LAYER_STATISTICS } from './layer-statistics/probe';
import type { Probe } from './probe';

export const PROBES: readonly Probe[] = [LAYER_STATISTICS, ALIGNMENT];
