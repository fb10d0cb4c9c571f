/**
 * When a time per step may be shown to people. A tick of a step or two, or a few hundred steps that finish
 * within a millisecond or two, is below what the clock and the subtracted evaluation estimate can resolve:
 * such a "measurement" read 0.00100 ms per step (the floor of a division). A time per step is shown only
 * when it was measured over at least MIN_TIMED_STEPS steps that took at least MIN_TIMED_MS together;
 * otherwise the page says it is not measured yet. Pure (no TF.js), so the worker and its tests share it.
 */

/** The fewest steps a shown time per step was measured over. */
export const MIN_TIMED_STEPS = 20;
/** The least measured step time (ms, evaluation excluded) behind a shown time per step. */
export const MIN_TIMED_MS = 50;

/** Whether `steps` steps that took `ms` milliseconds (steps alone) are enough to show a time per step. */
export function timeIsMeasured(steps: number, ms: number): boolean {
  return Number.isFinite(ms) && steps >= MIN_TIMED_STEPS && ms >= MIN_TIMED_MS;
}

/** The time per step over `steps` steps that took `ms` milliseconds, or null if that is not enough to tell. */
export function measuredMsPerStep(steps: number, ms: number): number | null {
  return timeIsMeasured(steps, ms) ? ms / steps : null;
}

/**
 * The time per step over the most recent timed ticks: it adds ticks until they pass the rule above, then
 * drops the oldest ones the rule can spare, so that the figure follows the run. A change of what a step
 * costs (another algorithm, batch size, K…) starts it afresh: pass a key that names those settings.
 */
export class StepTimer {
  private ticks: { steps: number; ms: number }[] = [];
  private key: string | null = null;

  add(key: string, steps: number, ms: number): void {
    if (key !== this.key) this.clear();
    this.key = key;
    this.ticks.push({ steps, ms });
    while (this.ticks.length > 1) {
      const rest = this.ticks.slice(1);
      if (!timeIsMeasured(sum(rest, 'steps'), sum(rest, 'ms'))) break;
      this.ticks = rest;
    }
  }

  /** Forgets the ticks seen so far (a measurement of settings that no longer hold). */
  clear(): void {
    this.ticks = [];
    this.key = null;
  }

  /** The time per step for the settings named by `key`, or null while not measured. */
  msPerStep(key: string): number | null {
    if (key !== this.key) return null;
    return measuredMsPerStep(sum(this.ticks, 'steps'), sum(this.ticks, 'ms'));
  }
}

function sum(ticks: readonly { steps: number; ms: number }[], field: 'steps' | 'ms'): number {
  return ticks.reduce((total, tick) => total + tick[field], 0);
}
