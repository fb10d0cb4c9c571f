/**
 * What the page knows before a sweep starts (issue 17 §1): each group's time per step, for the refusal of a
 * sweep that would take too long, and the groups' names without the swept fields. The estimate is the
 * engine's operation count (engine/cost.ts: 6 operations per weight and example, plus the inner iterations
 * the algorithm's settings group declares, LocoProp's K) at the CPU rate the worker assumes before measuring
 * (worker/deviceRate.ts: its fused kernels' rate where the algorithm has them on the CPU and the run does not ask
 * for plain ops, as a sweep then trains it; else the plain path's), plus a fixed cost per step for the calls
 * themselves, plus the checkpoints' evaluations spread over the budget. TF.js-free.
 */
import { ALGORITHM_INFO } from '../algorithms/registry';
import { innerIterationsOf, stepSettingsOf } from '../algorithms/settings';
import { evaluationFlops, shapeStepFlops, weightCount } from '../engine/cost';
import type { Problem } from '../engine/data/problem';
import type { ExperimentConfig } from '../config/experiment';
import { describeDifference, describeFirstRun } from '../config/runNames';
import { SWEEP_CHECKPOINTS, type SweepAxisName } from '../config/sweep';
import { ASSUMED_FLOPS_PER_MS, ASSUMED_FUSED_FLOPS_PER_MS } from '../worker/deviceRate';

/**
 * A step's cost apart from its arithmetic (JavaScript calls, the sampler): this repository's CPU bench trains a
 * 2-8-8-1 network at batch 16 at about 40,000 steps/s, 0.025 ms a step, nearly all of it this overhead.
 */
export const STEP_OVERHEAD_MS = 0.025;

/** Estimated milliseconds per step of a sweep run of `config` on data shaped as `problem`, on one core. */
export function estimateSweepMsPerStep(config: ExperimentConfig, problem: Pick<Problem, 'inputSize' | 'outputSize' | 'trainCount' | 'testCount'>, budgetSteps: number): number {
  const info = ALGORITHM_INFO[config.algorithm];
  // The plain rate made the paper scene's own sweep (10 runs × 500 steps) 38.9 minutes, over the limit, where its
  // fused kernels train it in a few.
  // SGD-HD and Adam-HD too: the CPU kernels that take their rules (backprop's, feedback alignment's) run them.
  const fused = config.kernels !== 'plain' && info.fusedOn.includes('cpu');
  const rate = fused ? ASSUMED_FUSED_FLOPS_PER_MS.cpu : ASSUMED_FLOPS_PER_MS.cpu;
  const group = info.settings;
  const shape = {
    inputSize: problem.inputSize,
    hidden: config.hidden,
    outputSize: problem.outputSize,
    batchSize: Math.min(config.batchSize, problem.trainCount),
    innerIterations: innerIterationsOf(group, stepSettingsOf(group, config)),
  };
  const weights = weightCount([problem.inputSize, ...config.hidden, problem.outputSize]);
  const evaluations = (SWEEP_CHECKPOINTS + 1) * evaluationFlops(weights, problem.trainCount + problem.testCount);
  return STEP_OVERHEAD_MS + shapeStepFlops(shape) / rate + evaluations / rate / Math.max(1, budgetSteps);
}

/** The groups' names as a legend reads them: what trains each, with the swept fields left out (they vary). */
export function sweepGroupNames(groups: readonly ExperimentConfig[], swept: readonly SweepAxisName[]): string[] {
  if (groups.length === 0) return [];
  const unswept = groups.map((config) => {
    const copy: Record<string, unknown> = { ...config };
    for (const axis of swept) {
      const fields = axis === 'width' || axis === 'depth' ? (['hidden', 'activation'] as const) : [axis];
      for (const field of fields) copy[field] = groups[0][field];
    }
    return copy as unknown as ExperimentConfig;
  });
  const first = describeFirstRun(unswept[0])
    .split(', ')
    .filter((part) => !(swept.includes('learningRate') && part.startsWith('lr ')))
    .join(', ');
  return unswept.map((config, i) => (i === 0 ? first : describeDifference(unswept[0], config)));
}
