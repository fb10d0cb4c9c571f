/**
 * The fused training steps as a TF.js kernel (`tf.registerKernel`), called through the engine like any op:
 * N whole backprop steps from θ, the optimizer's slots, the training set on the device, the N batches' rows
 * and the N steps' learning rate and momentum; it returns θ, the slots and the N minibatch losses. Its CPU
 * kernel (typed-array loops, cpuTrainSteps.ts) and WebGPU kernel (webgpuKernel.ts) are registered from one list
 * (algorithms/workerRegistry.ts); a backend without the kernel takes the plain path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpuKernelIo, parsedProblem, type CpuKernelIo } from '../../engine/fused/cpuKernelIo';
import type { KernelResult } from '../../engine/fused/fusedSteps';
import { adaptsLearningRate } from '../../engine/names';
import { slotName } from '../../engine/fused/kernelSignatures';
import { ADAPTED_RATE_INPUT, TRAIN_STEPS_KERNEL, type TrainStepsAttrs, type TrainStepsInput } from './kernelSignature';
import { trainStepsCpu } from './cpuTrainSteps';
import type { FusedProblem, FusedState } from '../../engine/fused/fusedProblem';

export const FUSED_TRAIN_STEPS = TRAIN_STEPS_KERNEL;
type FusedAttrs = TrainStepsAttrs;

/** The CPU kernel; algorithms/backprop/fused.ts lists it, and the worker registry registers it with the rest. */
export const fusedTrainStepsCpuKernel: tf.KernelConfig = {
  kernelName: FUSED_TRAIN_STEPS,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const io = cpuKernelIo(FUSED_TRAIN_STEPS, inputs, backend);
    return trainStepsKernelBody(io, attrs as unknown as FusedAttrs, null);
  },
};

/**
 * The CPU kernel's work, given how it reads its inputs and where the error goes down (`feedback`: feedback
 * alignment's B, else W): an -HD rule reads α from ADAPTED_RATE_INPUT and returns each step's α after the losses.
 */
export function trainStepsKernelBody(io: CpuKernelIo, attrs: FusedAttrs, feedback: Float32Array | null): tf.TensorInfo[] {
  const { batchSize, stepCount, beta1Product, slotCount } = attrs;
  const problem = parsedProblem<FusedProblem>(attrs.problem);
  const state: FusedState = io.state(slotCount, stepCount, beta1Product);
  const schedule = { batchSize, rows: io.read('rows') as Int32Array, learningRates: io.read('learningRates') as Float32Array, momenta: io.read('momenta') as Float32Array };
  const adapts = adaptsLearningRate(problem.optimizer);
  if (adapts && stepCount > 0) state.rate = io.read(ADAPTED_RATE_INPUT)[0];
  const rates = adapts ? new Float32Array(schedule.learningRates.length) : null;
  const losses = trainStepsCpu(problem, state, { inputs: io.read('inputs') as Float32Array, targets: io.read('targets') as Float32Array }, schedule, feedback, rates);
  return rates ? io.outputs(state.theta, state.slots, losses, rates) : io.outputs(state.theta, state.slots, losses);
}

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
  /** SGD-HD's and Adam-HD's α as it stands (the optimizer's, on the device); absent for the other rules. */
  rate?: tf.Tensor1D;
}

/** Runs the kernel; the caller owns (and disposes) the returned tensors. */
export function fusedTrainSteps(call: FusedCall, kernelName: string = FUSED_TRAIN_STEPS, more: tf.NamedTensorMap = {}): KernelResult {
  return tf.tidy(() => {
    const named: Record<TrainStepsInput, tf.Tensor> = {
      theta: call.theta,
      inputs: call.inputs,
      targets: call.targets,
      rows: tf.tensor1d(call.rows, 'int32'),
      learningRates: tf.tensor1d(Float32Array.from(call.learningRates)),
      momenta: tf.tensor1d(Float32Array.from(call.momenta)),
    };
    const inputs: tf.NamedTensorMap = { ...named, ...more };
    call.slots.forEach((slot, i) => (inputs[slotName(i)] = slot));
    const adapts = adaptsLearningRate(call.problem.optimizer);
    if (adapts) {
      if (!call.rate) throw new Error(`${call.problem.optimizer}: the fused steps need its adapted rate`);
      inputs[ADAPTED_RATE_INPUT] = call.rate;
    }
    const attrs: FusedAttrs = {
      problem: JSON.stringify(call.problem),
      batchSize: call.batchSize,
      stepCount: call.stepCount,
      beta1Product: call.beta1Product,
      slotCount: call.slots.length,
    };
    const [theta, ...rest] = tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D[];
    const rates = adapts ? rest.pop() : undefined;
    const losses = rest.pop() as tf.Tensor1D;
    return { theta, slots: rest, losses, ...(rates ? { rates } : {}) };
  });
}
