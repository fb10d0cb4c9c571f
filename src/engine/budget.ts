/**
 * The training budget (issue 19 §1): "stop at N steps or epochs", one value for every run of a comparison. A run
 * that reaches it pauses where it is (nothing is reset); the worker never lets a tick take it past the budget,
 * fused kernels included (worker/host.ts caps every run's steps with `capToBudget`). No TF.js here: the page
 * shows what an epoch is in steps with the same arithmetic.
 *
 * An epoch is one pass over the training rows, as the schedule counts it (engine/schedule/schedule.ts,
 * durationInSteps): training rows / batch size steps (the batch clipped to the rows, as the session clips it),
 * rounded to whole steps. So runs with different batch sizes stop after the same epochs at different steps.
 */
import { durationInSteps } from './schedule/schedule';

export const BUDGET_UNITS = ['steps', 'epochs'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];

export interface TrainingBudget {
  /** 0: no budget. */
  value: number;
  unit: BudgetUnit;
}

export const NO_BUDGET: TrainingBudget = { value: 0, unit: 'steps' };

/** Steps a run takes per epoch: its training rows over its batch size (clipped to the rows), unrounded. */
export function stepsPerEpoch(trainCount: number, batchSize: number): number {
  return trainCount / Math.max(1, Math.min(batchSize, trainCount));
}

/** The budget as a step count for a run with these training rows and batch size, or null for no budget. */
export function budgetSteps(budget: TrainingBudget, trainCount: number, batchSize: number): number | null {
  if (!(budget.value > 0)) return null;
  if (budget.unit === 'steps') return Math.round(budget.value);
  return durationInSteps(budget.value, 'epochs', stepsPerEpoch(trainCount, batchSize));
}

/** Steps a run at `stepCount` may still take (Infinity without a budget; 0 at or past it). */
export function stepsLeft(limit: number | null, stepCount: number): number {
  return limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - stepCount);
}

/** A tick's plan with no run past its budget: each run's steps cut to what it has left. */
export function capToBudget(plan: readonly number[], left: readonly number[]): number[] {
  return plan.map((steps, i) => Math.min(steps, left[i]));
}
