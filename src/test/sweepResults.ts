import type { SweepRunResult } from '../engine/sweep/types';

/**
 * What a sweep recorded of a run (its checkpoints, metrics, divergence, correctness), without how many runs trained
 * beside it (`trainedWith`): a run trained in a group and alone must record the same, not be trained the same way.
 */
export function recorded(result: SweepRunResult): Omit<SweepRunResult, 'trainedWith'> {
  const copy: Partial<SweepRunResult> = { ...result };
  delete copy.trainedWith;
  return copy as Omit<SweepRunResult, 'trainedWith'>;
}
