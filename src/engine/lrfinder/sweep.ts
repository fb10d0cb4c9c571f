/**
 * The learning rates of an LR range test (research/lr-schedules.md §6): for step i of n,
 *   exponential: start·(end/start)^(i/n)     (fastai; end is never reached), or ^(i/(n−1)) with reachEnd
 *                (pytorch-lr-finder),
 *   linear:      start + (end − start)·i/n   (Smith's original test), or i/(n−1) with reachEnd.
 */
export const SWEEP_MODES = ['exponential', 'linear'] as const;
export type SweepMode = (typeof SWEEP_MODES)[number];

export interface SweepSpec {
  start: number;
  end: number;
  steps: number;
  mode: SweepMode;
  reachEnd?: boolean;
}

export function sweepLearningRate(i: number, spec: SweepSpec): number {
  const fraction = i / (spec.reachEnd ? spec.steps - 1 : spec.steps);
  return spec.mode === 'exponential'
    ? spec.start * (spec.end / spec.start) ** fraction
    : spec.start + (spec.end - spec.start) * fraction;
}
