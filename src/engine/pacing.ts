/**
 * How the steps of one tick are shared among concurrent runs on one backend (DESIGN.md §1, keyed runs).
 * - lockstep: every run does the same number of steps, so after any tick all runs stand at the same step
 *   and curves compare per step; the tick's time is shared in proportion to each run's cost.
 * - time: every run gets the same share of the tick's time, so a run whose steps cost more (LocoProp with
 *   K inner iterations) does fewer of them: curves compare per second of training.
 */

export const PACINGS = ['lockstep', 'time'] as const;
export type Pacing = (typeof PACINGS)[number];

export interface RunCost {
  /** Measured milliseconds per step of this run (evaluation excluded). */
  msPerStep: number;
  /** Steps this run did in the previous tick (0 before its first), to bound the growth per tick. */
  lastSteps: number;
}

/** How much one run's step count may grow from one tick to the next (the first tick is one step). */
export const TICK_GROWTH = 4;
export const MAX_STEPS_PER_TICK = 20_000;

function bounded(fit: number, lastSteps: number): number {
  return Math.max(1, Math.min(Math.floor(fit), TICK_GROWTH * Math.max(lastSteps, 0.25), MAX_STEPS_PER_TICK));
}

/**
 * Steps per run for a tick of `budgetMs` of stepping. Lockstep gives every run the same count (the
 * smallest any run's growth bound allows); time gives each run budget/n milliseconds at its own cost.
 */
export function planTick(runs: readonly RunCost[], pacing: Pacing, budgetMs: number): number[] {
  if (runs.length === 0) return [];
  if (pacing === 'lockstep') {
    const perStepOfAll = runs.reduce((sum, run) => sum + Math.max(run.msPerStep, 1e-3), 0);
    const fit = budgetMs / perStepOfAll;
    const steps = Math.min(...runs.map((run) => bounded(fit, run.lastSteps)));
    return runs.map(() => steps);
  }
  const share = budgetMs / runs.length;
  return runs.map((run) => bounded(share / Math.max(run.msPerStep, 1e-3), run.lastSteps));
}

/** What a speed cap's tick needs of a run (see paceTick). */
export interface PacedRun {
  /** Milliseconds per step of the run's recent ticks by its own clock, evaluation included; 0 before one. */
  tickMsPerStep: number;
  /** The fraction of a step a capped tick left the run, carried to the next. */
  paceCredit: number;
}

/**
 * The steps of a tick that a speed cap cut to `allowed` (StepPacer's grant, below the plan). Lockstep: every
 * run takes `allowed`. Equal time: the run whose ticks cost least per step takes `allowed` and every other run
 * the fraction of it that gives the same time, by each run's own clock (what the loss chart's time axis
 * shows). The plan's own proportions cannot serve here: a cap keeps ticks a step or two long, and the plan's
 * growth bound (4× the last tick) then gives every run the same count; nor can msPerStep, which subtracts an
 * estimated evaluation from ticks it swamps. Fractions of a step carry over in each run's credit, so a run
 * with a third of the steps steps every third tick (0 steps in the others).
 */
export function paceTick(allowed: number, pacing: Pacing, runs: readonly PacedRun[]): number[] {
  if (pacing === 'lockstep') return runs.map(() => allowed);
  const known = runs.map((run) => run.tickMsPerStep).filter((ms) => ms > 0);
  const cheapest = known.length > 0 ? Math.min(...known) : 0;
  return runs.map((run) => {
    const share = (run.tickMsPerStep > 0 && cheapest > 0 ? (allowed * cheapest) / run.tickMsPerStep : allowed) + run.paceCredit;
    const whole = Math.floor(share + 1e-9);
    run.paceCredit = Math.max(0, share - whole);
    return whole;
  });
}
