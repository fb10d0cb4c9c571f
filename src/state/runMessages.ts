/**
 * The page's words for the worker's facts (DESIGN.md §1: the worker sends codes and numbers, the UI writes
 * the prose). With more than one run, a message names its run the way the runs list does.
 */
import type { WorkerEvent } from '../worker/protocol';

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

/** A ratio as a reader wants it: "37", "2.4". */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2);
}

export function divergedText(fact: Extract<WorkerEvent, { type: 'diverged' }>, seeds: number): string {
  const seed = seeds > 1 ? ` (seed ${fact.seed})` : '';
  return (
    `Training diverged${seed}: the training loss reached ${format(fact.trainLoss)} at step ${fact.atStep} with learning rate ${format(fact.learningRate)}. ` +
    `Paused and restored the weights of step ${fact.restoredStep} (training loss ${format(fact.restoredLoss)}). Lower the learning rate and press play, or reset.`
  );
}

export function penaltyText(dominance: NonNullable<Extract<WorkerEvent, { type: 'penalty' }>['dominance']>): string {
  return (
    `The ${dominance.regularization.toUpperCase()} penalty's gradient is ${formatRatio(dominance.ratio)}× the loss's (regularisation rate ${format(dominance.rate)}): ` +
    'it pulls the weights to zero, so the network outputs nearly a constant. Lower the regularisation rate.'
  );
}

/** "Run 2 (LocoProp-M, γ = 3): " when several runs are on, nothing for a lone run. */
export function runPrefix(position: number, runCount: number, name: string): string {
  return runCount > 1 ? `Run ${position} (${name}): ` : '';
}
