/**
 * The LR range test on the live session: snapshot, sweep the learning rate of the active algorithm
 * (backprop's η or LocoProp's inner ρ, with γ and K as set) one minibatch per step, record the minibatch
 * losses, stop on divergence, then restore the snapshot, so that the run's weights, optimizer state, batch
 * order and counters are exactly what they were, whether the sweep finishes, diverges, is cancelled or fails.
 * Losses stay on the device and are read back in chunks (one readback per chunk).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSession } from '../session';
import { FASTAI_RECORDER, record, trimForSuggestions } from './recorder';
import { minimumOverTen, steep, valley, type Suggestion } from './suggestions';
import { sweepLearningRate, type SweepSpec } from './sweep';

export interface RangeTestCurve {
  learningRates: number[];
  losses: number[];
  smoothed: number[];
}

export interface RangeTestResult extends RangeTestCurve {
  outcome: 'finished' | 'diverged' | 'cancelled';
  plannedSteps: number;
  /** Where the points used for suggestions begin (they end 5 before the last). */
  trimStart: number;
  suggestions: { valley: Suggestion; steep: Suggestion; minimum: Suggestion } | null;
  /** Why there are no suggestions, or a caveat, in words. */
  problem: string | null;
}

export interface RangeTestOptions {
  chunk?: number;
  onProgress?: (curve: RangeTestCurve, done: number) => void;
  isCancelled?: () => boolean;
}

/** Fewer usable points than this and no suggestion is made. */
export const MIN_SUGGESTION_POINTS = 3;
/**
 * A curve whose smoothed loss never falls this far below where the suggestions begin is flat: the network
 * learned nothing during the sweep, and valley, steepest slope and minimum would only pick noise.
 */
export const MIN_USEFUL_DROP = 0.1;

const rate = (lr: number): string => lr.toPrecision(3);

export function analyse(curve: RangeTestCurve, plannedSteps: number, outcome: RangeTestResult['outcome']): RangeTestResult {
  const { lrs, losses, start } = trimForSuggestions(curve.learningRates, curve.smoothed, plannedSteps);
  const firstBad = curve.losses.findIndex((l) => !Number.isFinite(l));
  let problem: string | null = null;
  if (firstBad >= 0 && firstBad < start) {
    problem = `The loss became NaN at sweep step ${firstBad + 1} (learning rate ${rate(curve.learningRates[firstBad])}), before the points used for suggestions begin. Start the sweep lower.`;
  } else if (outcome === 'diverged' && curve.losses.length <= start + MIN_SUGGESTION_POINTS + 5) {
    problem = `The loss diverged after ${curve.losses.length} sweep steps, already at learning rate ${rate(curve.learningRates[curve.learningRates.length - 1])}. Start the sweep lower or use more steps.`;
  } else if (lrs.length < MIN_SUGGESTION_POINTS) {
    problem = `Only ${lrs.length} usable points after dropping the first ${start} and the last 5: too few to suggest a learning rate. Use more steps (20 or more) or a wider range.`;
  } else if (!(losses[0] > 0)) {
    // A relative drop below a loss of 0 is 0/0: say what the curve shows instead.
    problem = `The smoothed loss is already ${losses[0] === 0 ? '0' : losses[0].toPrecision(3)} where the suggestions begin (learning rate ${rate(lrs[0])}): there is nothing left to learn on these minibatches, so the curve cannot suggest a learning rate. Sweep a fresh run (Reset) or a harder data set.`;
  } else {
    const drop = 1 - Math.min(...losses.filter(Number.isFinite)) / losses[0];
    if (!(drop >= MIN_USEFUL_DROP)) {
      problem = `The smoothed loss never fell more than ${Math.max(0, 100 * drop).toFixed(1)} % below ${losses[0].toPrecision(3)}: the network learned nothing during the sweep, so any suggestion would pick noise. Use more sweep steps or a higher start, or sweep after some training.`;
    }
  }
  const suggestions = problem === null ? { valley: valley(lrs, losses), steep: steep(lrs, losses), minimum: minimumOverTen(lrs, losses) } : null;
  // Indices relative to the whole curve, for the chart.
  if (suggestions) for (const s of Object.values(suggestions)) s.index += start;
  return { ...curve, outcome, plannedSteps, trimStart: start, suggestions, problem };
}

export async function runRangeTest(session: TrainingSession, spec: SweepSpec, options: RangeTestOptions = {}): Promise<RangeTestResult> {
  const chunk = options.chunk ?? 10;
  const snapshot = await session.snapshot();
  const curve: RangeTestCurve = { learningRates: [], losses: [], smoothed: [] };
  let outcome: RangeTestResult['outcome'] = 'finished';
  try {
    for (let first = 0; first < spec.steps; first += chunk) {
      // A macrotask between chunks, so that a cancel message can arrive (on the CPU backend `data()`
      // resolves without ever leaving the current task).
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (options.isCancelled?.()) {
        outcome = 'cancelled';
        break;
      }
      const count = Math.min(chunk, spec.steps - first);
      const losses: tf.Scalar[] = [];
      for (let i = first; i < first + count; i++) {
        const lr = sweepLearningRate(i, spec);
        curve.learningRates.push(lr);
        losses.push(session.rangeTestStep(lr));
      }
      const stacked = tf.stack(losses);
      losses.forEach((l) => l.dispose());
      const values = await stacked.data();
      stacked.dispose();
      curve.losses.push(...values);
      const recorded = record(curve.losses, FASTAI_RECORDER);
      curve.smoothed = recorded.smoothed;
      if (recorded.stopped) {
        // Keep what the sweep would have recorded had it checked after every step.
        curve.learningRates.length = recorded.lastIndex + 1;
        curve.losses.length = recorded.lastIndex + 1;
        outcome = 'diverged';
      }
      options.onProgress?.({ ...curve }, curve.losses.length);
      if (recorded.stopped) break;
    }
  } finally {
    session.restore(snapshot);
  }
  return analyse(curve, spec.steps, outcome);
}
