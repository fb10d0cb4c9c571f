/**
 * The worker's registry of training algorithms: each name of the page registry (registry.ts) mapped to its
 * TF.js implementation (plain step, per-run state, fused kernels, batched sweep steps). The session and the
 * sweep's run groups (engine/sweep/cpuRunGroup.ts, gpuRunGroup.ts) look algorithms up here and nowhere else,
 * and every algorithm's fused kernels are registered from here (registerAlgorithmKernels). Outside the
 * algorithms' folders, only this file and registry.ts import from one (registry.test.ts holds that).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Algorithm } from '../engine/train/algorithm';
import { backpropFusedSteps } from './backprop/fused';
import { backpropAlgorithm } from './backprop/step';
import { backpropSweepBatch } from './backprop/sweepBatch';
import { feedbackAlignmentFusedSteps } from './feedback-alignment/fused';
import { feedbackAlignmentAlgorithm } from './feedback-alignment/step';
import { feedbackAlignmentSweepBatch } from './feedback-alignment/sweepBatch';
import { locopropFusedSteps } from './locoprop/fused';
import { locopropAlgorithm } from './locoprop/step';
import { locopropSweepBatch } from './locoprop/sweepBatch';
import type { AlgorithmName } from './registry';

export const ALGORITHM_IMPLEMENTATIONS: Record<AlgorithmName, Algorithm> = {
  backprop: { ...backpropAlgorithm, fused: backpropFusedSteps, sweepBatch: backpropSweepBatch },
  'locoprop-s': { ...locopropAlgorithm('S'), fused: locopropFusedSteps('S'), sweepBatch: locopropSweepBatch('S') },
  'locoprop-m': { ...locopropAlgorithm('M'), fused: locopropFusedSteps('M'), sweepBatch: locopropSweepBatch('M') },
  'feedback-alignment': { ...feedbackAlignmentAlgorithm, fused: feedbackAlignmentFusedSteps, sweepBatch: feedbackAlignmentSweepBatch },
};

/**
 * Registers every algorithm's fused kernels (CPU and WebGPU) with TF.js, from the one list above; a kernel
 * already registered (a test's mutant, a second call) is left as it is. The session calls it before its first
 * step; a page that calls a kernel directly (the WebGPU parity page) calls it first.
 */
export function registerAlgorithmKernels(): void {
  for (const { fused } of Object.values(ALGORITHM_IMPLEMENTATIONS)) {
    for (const kernel of fused?.kernels ?? []) if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
  }
}
