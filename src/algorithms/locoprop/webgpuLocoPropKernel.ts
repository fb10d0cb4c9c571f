/**
 * The fused LocoProp steps registered with TF.js for the WebGPU backend, under the CPU kernel's name and with
 * its inputs, attributes and outputs (locopropKernel.ts): θ, the slots and the training set stay on the
 * device; the rows are read on the host (fusedLocoPropSteps makes them just before the call, so they have
 * not been uploaded) and the rates and momenta arrive as attributes, because the step table is computed from
 * them there. It takes every width (wider than one workgroup: webgpuWideLocoProp.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { LocoPropProblem } from './cpuLocoPropSteps';
import { slotName } from '../../engine/fused/kernelSignatures';
import { LOCOPROP_STEPS_KERNEL, type LocoPropStepsAttrs } from './kernelSignature';
import { DEFAULT_WEBGPU_LOCOPROP_OPTIONS, locopropStepsWebGpu, type WebGpuLocoPropOptions } from './webgpuLocoPropSteps';

/** The kernel's name, as the CPU kernel's (kernelSignature.ts). */
export const WEBGPU_LOCOPROP_KERNEL_NAME = LOCOPROP_STEPS_KERNEL;
type LocoPropAttrs = LocoPropStepsAttrs;

function deviceInput(input: tf.TensorInfo | undefined, name: string): tf.TensorInfo {
  if (!input) throw new Error(`${WEBGPU_LOCOPROP_KERNEL_NAME}: no input "${name}"`);
  return input;
}

/**
 * The rows. locopropKernel.ts makes this tensor just before the call, so readSync (the backend's public read)
 * returns the values it was given without touching the GPU.
 */
function hostRows(backend: WebGPUBackend, input: tf.TensorInfo | undefined): Int32Array {
  const values = backend.readSync(deviceInput(input, 'rows').dataId);
  if (!(values instanceof Int32Array)) throw new Error(`${WEBGPU_LOCOPROP_KERNEL_NAME}: "rows" must be int32`);
  return values;
}

/** The kernel with these options; the app registers it with the defaults (a test harness may swap it). */
export const webgpuLocoPropKernel = (options: WebGpuLocoPropOptions = DEFAULT_WEBGPU_LOCOPROP_OPTIONS): tf.KernelConfig => ({
  kernelName: WEBGPU_LOCOPROP_KERNEL_NAME,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const gpu = backend as unknown as WebGPUBackend;
    const { problem, batchSize, learningRates, momenta, stepCount, beta1Product, slotCount } = attrs as unknown as LocoPropAttrs;
    return locopropStepsWebGpu(
      gpu,
      {
        problem: JSON.parse(problem) as LocoPropProblem,
        theta: deviceInput(inputs.theta, 'theta'),
        slots: Array.from({ length: slotCount }, (_, i) => deviceInput(inputs[slotName(i)], slotName(i))),
        inputs: deviceInput(inputs.inputs, 'inputs'),
        targets: deviceInput(inputs.targets, 'targets'),
        batchSize,
        rows: Int32Array.from(hostRows(gpu, inputs.rows)),
        learningRates,
        momenta,
        stepCount,
        beta1Product,
      },
      options,
    );
  },
});

