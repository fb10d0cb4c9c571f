/**
 * Feedback alignment's fused steps as a TF.js kernel: N whole steps in one call, backprop's CPU loops
 * (algorithms/backprop/cpuTrainSteps.ts, through backprop's kernel body) with the error sent down each layer
 * through the run's fixed B_m instead of W_m (Lillicrap, Cownden, Tweed & Akerman 2016, Methods:
 * δ_{m−1} = (δ_m B_m) ⊙ f'(A_{m−1})). The WebGPU kernel is backprop's WGSL with B bound (fused.ts). Registered from
 * the worker registry's one list.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuKernelIo } from '../../engine/fused/cpuKernelIo';
import type { KernelResult } from '../../engine/fused/fusedSteps';
import { fusedTrainSteps, trainStepsKernelBody, type FusedCall } from '../backprop/kernel';
import { FEEDBACK_ALIGNMENT_STEPS_KERNEL, type FeedbackAlignmentStepsAttrs } from './kernelSignature';

export const feedbackAlignmentCpuKernel: tf.KernelConfig = {
  kernelName: FEEDBACK_ALIGNMENT_STEPS_KERNEL,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const io = cpuKernelIo(FEEDBACK_ALIGNMENT_STEPS_KERNEL, inputs, backend);
    return trainStepsKernelBody(io, attrs as unknown as FeedbackAlignmentStepsAttrs, io.read('feedback') as Float32Array);
  },
};

/** Runs the kernel with the run's B; the caller owns (and disposes) the returned tensors. */
export function feedbackAlignmentSteps(call: FusedCall & { feedback: tf.Tensor1D }): KernelResult {
  return fusedTrainSteps(call, FEEDBACK_ALIGNMENT_STEPS_KERNEL, { feedback: call.feedback });
}
