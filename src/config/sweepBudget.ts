/**
 * A sweep's budget (issue 17 §1) and its time estimate: how long each run trains (steps, epochs of its own data,
 * or seconds of training on its own clock), whether the budget is allowed, how many steps it comes to per group,
 * and how long the whole sweep would take, in words a refusal can show. TF.js-free; config/sweep.ts expands a
 * sweep with it.
 */
import type { BudgetUnit } from '../engine/budget';
import { quotedValue } from './experiment';
import { groupedNumber } from '../text/groupedNumber';

/** The longest budget a sweep's run may have, in steps. */
export const MAX_SWEEP_BUDGET = 1_000_000;
/** The longest budget in epochs (a run's steps are also held to MAX_SWEEP_BUDGET by the estimate's refusal). */
export const MAX_SWEEP_EPOCHS = 10_000;
/** The longest budget of training time a run may have, in seconds. */
export const MAX_SWEEP_SECONDS = 600;

/** Steps, epochs (engine/budget.ts), or seconds of training on each run's own clock (equal training time). */
export const SWEEP_BUDGET_UNITS = ['steps', 'epochs', 'seconds'] as const;
export type SweepBudgetUnit = BudgetUnit | 'seconds';

export interface SweepBudget {
  /** How long each run trains, in `budgetUnit`s. */
  budget: number;
  /**
   * Steps; epochs of each run's own training rows at its own batch size (engine/budget.ts): runs of different
   * batch sizes then see the same data, and stop at different steps; or seconds of training on each run's own
   * clock (evaluations excluded): equal training time, so a costlier step gets fewer steps.
   */
  budgetUnit: SweepBudgetUnit;
}

export const formatCount = (n: number): string => groupedNumber(n);

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Why the budget is not allowed, or null. */
export function budgetProblem({ budget, budgetUnit }: SweepBudget): string | null {
  switch (budgetUnit) {
    case 'epochs':
      return budget > 0 && budget <= MAX_SWEEP_EPOCHS ? null : `The budget must be above 0 and at most ${formatCount(MAX_SWEEP_EPOCHS)} epochs (not ${budget}).`;
    case 'seconds':
      return budget > 0 && budget <= MAX_SWEEP_SECONDS ? null : `The budget must be above 0 and at most ${MAX_SWEEP_SECONDS} seconds of training a run (not ${budget}).`;
    case 'steps':
      return Number.isInteger(budget) && budget >= 1 && budget <= MAX_SWEEP_BUDGET ? null : `The budget must be a whole number of steps from 1 to ${formatCount(MAX_SWEEP_BUDGET)} (not ${budget}).`;
    default:
      return `The budget's unit must be steps, epochs or seconds (not "${quotedValue(budgetUnit)}").`;
  }
}

/** The budget in words: "2,000 steps", "5 epochs", "30 s of training". */
export function budgetWords({ budget, budgetUnit }: SweepBudget): string {
  if (budgetUnit === 'seconds') return `${formatCount(budget)} s of training`;
  const unit = budgetUnit === 'epochs' ? (budget === 1 ? 'epoch' : 'epochs') : budget === 1 ? 'step' : 'steps';
  return `${formatCount(budget)} ${unit}`;
}

export interface SweepEstimate {
  /** Steps a run of each group takes: the budget, its epochs at the group's steps per epoch, or its seconds at the group's time per step. */
  groupSteps: number[];
  /** The whole sweep on its workers (ms). */
  estimatedMs: number;
  /** The estimate in words, for a refusal: "48 runs × 2,000 steps × 0.5 ms per step ÷ 2 workers". */
  words: string;
}

/**
 * How long the sweep would take: `runsPerGroup` runs of each group, each at its group's time per step (ms), over
 * `workers`. A budget of time takes exactly its seconds a run (the checkpoints' evaluations come on top, as in
 * every unit's estimate).
 */
export function estimateSweep(spec: SweepBudget, groupMsPerStep: readonly number[], groupStepsPerEpoch: readonly (number | undefined)[], runsPerGroup: number, workers: number): SweepEstimate {
  const groupSteps = groupMsPerStep.map((ms, g) => {
    if (spec.budgetUnit === 'epochs') return Math.max(1, Math.round(spec.budget * (groupStepsPerEpoch[g] ?? 1)));
    if (spec.budgetUnit === 'seconds') return Math.max(1, Math.round((spec.budget * 1000) / ms));
    return spec.budget;
  });
  const perRun = groupMsPerStep.map((ms, g) => (spec.budgetUnit === 'seconds' ? spec.budget * 1000 : ms * groupSteps[g]));
  const estimatedMs = (perRun.reduce((sum, ms) => sum + ms, 0) * runsPerGroup) / workers;
  const runs = `${formatCount(runsPerGroup * groupMsPerStep.length)} runs`;
  const shared = workers > 1 ? ` ÷ ${workers} workers` : '';
  if (spec.budgetUnit === 'seconds') return { groupSteps, estimatedMs, words: `${runs} × ${formatCount(spec.budget)} s of training${shared}` };
  const [low, high] = [Math.min(...groupMsPerStep), Math.max(...groupMsPerStep)];
  const perStep = low === high ? `${low}` : `${low}–${high}`;
  return { groupSteps, estimatedMs, words: `${runs} × ${stepWords(spec, groupSteps)} × ${perStep} ms per step${shared}` };
}

/** "2,000 steps", or for epochs "5 epochs (≈ 125–400 steps)". */
function stepWords(spec: SweepBudget, groupSteps: readonly number[]): string {
  if (spec.budgetUnit === 'steps') return `${formatCount(spec.budget)} steps`;
  const [low, high] = [Math.min(...groupSteps), Math.max(...groupSteps)];
  return `${formatCount(spec.budget)} epochs (≈ ${low === high ? formatCount(low) : `${formatCount(low)}–${formatCount(high)}`} steps)`;
}
