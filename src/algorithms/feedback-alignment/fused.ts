/**
 * Feedback alignment's fused kernels: backprop's steps with the run's B carrying the error down. On the CPU,
 * backprop's loops (kernel.ts); on WebGPU, backprop's one-workgroup WGSL with a `feedback` binding
 * (trainStepsWgsl.ts), for networks one workgroup wide (wider ones take the plain path).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { kernelState, type FusedStepsKernel } from '../../engine/fused/fusedSteps';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup } from '../../engine/fused/webgpuDispatch';
import { adaptedRateOf, backpropFusedSteps, trainStepsProblem } from '../backprop/fused';
import { webgpuTrainStepsKernel } from '../backprop/webgpuKernel';
import { FEEDBACK_ALIGNMENT_STEPS_KERNEL } from './kernelSignature';
import { feedbackAlignmentCpuKernel, feedbackAlignmentSteps } from './kernel';

export const feedbackAlignmentFusedSteps: FusedStepsKernel = {
  kernelName: FEEDBACK_ALIGNMENT_STEPS_KERNEL,
  kernels: [feedbackAlignmentCpuKernel, webgpuTrainStepsKernel(DEFAULT_WEBGPU_STEPS_OPTIONS, FEEDBACK_ALIGNMENT_STEPS_KERNEL, true)],
  run: (input, plan) => {
    const feedback = input.algorithmState?.tensors[0];
    if (!feedback) throw new Error('feedback alignment: the run has no feedback matrices');
    return feedbackAlignmentSteps({ ...kernelState(input), problem: trainStepsProblem(input), ...plan, ...adaptedRateOf(input), feedback: feedback as tf.Tensor1D });
  },
  // As backprop's: the kernel takes the momenta as float32 and Adam's β₁ product grows by those; -HD on the CPU.
  advance: backpropFusedSteps.advance,
  hypergradientOn: backpropFusedSteps.hypergradientOn,
  // The WGSL kernel has no wide path for B.
  fits: (layout, backend) => backend !== 'webgpu' || fitsOneWorkgroup(layout),
};
