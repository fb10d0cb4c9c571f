/**
 * What a sweep holds in memory (issue 17 §1: a sweep that would not fit is refused with its computed size).
 * Each sweep worker holds one run at a time: its data set (decoded once per worker, then split: about twice the
 * examples' floats) and its parameters with the optimizer's state (a few copies of θ); the page holds the
 * results, a few numbers per checkpoint. A 784-input MNIST set is about 220 MB of floats, so a worker per core on
 * a 16-core machine would ask for several gigabytes: the pool takes only as many workers as fit the budget.
 */

/** What the page lets a sweep's workers hold together (browsers cap a tab at a few gigabytes). */
export const SWEEP_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

export interface SweepDataShape {
  inputSize: number;
  outputSize: number;
  trainCount: number;
  testCount: number;
}

const FLOAT_BYTES = 4;
/** Copies of the data a worker holds: the decoded table and the split examples. */
const DATA_COPIES = 2;
/** θ, its gradient and an optimizer's two moment vectors, with room for LocoProp's per-layer state. */
const PARAMETER_COPIES = 6;

/** Bytes one sweep worker holds for a run on this data with this many parameters. */
export function workerBytes(shape: SweepDataShape, parameters: number): number {
  const examples = shape.trainCount + shape.testCount;
  return DATA_COPIES * examples * (shape.inputSize + shape.outputSize) * FLOAT_BYTES + PARAMETER_COPIES * parameters * FLOAT_BYTES;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

/** Workers that fit the budget (at most `cores`), or why not even one does. */
export function workersThatFit(cores: number, perWorker: number, budget = SWEEP_MEMORY_BUDGET_BYTES): { workers: number } | { reason: string } {
  const fit = Math.floor(budget / perWorker);
  if (fit < 1) return { reason: `One sweep worker would hold about ${formatBytes(perWorker)} (its data and network); the sweep's memory budget is ${formatBytes(budget)}.` };
  return { workers: Math.max(1, Math.min(cores, fit)) };
}
