/**
 * The speed cap (the experiment's `speed`, steps per second) as the worker applies it to its ticks
 * (worker/tickPlan.ts). Pure, so it is tested without TF.js.
 */

/** The shortest tick: ~20 updates per second when evaluation is cheap (trainingLoop.ts, tickBudgetMs). */
export const MIN_TICK_MS = 50;

/** A fraction of a step below which the bucket counts as full (see take). */
const ROUNDING = 1e-6;

/**
 * Holds training to at most `stepsPerSecond` (a token bucket that refills continuously and holds at most a
 * quarter second of steps, so a pause never turns into a burst). A rate of 0 means no cap.
 *
 * A grant waits for MIN_TICK_MS worth of steps, rounded up to whole steps (or all `wanted`, when fewer), so a
 * capped run ticks at most 20 times a second, as an uncapped one does (tickBudgetMs). Granting each step as soon
 * as it was due gave the default 100 steps/s one tick, one evaluation and one page update per step: 99 ticks a
 * second, and the page's main thread busy about 5 s of every 6 redrawing (measured in headless Chromium 156 on the
 * default circle). At 20 steps/s or fewer every step is still its own tick, so a slow pace shows each step.
 */
export class StepPacer {
  private allowance = 1;
  private last: number | null = null;

  constructor(public stepsPerSecond: number) {}

  /** How many of `wanted` steps may run at time `now` (ms), and if none, how long to wait. */
  take(now: number, wanted: number): { steps: number; waitMs: number } {
    if (this.stepsPerSecond <= 0) return { steps: wanted, waitMs: 0 };
    if (this.last !== null) this.allowance += ((now - this.last) * this.stepsPerSecond) / 1000;
    this.last = now;
    this.allowance = Math.min(this.allowance, Math.max(1, this.stepsPerSecond / 4));
    const grant = Math.max(1, Math.min(wanted, Math.ceil((this.stepsPerSecond * MIN_TICK_MS) / 1000)));
    // Within ROUNDING of a whole grant counts as one: the refill is a float, and a wait computed to close the gap can
    // leave it an ulp short (the next wait then too short to move the clock at all).
    if (this.allowance + ROUNDING < grant) return { steps: 0, waitMs: ((grant - this.allowance) * 1000) / this.stepsPerSecond };
    const steps = Math.min(wanted, Math.floor(this.allowance + ROUNDING));
    this.allowance -= steps;
    return { steps, waitMs: 0 };
  }

  /** Forget time that passed while paused. */
  restart(): void {
    this.last = null;
    this.allowance = 1;
  }
}
