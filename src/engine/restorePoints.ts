/**
 * Where a diverged run goes back to (trainingLoop.ts): the live loop keeps the snapshots of the last few healthy
 * ticks, each with the train loss read back with it, and puts back the best of them, or the run's start if even
 * that one is worse.
 */
import type { SessionSnapshot } from './session';

export interface Divergence {
  /** Step at which the bad loss was seen. */
  atStep: number;
  trainLoss: number;
  learningRate: number;
  /** Step the weights were restored to, and their train loss. */
  restoredStep: number;
  restoredLoss: number;
}

/** A snapshot and the whole-train-set loss read back with it. */
export interface ScoredSnapshot {
  snapshot: SessionSnapshot;
  trainLoss: number;
}

/**
 * Healthy ticks kept as restore candidates. "Healthy" only means below DIVERGENCE_FACTOR × the untrained loss,
 * so the last healthy tick before a blow-up is often already damaged (LocoProp-S at learning rate 10 and
 * γ = 100: loss 5.3 at step 2 against 0.72 untrained); a few ticks back there is usually a good one. Each is
 * θ plus optimizer slots as Float32Arrays, so eight are cheap.
 */
export const RECENT_HEALTHY_TICKS = 8;

/**
 * The state divergence puts back: the recent healthy one with the lowest train loss (the latest on a tie), or
 * `fallback` (the run's start) when even that is worse than the fallback's loss.
 */
export function bestRestorePoint(recent: readonly ScoredSnapshot[], fallback: ScoredSnapshot): ScoredSnapshot {
  let best: ScoredSnapshot | null = null;
  for (const candidate of recent) if (best === null || candidate.trainLoss <= best.trainLoss) best = candidate;
  return best !== null && best.trainLoss <= fallback.trainLoss ? best : fallback;
}
