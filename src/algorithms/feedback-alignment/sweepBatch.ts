/**
 * Feedback alignment's batched sweep steps (engine/fused/sweepBatch.ts; issue 17 §8): backprop's, each run's error
 * carried down through its own B (the run's algorithm state, read only). On the CPU one call advances every run of
 * a group on its own arrays with backprop's loops (algorithms/backprop/cpuTrainSteps.ts); on WebGPU one dispatch
 * of backprop's batched kernel with the runs' B bound beside θ (webgpuSweepSteps.ts), where the runs fit it
 * (feedbackKernelFits). Each run is bit for bit the run trained alone by the fused kernel
 * (engine/sweep/cpuRunGroup.test.ts, e2e/sweepWebgpu.spec.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { SweepBatch } from '../../engine/fused/sweepBatch';
import { DEFAULT_WEBGPU_STEPS_OPTIONS } from '../../engine/fused/webgpuDispatch';
import { backpropSweepBatch } from '../backprop/sweepBatch';
import { trainStepsInPlace } from '../backprop/cpuTrainSteps';
import { sweepStepsWebGpu } from '../backprop/webgpuSweepSteps';
import { feedbackKernelFits } from './fused';

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
  webgpu: {
    fits: (problem, batchSize, workgroupBytes) => {
      const { limits } = (tf.backend() as unknown as WebGPUBackend).device;
      return feedbackKernelFits({ ...problem, batchSize }, { maxComputeWorkgroupStorageSize: workgroupBytes, maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage }, true);
    },
    steps: (backend, call) => {
      const [feedback] = call.algorithmState;
      if (!feedback) throw new Error('feedback alignment: the sweep runs have no feedback matrices');
      return sweepStepsWebGpu(backend, call, DEFAULT_WEBGPU_STEPS_OPTIONS, feedback);
    },
  },
};
