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
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../../engine/train/optimizers';
import type { FusedProblem } from '../../engine/fused/fusedProblem';
import { compiledProgram, DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup, mutated, runFused, type WebGpuStepsOptions } from '../../engine/fused/webgpuDispatch';
import { slotCountOf } from '../../engine/fused/wgslLayout';
import { STEP_COEFFICIENTS, trainStepsShader } from './trainStepsWgsl';
import { trainStepsWide } from './webgpuWideSteps';

const WHAT = 'fused WebGPU steps';

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
  /** Feedback alignment's B (algorithms/feedback-alignment), on the device: the error goes down through it. */
  feedback?: TensorInfo;
}

/**
 * Per step: η, μ, and for Adam α_t = η√(1−β₂ᵗ)/(1−Πβ₁) and ε̂ = ε√(1−β₂ᵗ) with t and Πβ₁ counted as
 * FlatOptimizer.apply counts them (the product of the β₁ actually used, exact under cycled momentum).
 */
export function stepCoefficients(optimizer: OptimizerKind, learningRates: ArrayLike<number>, momenta: ArrayLike<number>, stepCount: number, beta1Product: number): Float32Array {
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

/** The pipeline for this problem, compiled once per device; `batched`: one workgroup per run of a sweep (webgpuSweepSteps.ts). */
export function compiledFor(device: GPUDevice, problem: FusedProblem, batchSize: number, options: WebGpuStepsOptions, batched = false, feedback = false) {
  const spec = {
    ...(batched ? { batched } : {}),
    ...(feedback ? { feedback } : {}),
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
  // Wider networks: the same steps as a sequence of dispatches over the whole GPU (webgpuWideSteps.ts); backprop's only.
  if (!fitsOneWorkgroup(problem.layout)) {
    if (call.feedback) throw new Error(`${WHAT}: feedback alignment's kernel takes layers up to one workgroup wide`);
    return trainStepsWide(backend, call, coefficients, options.mutation);
  }
  const dispatch = { ...call, parameterCount: problem.layout.parameterCount, steps, params, coefficients };
  return runFused(backend, dispatch, () => compiledFor(backend.device, problem, batchSize, options, false, call.feedback !== undefined), WHAT);
}
