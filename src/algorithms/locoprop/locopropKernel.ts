/**
 * The fused LocoProp steps as a TF.js kernel (`tf.registerKernel`), called through the engine like any op:
 * N whole outer steps (targets, then K inner iterations per layer: Amid, Anil & Warmuth 2022, arXiv:2106.06199,
 * as cpuLocoPropSteps.ts spells out) from θ, the inner
 * optimizer's slots, the training set on the device and the N batches' rows; the N steps' inner learning rate
 * and momentum travel as attributes, doubles, because the plain path computes with the doubles (1 − β₁ of a
 * double β₁ is not 1 − β₁ of its float32). Returns θ, the slots and the N minibatch losses. Its CPU kernel
 * (cpuLocoPropSteps.ts) and WebGPU kernel (webgpuLocoPropKernel.ts) are registered from one list
 * (algorithms/workerRegistry.ts); a backend without it takes the plain path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuKernelIo, parsedProblem } from '../../engine/fused/cpuKernelIo';
import { slotName } from '../../engine/fused/kernelSignatures';
import { LOCOPROP_STEPS_KERNEL, type LocoPropStepsAttrs, type LocoPropStepsInput } from './kernelSignature';
import { locopropStepsCpu, type LocoPropProblem } from './cpuLocoPropSteps';

export const FUSED_LOCOPROP_STEPS = LOCOPROP_STEPS_KERNEL;
type LocoPropAttrs = LocoPropStepsAttrs;

/** The CPU kernel; algorithms/locoprop/fused.ts lists it, and the worker registry registers it with the rest. */
export const fusedLocoPropCpuKernel: tf.KernelConfig = {
  kernelName: FUSED_LOCOPROP_STEPS,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const io = cpuKernelIo(FUSED_LOCOPROP_STEPS, inputs, backend);
    const { problem, batchSize, learningRates, momenta, stepCount, beta1Product, slotCount } = attrs as unknown as LocoPropAttrs;
    const state = io.state(slotCount, stepCount, beta1Product);
    const losses = locopropStepsCpu(
      parsedProblem<LocoPropProblem>(problem),
      state,
      { inputs: io.read('inputs') as Float32Array, targets: io.read('targets') as Float32Array },
      { batchSize, rows: io.read('rows') as Int32Array, learningRates, momenta },
    );
    return io.outputs(state.theta, state.slots, losses);
  },
};

export interface LocoPropCall {
  problem: LocoPropProblem;
  theta: tf.Tensor1D;
  slots: readonly tf.Tensor1D[];
  inputs: tf.Tensor2D;
  targets: tf.Tensor2D;
  batchSize: number;
  rows: Int32Array;
  learningRates: ArrayLike<number>;
  momenta: ArrayLike<number>;
  stepCount: number;
  beta1Product: number;
}

/** Runs the kernel; the caller owns (and disposes) the returned tensors. */
export function fusedLocoPropSteps(call: LocoPropCall): { theta: tf.Tensor1D; slots: tf.Tensor1D[]; losses: tf.Tensor1D } {
  return tf.tidy(() => {
    const named: Record<LocoPropStepsInput, tf.Tensor> = { theta: call.theta, inputs: call.inputs, targets: call.targets, rows: tf.tensor1d(call.rows, 'int32') };
    const inputs: tf.NamedTensorMap = { ...named };
    call.slots.forEach((slot, i) => (inputs[slotName(i)] = slot));
    const attrs: LocoPropAttrs = {
      problem: JSON.stringify(call.problem),
      batchSize: call.batchSize,
      learningRates: Array.from(call.learningRates),
      momenta: Array.from(call.momenta),
      stepCount: call.stepCount,
      beta1Product: call.beta1Product,
      slotCount: call.slots.length,
    };
    const [theta, ...rest] = tf.engine().runKernel(FUSED_LOCOPROP_STEPS, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D[];
    return { theta, slots: rest.slice(0, -1), losses: rest[rest.length - 1] };
  });
}
