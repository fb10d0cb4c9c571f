/** Where a sweep's run records its losses (TF.js-free; config/sweep.ts re-exports it for the page). */

/** Checkpoints recorded per run, evenly spaced, the last one at the budget (plus step 0). */
export const SWEEP_CHECKPOINTS = 20;

/** Evenly spaced checkpoint steps: 0, then `count` steps up to and including the budget (fewer when the budget is short). */
export function checkpointSteps(budgetSteps: number, count = SWEEP_CHECKPOINTS): number[] {
  const steps = [0];
  for (let i = 1; i <= count; i++) {
    const step = Math.round((budgetSteps * i) / count);
    if (step > steps[steps.length - 1]) steps.push(step);
  }
  return steps;
}
