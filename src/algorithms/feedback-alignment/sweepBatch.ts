/**
 * Feedback alignment's batched sweep steps on the CPU (engine/fused/sweepBatch.ts; issue 17 §8): one call advances
 * every run of a group on its own arrays, each through its own B (the run's algorithm state, read only), with
 * backprop's loops (algorithms/backprop/cpuTrainSteps.ts). Each run is bit for bit the run trained alone by the
 * fused kernel (engine/sweep/cpuRunGroup.test.ts). No WebGPU kernel: its sweep runs there train one at a time.
 */
import type { SweepBatch } from '../../engine/fused/sweepBatch';
import { backpropSweepBatch } from '../backprop/sweepBatch';
import { trainStepsInPlace } from '../backprop/cpuTrainSteps';

export const feedbackAlignmentSweepBatch: SweepBatch = {
  problem: backpropSweepBatch.problem,
  rates: backpropSweepBatch.rates,
  countersAfter: backpropSweepBatch.countersAfter,
  cpu: (runs) => {
    for (const run of runs) {
      const [feedback] = run.algorithmState;
      if (!feedback) throw new Error('feedback alignment: a sweep run has no feedback matrices');
      trainStepsInPlace(run.problem, run.state, run.data, run.schedule, run.steps, null, feedback);
    }
  },
};
