/**
 * The learning rates of an LR range test (fastai `lr_find`, https://docs.fast.ai/callback.schedule.html;
 * davidtvs/pytorch-lr-finder `LRFinder.range_test`; Smith, WACV 2017, arXiv:1506.01186, §3.3): for step i of n,
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
