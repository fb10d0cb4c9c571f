/**
 * The fused training steps on WebGPU: N whole backprop steps of an MLP (cpuTrainSteps.ts's computation, in
 * the WGSL of trainStepsWgsl.ts) in ONE dispatch of ONE workgroup, on the TF.js WebGPU backend's own device
 * and buffers (webgpuDispatch.ts runs the call). The per-step rates and Adam's bias corrections are computed
 * here in double precision and uploaded with the batches' rows in one small "step table"; the training set
 * stays on the device. Pipelines are compiled once per layout and options (sizes are WGSL constants).
 * Networks with a layer wider than MAX_FUSED_WIDTH run the same steps as many dispatches (webgpuWideSteps.ts).
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../model/mlp';
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../train/optimizers';
import type { FusedProblem } from './cpuTrainSteps';
import { STEP_COEFFICIENTS, slotCountOf, trainStepsShader } from './trainStepsWgsl';
import { compiledProgram, runFused } from './webgpuDispatch';
import { trainStepsWide } from './webgpuWideSteps';

const WHAT = 'fused WebGPU steps';

/** Widest layer (input, hidden or output) one workgroup takes; wider networks take the wide path (webgpuWideSteps.ts). */
export const MAX_FUSED_WIDTH = 64;

/** Whether every layer of the network is narrow enough for the one-workgroup kernel. */
export function fitsOneWorkgroup(layout: NetworkLayout): boolean {
  return layout.layers.every((layer) => layer.inputSize <= MAX_FUSED_WIDTH && layer.outputSize <= MAX_FUSED_WIDTH);
}

export interface WebGpuStepsOptions {
  /** Invocations in the workgroup. */
  workgroupSize: number;
  /** Keep θ, the scratch and the slots in workgroup memory where they fit (false: storage buffers only). */
  useWorkgroupMemory: boolean;
  /** A rewrite of the generated WGSL before it compiles; null in the app (see ShaderMutation). */
  mutation: ShaderMutation | null;
}

/**
 * A named rewrite of a generated shader's WGSL. The app never sets one; a test harness does, to show that its
 * parity check fails on a deliberately wrong kernel (the mutations live with the tests, in src/test/). The
 * name keys the compiled pipeline, so a mutated shader never stands in for the exact one.
 */
export interface ShaderMutation {
  name: string;
  rewrite(code: string): string;
}

/** The shader `build` makes, rewritten by `mutation` when there is one. */
export function mutated<S extends { code: string }>(shader: S, mutation: ShaderMutation | null): S {
  return mutation ? { ...shader, code: mutation.rewrite(shader.code) } : shader;
}

/**
 * 64 invocations, arrays in workgroup memory where they fit: on SwiftShader, batch 32, 2-8-8-1 runs 8,900
 * steps/s so against 4,300 with 256 invocations and 6,600 with storage buffers only; 2-64-64-64-1 runs
 * 154–161 steps/s in all three (bench/webgpu-fused-bench.ts).
 */
export const DEFAULT_WEBGPU_STEPS_OPTIONS: WebGpuStepsOptions = { workgroupSize: 64, useWorkgroupMemory: true, mutation: null };

export interface WebGpuStepsCall {
  problem: FusedProblem;
  theta: TensorInfo;
  slots: readonly TensorInfo[];
  /** The whole training set, row-major, on the device. */
  inputs: TensorInfo;
  targets: TensorInfo;
  batchSize: number;
  /** Host values: each step's batch rows (steps × batchSize), learning rate and momentum. */
  rows: Int32Array;
  learningRates: Float32Array;
  momenta: Float32Array;
  stepCount: number;
  beta1Product: number;
}

/**
 * Per step: η, μ, and for Adam α_t = η√(1−β₂ᵗ)/(1−Πβ₁) and ε̂ = ε√(1−β₂ᵗ) with t and Πβ₁ counted as
 * FlatOptimizer.apply counts them (the product of the β₁ actually used, exact under cycled momentum).
 */
export function stepCoefficients(optimizer: OptimizerKind, learningRates: Float32Array, momenta: Float32Array, stepCount: number, beta1Product: number): Float32Array {
  const table = new Float32Array(STEP_COEFFICIENTS * learningRates.length);
  let product = beta1Product;
  for (let s = 0; s < learningRates.length; s++) {
    const lr = learningRates[s];
    const mu = momenta[s];
    table.set([lr, mu], STEP_COEFFICIENTS * s);
    if (optimizer !== 'adam') continue;
    product *= mu;
    const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** (stepCount + s + 1));
    table.set([(lr * secondCorrection) / (1 - product), ADAM_EPSILON * secondCorrection], STEP_COEFFICIENTS * s + 2);
  }
  return table;
}

function compiledFor(device: GPUDevice, problem: FusedProblem, batchSize: number, options: WebGpuStepsOptions) {
  const spec = {
    layout: problem.layout,
    lossKind: problem.lossKind,
    regularization: problem.regularization,
    optimizer: problem.optimizer,
    batchSize,
    workgroupSize: options.workgroupSize,
    workgroupBytes: options.useWorkgroupMemory ? device.limits.maxComputeWorkgroupStorageSize : 0,
  };
  const key = `backprop ${JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: options.mutation?.name ?? null })}`;
  return compiledProgram(device, key, 'LocoLab fused training steps', () => mutated(trainStepsShader(spec), options.mutation));
}

/** Runs the steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function trainStepsWebGpu(backend: WebGPUBackend, call: WebGpuStepsCall, options: WebGpuStepsOptions = DEFAULT_WEBGPU_STEPS_OPTIONS): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`${WHAT}: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  if (call.rows.length !== steps * batchSize || call.momenta.length !== steps) throw new Error(`${WHAT}: rows, rates and momenta disagree on the step count`);
  // The uniform: the step count and the penalty rate.
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = steps;
  new Float32Array(params, 4, 1)[0] = problem.regularizationRate;
  const coefficients = stepCoefficients(problem.optimizer, call.learningRates, call.momenta, call.stepCount, call.beta1Product);
  // Wider networks: the same steps as a sequence of dispatches over the whole GPU (webgpuWideSteps.ts).
  if (!fitsOneWorkgroup(problem.layout)) return trainStepsWide(backend, call, coefficients, options.mutation);
  const dispatch = { ...call, parameterCount: problem.layout.parameterCount, steps, params, coefficients };
  return runFused(backend, dispatch, () => compiledFor(backend.device, problem, batchSize, options), WHAT);
}
