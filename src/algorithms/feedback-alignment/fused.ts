/** Feedback alignment's fused kernel: backprop's steps with the run's B carrying the error down (kernel.ts). CPU only. */
import { kernelState, type FusedStepsKernel } from '../../engine/fused/fusedSteps';
import type * as tf from '@tensorflow/tfjs-core';
import { adaptedRateOf, backpropFusedSteps, trainStepsProblem } from '../backprop/fused';
import { FEEDBACK_ALIGNMENT_STEPS_KERNEL } from './kernelSignature';
import { feedbackAlignmentCpuKernel, feedbackAlignmentSteps } from './kernel';

export const feedbackAlignmentFusedSteps: FusedStepsKernel = {
  kernelName: FEEDBACK_ALIGNMENT_STEPS_KERNEL,
  kernels: [feedbackAlignmentCpuKernel],
  run: (input, plan) => {
    const feedback = input.algorithmState?.tensors[0];
    if (!feedback) throw new Error('feedback alignment: the run has no feedback matrices');
    return feedbackAlignmentSteps({ ...kernelState(input), problem: trainStepsProblem(input), ...plan, ...adaptedRateOf(input), feedback: feedback as tf.Tensor1D });
  },
  // As backprop's: the kernel takes the momenta as float32 and Adam's β₁ product grows by those; -HD on the CPU.
  advance: backpropFusedSteps.advance,
  hypergradientOn: backpropFusedSteps.hypergradientOn,
};
