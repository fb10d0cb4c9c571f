/**
 * Feedback alignment's fused kernels: backprop's steps with the run's B carrying the error down. On the CPU,
 * backprop's loops (kernel.ts); on WebGPU, backprop's one-workgroup WGSL with a `feedback` binding
 * (trainStepsWgsl.ts), for networks one workgroup wide whose buffers the device binds (feedbackKernelFits; the
 * others take the plain path).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { NetworkLayout } from '../../engine/model/mlp';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { trainStepsBatchFits, trainStepsBindings } from '../backprop/trainStepsWgsl';
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
  // As backprop's: the kernel takes the momenta as float32 and Adam's β₁ product grows by those; -HD on the CPU and
  // in WGSL (whose fits, feedbackKernelFits, already asks for one workgroup).
  advance: backpropFusedSteps.advance,
  hypergradientOn: backpropFusedSteps.hypergradientOn,
  fits: (run, backend) => backend !== 'webgpu' || feedbackKernelFits(run, (tf.backend() as unknown as WebGPUBackend).device.limits),
};

/**
 * Whether the WGSL kernel takes the run: every layer one workgroup wide (it has no wide path for B), and its
 * storage buffers within the device's limit (B is one more than backprop's; with θ, the slots and the scratch
 * outside workgroup memory, Adam at 2-64-64-1 and batch 16 needs 9 where TF.js's device has 8). `batched`: the
 * sweep's kernel, a workgroup a run, which also needs θ, the slots and the scratch in workgroup memory.
 */
export function feedbackKernelFits(
  run: { layout: NetworkLayout; optimizer: OptimizerKind; batchSize: number },
  limits: Pick<GPUSupportedLimits, 'maxComputeWorkgroupStorageSize' | 'maxStorageBuffersPerShaderStage'>,
  batched = false,
): boolean {
  if (!fitsOneWorkgroup(run.layout)) return false;
  const spec = { ...run, lossKind: 'squared-error' as const, regularization: 'none' as const, workgroupSize: DEFAULT_WEBGPU_STEPS_OPTIONS.workgroupSize, workgroupBytes: limits.maxComputeWorkgroupStorageSize, feedback: true, batched };
  if (batched && !trainStepsBatchFits(spec)) return false;
  return trainStepsBindings(spec).filter((role) => role !== 'params').length <= limits.maxStorageBuffersPerShaderStage;
}
