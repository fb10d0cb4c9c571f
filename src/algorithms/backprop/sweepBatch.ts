/**
 * Backprop's batched sweep steps (engine/fused/sweepBatch.ts; issue 17 §8): on the CPU one call of
 * cpuTrainSteps.ts `trainStepsCpuRuns` advances every run of a group on its own arrays; on WebGPU one dispatch
 * of webgpuSweepSteps.ts `sweepStepsWebGpu`, a workgroup a run, for networks whose every layer fits one
 * workgroup. Each run is bit for bit the run trained alone by backprop's fused kernel (fused.ts):
 * engine/sweep/cpuRunGroup.test.ts, e2e/sweepWebgpu.spec.ts.
 */
import type { SweepBatch } from '../../engine/fused/sweepBatch';
import { fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';
import { trainStepsCpuRuns } from './cpuTrainSteps';
import { sweepStepsWebGpu } from './webgpuSweepSteps';

export const backpropSweepBatch: SweepBatch = {
  cpu: trainStepsCpuRuns,
  webgpu: { fits: fitsOneWorkgroup, steps: (backend, call) => sweepStepsWebGpu(backend, call) },
};
