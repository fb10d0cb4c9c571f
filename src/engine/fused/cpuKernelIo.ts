/**
 * What every fused CPU kernel does around its loops: read its named inputs from the CPU backend, copy θ and
 * the optimizer's slots into fresh arrays (the outputs are new tensors; the inputs stay as they were), and
 * hand back θ, the slots and the losses as new tensors. `makeTensorInfo` keeps the array it is given as the
 * tensor's data, so that one copy is all a call allocates per θ or slot; the work buffers (algorithms/backprop/cpuTrainSteps.ts,
 * algorithms/locoprop/cpuLocoPropSteps.ts) are keyed by the parsed problem's layout, which `parsedProblem` keeps from call to call.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

import { slotName } from './kernelSignatures';

/** The problems parsed lately, by their JSON (a few: the paper scene trains two runs in one worker). */
const PARSED_KEPT = 4;
const parsed = new Map<string, unknown>();

/**
 * The kernel's `problem` attribute parsed, the same object for the same JSON while it is among the last
 * PARSED_KEPT: the kernels' work buffers are keyed by its layout, so a fresh parse per call would build them
 * anew each call (parameter-sized arrays: on MNIST 512-512 a 2.7 MB gradient and the batch's activations).
 * The kernels only read it.
 */
export function parsedProblem<T>(json: string): T {
  let problem = parsed.get(json);
  if (problem === undefined) {
    problem = JSON.parse(json) as unknown;
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
  } else parsed.delete(json);
  parsed.set(json, problem); // most recent last
  return problem as T;
}

export interface CpuKernelIo {
  read(name: string): Float32Array | Int32Array;
  /** θ and the slots as fresh arrays, with the optimizer's counters. */
  state(slotCount: number, stepCount: number, beta1Product: number): { theta: Float32Array; slots: Float32Array[]; stepCount: number; beta1Product: number };
  /** θ, the slots and the losses as new tensors, then any further per-step outputs (an -HD rule's α). */
  outputs(theta: Float32Array, slots: readonly Float32Array[], losses: Float32Array, ...more: Float32Array[]): tf.TensorInfo[];
}

export function cpuKernelIo(kernelName: string, inputs: tf.NamedTensorInfoMap, backend: unknown): CpuKernelIo {
  const cpu = backend as MathBackendCPU;
  const read = (name: string): Float32Array | Int32Array => {
    const input = inputs[name];
    if (!input) throw new Error(`${kernelName}: no input "${name}"`);
    return cpu.readSync(input.dataId) as Float32Array | Int32Array;
  };
  const out = (values: Float32Array): tf.TensorInfo => cpu.makeTensorInfo([values.length], 'float32', values);
  return {
    read,
    state: (slotCount, stepCount, beta1Product) => ({
      theta: new Float32Array(read('theta')),
      slots: Array.from({ length: slotCount }, (_, i) => new Float32Array(read(slotName(i)))),
      stepCount,
      beta1Product,
    }),
    outputs: (theta, slots, losses, ...more) => [out(theta), ...slots.map(out), out(losses), ...more.map(out)],
  };
}
