/**
 * Backprop's batched sweep steps (engine/fused/sweepBatch.ts; issue 17 §8): on the CPU one call of
 * cpuTrainSteps.ts `trainStepsCpuRuns` advances every run of a group on its own arrays; on WebGPU one dispatch
 * of webgpuSweepSteps.ts `sweepStepsWebGpu`, a workgroup a run, for networks whose every layer fits one
 * workgroup and whose θ, slots and scratch fit its memory. Each run is bit for bit the run trained alone by backprop's fused kernel (fused.ts):
 * engine/sweep/cpuRunGroup.test.ts, e2e/sweepWebgpu.spec.ts.
 */
import type { SweepBatch } from '../../engine/fused/sweepBatch';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';
import { trainStepsBatchFits } from './trainStepsWgsl';
import { trainStepsCpuRuns } from './cpuTrainSteps';
import { sweepStepsWebGpu } from './webgpuSweepSteps';

export const backpropSweepBatch: SweepBatch = {
  // Backprop has no settings of its own.
  problem: (shared) => shared,
  // The kernel's rates and momenta are float32 tensors (fused.ts).
  rates: 'float32',
  // FlatOptimizer.advance after the kernel: one update a step, Adam's (and Adam-HD's) product by the float32 momenta.
  countersAfter: (problem, { stepCount, beta1Product }, momenta) => {
    let product = beta1Product;
    if (problem.optimizer === 'adam' || problem.optimizer === 'adam-hd') for (let s = 0; s < momenta.length; s++) product *= momenta[s];
    return { stepCount: stepCount + momenta.length, beta1Product: product };
  },
  cpu: trainStepsCpuRuns,
  webgpu: {
    fits: (problem, batchSize, workgroupBytes) =>
      fitsOneWorkgroup(problem.layout) && trainStepsBatchFits({ ...problem, batchSize, workgroupBytes, workgroupSize: DEFAULT_WEBGPU_STEPS_OPTIONS.workgroupSize, batched: true }),
    steps: (backend, call) => sweepStepsWebGpu(backend, call),
  },
};
