/**
 * When a run counts as diverged (TF.js-free, so the page's exports can state the same rule): its train loss is
 * non-finite, or above DIVERGENCE_FACTOR times the untrained network's (floored at DIVERGENCE_LOSS_FLOOR). The
 * live loop (trainingLoop.ts) and a sweep's runs (sweep/sweepJob.ts) both judge by it.
 */

/** A loss this many times the untrained network's (or non-finite) counts as divergence. */
export const DIVERGENCE_FACTOR = 10;
/** Floor for the reference loss, so a near-perfect initial fit does not make every wobble "divergence". */
export const DIVERGENCE_LOSS_FLOOR = 0.1;

export function isDiverging(trainLoss: number, initialLoss: number): boolean {
  return !Number.isFinite(trainLoss) || trainLoss > DIVERGENCE_FACTOR * Math.max(initialLoss, DIVERGENCE_LOSS_FLOOR);
}
