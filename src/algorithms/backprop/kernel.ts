/**
 * The fused training steps as a TF.js kernel (`tf.registerKernel`), called through the engine like any op:
 * N whole backprop steps from θ, the optimizer's slots, the training set on the device, the N batches' rows
 * and the N steps' learning rate and momentum; it returns θ, the slots and the N minibatch losses. Its CPU
 * kernel (typed-array loops, cpuTrainSteps.ts) and WebGPU kernel (webgpuKernel.ts) are registered from one list
 * (algorithms/workerRegistry.ts); a backend without the kernel takes the plain path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuKernelIo, parsedProblem } from '../../engine/fused/cpuKernelIo';
import { slotName } from '../../engine/fused/kernelSignatures';
import { TRAIN_STEPS_KERNEL, type TrainStepsAttrs, type TrainStepsInput } from './kernelSignature';
import { trainStepsCpu } from './cpuTrainSteps';
import type { FusedProblem } from '../../engine/fused/fusedProblem';

export const FUSED_TRAIN_STEPS = TRAIN_STEPS_KERNEL;
type FusedAttrs = TrainStepsAttrs;

/** The CPU kernel; algorithms/backprop/fused.ts lists it, and the worker registry registers it with the rest. */
export const fusedTrainStepsCpuKernel: tf.KernelConfig = {
  kernelName: FUSED_TRAIN_STEPS,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const io = cpuKernelIo(FUSED_TRAIN_STEPS, inputs, backend);
    const { problem, batchSize, stepCount, beta1Product, slotCount } = attrs as unknown as FusedAttrs;
    const state = io.state(slotCount, stepCount, beta1Product);
    const losses = trainStepsCpu(
      parsedProblem<FusedProblem>(problem),
      state,
      { inputs: io.read('inputs') as Float32Array, targets: io.read('targets') as Float32Array },
      { batchSize, rows: io.read('rows') as Int32Array, learningRates: io.read('learningRates') as Float32Array, momenta: io.read('momenta') as Float32Array },
    );
    return io.outputs(state.theta, state.slots, losses);
  },
};

export interface FusedCall {
  problem: FusedProblem;
  theta: tf.Tensor1D;
  slots: readonly tf.Tensor1D[];
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
  batchSize: number;
  rows: Int32Array;
  learningRates: Float32Array | Float64Array;
  momenta: Float32Array | Float64Array;
  stepCount: number;
  beta1Product: number;
}

/** Runs the kernel; the caller owns (and disposes) the returned tensors. */
export function fusedTrainSteps(call: FusedCall): { theta: tf.Tensor1D; slots: tf.Tensor1D[]; losses: tf.Tensor1D } {
  return tf.tidy(() => {
    const named: Record<TrainStepsInput, tf.Tensor> = {
      theta: call.theta,
      inputs: call.inputs,
      targets: call.targets,
      rows: tf.tensor1d(call.rows, 'int32'),
      learningRates: tf.tensor1d(Float32Array.from(call.learningRates)),
      momenta: tf.tensor1d(Float32Array.from(call.momenta)),
    };
    const inputs: tf.NamedTensorMap = { ...named };
    call.slots.forEach((slot, i) => (inputs[slotName(i)] = slot));
    const attrs: FusedAttrs = {
      problem: JSON.stringify(call.problem),
      batchSize: call.batchSize,
      stepCount: call.stepCount,
      beta1Product: call.beta1Product,
      slotCount: call.slots.length,
    };
    const [theta, ...rest] = tf.engine().runKernel(FUSED_TRAIN_STEPS, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D[];
    const losses = rest[rest.length - 1];
    return { theta, slots: rest.slice(0, -1), losses };
  });
}
