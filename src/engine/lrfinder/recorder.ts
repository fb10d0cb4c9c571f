/**
 * The LR range test's recording rules, as fastai's Recorder and LRFinder apply them
 * (https://docs.fast.ai/callback.schedule.html `LRFinder`, https://docs.fast.ai/learner.html `AvgSmoothLoss`
 * and `Recorder`; source fastai/callback/schedule.py and fastai/learner.py):
 *  - smoothing: debiased EMA with β = 0.98, s_c = v_c/(1 − β^c), so the first smoothed value is the first loss;
 *  - stop: as soon as a smoothed loss is non-finite or exceeds 4× the best (smallest) smoothed loss so far;
 *  - trim for suggestions: drop the first ⌊n/10⌋ points (n = the planned steps) and the last 5, then cut at
 *    the first NaN.
 */
import { smoothDebiased } from '../smoothing';

export interface RecorderOptions {
  beta: number;
  /** Stop when smoothed > divergenceFactor × best. */
  divergenceFactor: number;
}

export const FASTAI_RECORDER: RecorderOptions = { beta: 0.98, divergenceFactor: 4 };

/** Index of the step after which the sweep stops (inclusive), or null if it never does. */
export function stopIndex(smoothed: readonly number[], factor: number): number | null {
  let best = Infinity;
  for (let i = 0; i < smoothed.length; i++) {
    const s = smoothed[i];
    if (!Number.isFinite(s)) return i;
    if (s < best) best = s;
    if (s > factor * best) return i;
  }
  return null;
}

export interface Recorded {
  smoothed: number[];
  /** Index of the last step the sweep runs (the stop step, or the last planned step). */
  lastIndex: number;
  stopped: boolean;
}

/** Smooths the raw losses seen so far and applies the stopping rule. */
export function record(rawLosses: readonly number[], options: RecorderOptions = FASTAI_RECORDER): Recorded {
  const smoothed = smoothDebiased(rawLosses, options.beta);
  // smoothDebiased passes NaN through; the recorder must see it to stop.
  const stop = stopIndex(smoothed, options.divergenceFactor);
  return { smoothed: stop === null ? smoothed : smoothed.slice(0, stop + 1), lastIndex: stop ?? rawLosses.length - 1, stopped: stop !== null };
}

/** The points suggestions are computed on: [⌊planned/10⌋, length − 5), cut at the first non-finite loss. */
export function trimForSuggestions(lrs: readonly number[], losses: readonly number[], plannedSteps: number): { lrs: number[]; losses: number[]; start: number } {
  const start = Math.floor(plannedSteps / 10);
  const end = losses.length - 5;
  const keptLrs: number[] = [];
  const keptLosses: number[] = [];
  for (let i = start; i < end; i++) {
    if (!Number.isFinite(losses[i])) break;
    keptLrs.push(lrs[i]);
    keptLosses.push(losses[i]);
  }
  return { lrs: keptLrs, losses: keptLosses, start };
}
