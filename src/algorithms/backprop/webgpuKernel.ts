/**
 * The fused training steps registered with TF.js for the WebGPU backend, under the CPU kernel's name and
 * with its inputs, attributes and outputs (kernel.ts): θ, the slots and the training set stay on the
 * device; the rows, rates and momenta are read on the host (fusedTrainSteps makes them just before the
 * call, so they have not been uploaded) because the step table is computed from them there.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { slotName } from '../../engine/fused/kernelSignatures';
import { ADAPTED_RATE_INPUT, TRAIN_STEPS_KERNEL, type TrainStepsAttrs, type TrainStepsInput } from './kernelSignature';
import { adaptsLearningRate } from '../../engine/names';
import { trainStepsWebGpu } from './webgpuTrainSteps';
import type { FusedProblem } from '../../engine/fused/fusedProblem';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, type WebGpuStepsOptions } from '../../engine/fused/webgpuDispatch';

/** The kernel's name, as the CPU kernel's (kernelSignature.ts). */
export const WEBGPU_FUSED_KERNEL_NAME = TRAIN_STEPS_KERNEL;
type FusedAttrs = TrainStepsAttrs;

/**
 * A host input's values. kernel.ts makes these tensors just before the call, so readSync (the backend's public
 * read) returns the values it was given without touching the GPU.
 */
function hostValues(backend: WebGPUBackend, input: tf.TensorInfo | undefined, name: TrainStepsInput): Float32Array | Int32Array {
  if (!input) throw new Error(`${WEBGPU_FUSED_KERNEL_NAME}: no input "${name}"`);
  const values = backend.readSync(input.dataId);
  if (!(values instanceof Float32Array || values instanceof Int32Array)) throw new Error(`${WEBGPU_FUSED_KERNEL_NAME}: "${name}" must be numeric`);
  return values;
}

function deviceInput(input: tf.TensorInfo | undefined, name: string): tf.TensorInfo {
  if (!input) throw new Error(`${WEBGPU_FUSED_KERNEL_NAME}: no input "${name}"`);
  return input;
}

/**
 * The kernel with these options; the app registers it with the defaults (a test harness may swap it). Feedback
 * alignment registers the same kernel under its own name, with its B as the `feedback` input
 * (algorithms/feedback-alignment/fused.ts). SGD-HD and Adam-HD take α as ADAPTED_RATE_INPUT and return each step's
 * α after the losses, as the CPU kernel does.
 */
export const webgpuTrainStepsKernel = (options: WebGpuStepsOptions = DEFAULT_WEBGPU_STEPS_OPTIONS, kernelName = WEBGPU_FUSED_KERNEL_NAME, feedback = false): tf.KernelConfig => ({
  kernelName,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const gpu = backend as unknown as WebGPUBackend;
    const { problem, batchSize, stepCount, beta1Product, slotCount } = attrs as unknown as FusedAttrs;
    const learningRates = hostValues(gpu, inputs.learningRates, 'learningRates');
    const momenta = hostValues(gpu, inputs.momenta, 'momenta');
    const rows = hostValues(gpu, inputs.rows, 'rows');
    const parsed = JSON.parse(problem) as FusedProblem;
    return trainStepsWebGpu(
      gpu,
      {
        problem: parsed,
        theta: deviceInput(inputs.theta, 'theta'),
        slots: Array.from({ length: slotCount }, (_, i) => deviceInput(inputs[slotName(i)], slotName(i))),
        inputs: deviceInput(inputs.inputs, 'inputs'),
        targets: deviceInput(inputs.targets, 'targets'),
        batchSize,
        rows: Int32Array.from(rows),
        learningRates: Float32Array.from(learningRates),
        momenta: Float32Array.from(momenta),
        stepCount,
        beta1Product,
        ...(feedback ? { feedback: deviceInput(inputs.feedback, 'feedback') } : {}),
        // SGD-HD's and Adam-HD's α, on the device as the optimizer keeps it (copied into the step table there).
        ...(adaptsLearningRate(parsed.optimizer) ? { rate: deviceInput(inputs[ADAPTED_RATE_INPUT], ADAPTED_RATE_INPUT) } : {}),
      },
      options,
    );
  },
});
