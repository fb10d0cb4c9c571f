/**
 * Feedback alignment's fused steps as a TF.js kernel: N whole steps in one call, backprop's CPU loops
 * (algorithms/backprop/cpuTrainSteps.ts) with the error sent down each layer through the run's fixed B_m instead
 * of W_m (Lillicrap, Cownden, Tweed & Akerman 2016, Methods: δ_{m−1} = (δ_m B_m) ⊙ f'(A_{m−1})). CPU only: on
 * WebGPU the run takes the plain path. Registered from the worker registry's one list.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuKernelIo, parsedProblem } from '../../engine/fused/cpuKernelIo';
import type { FusedProblem } from '../../engine/fused/fusedProblem';
import { slotName } from '../../engine/fused/kernelSignatures';
import { trainStepsCpu } from '../backprop/cpuTrainSteps';
import type { FusedCall } from '../backprop/kernel';
import { FEEDBACK_ALIGNMENT_STEPS_KERNEL, type FeedbackAlignmentStepsAttrs, type FeedbackAlignmentStepsInput } from './kernelSignature';

export const feedbackAlignmentCpuKernel: tf.KernelConfig = {
  kernelName: FEEDBACK_ALIGNMENT_STEPS_KERNEL,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const io = cpuKernelIo(FEEDBACK_ALIGNMENT_STEPS_KERNEL, inputs, backend);
    const { problem, batchSize, stepCount, beta1Product, slotCount } = attrs as unknown as FeedbackAlignmentStepsAttrs;
    const state = io.state(slotCount, stepCount, beta1Product);
    const losses = trainStepsCpu(
      parsedProblem<FusedProblem>(problem),
      state,
      { inputs: io.read('inputs') as Float32Array, targets: io.read('targets') as Float32Array },
      { batchSize, rows: io.read('rows') as Int32Array, learningRates: io.read('learningRates') as Float32Array, momenta: io.read('momenta') as Float32Array },
      io.read('feedback') as Float32Array,
    );
    return io.outputs(state.theta, state.slots, losses);
  },
};

/** Runs the kernel with the run's B; the caller owns (and disposes) the returned tensors. */
export function feedbackAlignmentSteps(call: FusedCall & { feedback: tf.Tensor1D }): { theta: tf.Tensor1D; slots: tf.Tensor1D[]; losses: tf.Tensor1D } {
  return tf.tidy(() => {
    const named: Record<FeedbackAlignmentStepsInput, tf.Tensor> = {
      theta: call.theta,
      feedback: call.feedback,
      inputs: call.inputs,
      targets: call.targets,
      rows: tf.tensor1d(call.rows, 'int32'),
      // float32, as backprop's kernel takes them (its fused.ts advances the optimizer by these factors).
      learningRates: tf.tensor1d(Float32Array.from(call.learningRates)),
      momenta: tf.tensor1d(Float32Array.from(call.momenta)),
    };
    const inputs: tf.NamedTensorMap = { ...named };
    call.slots.forEach((slot, i) => (inputs[slotName(i)] = slot));
    const attrs: FeedbackAlignmentStepsAttrs = { problem: JSON.stringify(call.problem), batchSize: call.batchSize, stepCount: call.stepCount, beta1Product: call.beta1Product, slotCount: call.slots.length };
    const [theta, ...rest] = tf.engine().runKernel(FEEDBACK_ALIGNMENT_STEPS_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D[];
    return { theta, slots: rest.slice(0, -1), losses: rest[rest.length - 1] };
  });
}
