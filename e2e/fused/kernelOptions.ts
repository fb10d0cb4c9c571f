/**
 * Swaps the fused WebGPU kernels registered with TF.js for ones with other options (a workgroup size, storage
 * buffers only, a mutated shader from src/test/wgslMutants.ts), for the parity page and the bench; `{}` puts
 * the app's defaults back. The production modules only expose the kernel factories.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WEBGPU_FUSED_KERNEL_NAME, webgpuTrainStepsKernel } from '../../src/algorithms/backprop/webgpuKernel';
import { WEBGPU_LOCOPROP_KERNEL_NAME, webgpuLocoPropKernel } from '../../src/algorithms/locoprop/webgpuLocoPropKernel';
import { DEFAULT_WEBGPU_LOCOPROP_OPTIONS, type WebGpuLocoPropOptions } from '../../src/algorithms/locoprop/webgpuLocoPropSteps';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, type WebGpuStepsOptions } from '../../src/engine/fused/webgpuDispatch';

function swap(name: string, kernel: tf.KernelConfig): void {
  if (tf.getKernel(name, 'webgpu')) tf.unregisterKernel(name, 'webgpu');
  tf.registerKernel(kernel);
}

export function swapFusedWebGpuKernel(next: Partial<WebGpuStepsOptions>): void {
  swap(WEBGPU_FUSED_KERNEL_NAME, webgpuTrainStepsKernel({ ...DEFAULT_WEBGPU_STEPS_OPTIONS, ...next }));
}

export function swapFusedLocoPropWebGpuKernel(next: Partial<WebGpuLocoPropOptions>): void {
  swap(WEBGPU_LOCOPROP_KERNEL_NAME, webgpuLocoPropKernel({ ...DEFAULT_WEBGPU_LOCOPROP_OPTIONS, ...next }));
}
