/** Backprop's fused kernels: one optimizer update per step, N steps a call (kernel.ts). */
import { FUSED_TRAIN_STEPS, fusedTrainSteps, fusedTrainStepsCpuKernel } from './kernel';
import { webgpuTrainStepsKernel } from './webgpuKernel';
import type * as tf from '@tensorflow/tfjs-core';
import type { FusedProblem } from '../../engine/fused/fusedProblem';
import { kernelState, type FusedStepsInput, type FusedStepsKernel } from '../../engine/fused/fusedSteps';
import { adaptsLearningRate } from '../../engine/names';
import { fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';

export const backpropFusedSteps: FusedStepsKernel = {
  kernelName: FUSED_TRAIN_STEPS,
  kernels: [fusedTrainStepsCpuKernel, webgpuTrainStepsKernel()],
  run: (input, plan) => fusedTrainSteps({ ...kernelState(input), problem: trainStepsProblem(input), ...plan, ...adaptedRateOf(input) }),
  // The kernels take the momenta as float32 (a tensor input) and multiply Adam's β₁ product by those: the
  // optimizer's counter must grow by the same factors, or a run split into other ticks drifts (issue 21).
  advance: (input, slots, momenta, rates) => input.optimizer.advance(slots, Float32Array.from(momenta), rates),
  // SGD-HD and Adam-HD (Baydin et al. 2018) on the CPU kernel (cpuTrainSteps.ts) and the one-workgroup WGSL kernel
  // (trainStepsWgsl.ts); the wide WGSL path has neither, so wider -HD runs take the plain path there.
  hypergradientOn: ['cpu', 'webgpu'],
  fits: (run, backend) => backend !== 'webgpu' || !adaptsLearningRate(run.optimizer) || fitsOneWorkgroup(run.layout),
};

/** The problem backprop's kernels take: the session's, with β where the rule adapts its rate. */
export function trainStepsProblem(input: FusedStepsInput): FusedProblem {
  const { layout, lossKind, regularization, regularizationRate, optimizer } = input;
  const problem: FusedProblem = { layout, lossKind, regularization, regularizationRate, optimizer: optimizer.kind };
  return adaptsLearningRate(optimizer.kind) ? { ...problem, hypergradientRate: input.hypergradientRate } : problem;
}

/** An -HD rule's α as it stands, for the kernel (FusedCall.rate); nothing for the others. */
export function adaptedRateOf(input: FusedStepsInput): { rate?: tf.Tensor1D } {
  const rate = input.optimizer.adaptedRate;
  return rate ? { rate } : {};
}
