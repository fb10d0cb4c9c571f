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
import { adaptsLearningRate } from '../../engine/names';
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
  /** SGD-HD's and Adam-HD's α as it stands (one float, on the device); each step's α comes back after the losses. */
  rate?: TensorInfo;
}

/** The shader's uniform (trainStepsWgsl.ts Params): the step count, the penalty rate, the -HD rules' β. */
export function stepsParams(steps: number, problem: FusedProblem): ArrayBuffer {
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = steps;
  new Float32Array(params, 4, 2).set([problem.regularizationRate, problem.hypergradientRate ?? 0]);
  return params;
}

/** An -HD rule's α (or none for the others), checked against the problem. */
export function adaptedRateFor(problem: FusedProblem, rate: TensorInfo | undefined, what: string): { rate?: TensorInfo } {
  if (!adaptsLearningRate(problem.optimizer)) {
    if (rate) throw new Error(`${what}: ${problem.optimizer} adapts no rate, but one was given`);
    return {};
  }
  if (!rate) throw new Error(`${what}: ${problem.optimizer} needs its adapted rate`);
  if (problem.hypergradientRate === undefined || !Number.isFinite(problem.hypergradientRate)) throw new Error(`${what}: ${problem.optimizer} needs a hypergradient rate β, got ${problem.hypergradientRate}`);
  return { rate };
}

/**
 * Per step: η, μ, and for Adam α_t = η√(1−β₂ᵗ)/(1−Πβ₁) and ε̂ = ε√(1−β₂ᵗ) with t and Πβ₁ counted as
 * FlatOptimizer.apply counts them (the product of the β₁ actually used, exact under cycled momentum).
 */
export function stepCoefficients(optimizer: OptimizerKind, learningRates: ArrayLike<number>, momenta: ArrayLike<number>, stepCount: number, beta1Product: number): Float32Array {
  if (adaptsLearningRate(optimizer)) return adaptedStepCoefficients(optimizer, learningRates, momenta, stepCount, beta1Product);
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

/**
 * The -HD rules' step table (trainStepsWgsl.ts STEP_COEFFICIENTS): a header row [unused, t₀ as bits, √(1−β₂^t₀)/(1−Πβ₁),
 * ε√(1−β₂^t₀)] (0 before the first update), then per step [η, μ, √(1−β₂ᵗ)/(1−Πβ₁), ε√(1−β₂ᵗ)] (Adam-HD's; SGD-HD's
 * last two unused): the plain path's factors (optimizers.ts), each formed in double and rounded once.
 */
function adaptedStepCoefficients(optimizer: OptimizerKind, learningRates: ArrayLike<number>, momenta: ArrayLike<number>, stepCount: number, beta1Product: number): Float32Array {
  const table = new Float32Array(STEP_COEFFICIENTS * (learningRates.length + 1));
  new Uint32Array(table.buffer, 4, 1)[0] = stepCount;
  const factors = (t: number, product: number): [number, number] => {
    if (optimizer !== 'adam-hd' || t === 0) return [0, 0];
    const correction = Math.sqrt(1 - ADAM_BETA2 ** t);
    return [correction / (1 - product), ADAM_EPSILON * correction];
  };
  table.set(factors(stepCount, beta1Product), 2);
  let product = beta1Product;
  for (let s = 0; s < learningRates.length; s++) {
    product *= optimizer === 'adam-hd' ? momenta[s] : 1;
    table.set([learningRates[s], momenta[s], ...factors(stepCount + s + 1, product)], STEP_COEFFICIENTS * (s + 1));
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
  const params = stepsParams(steps, problem);
  const coefficients = stepCoefficients(problem.optimizer, call.learningRates, call.momenta, call.stepCount, call.beta1Product);
  const rate = adaptedRateFor(problem, call.rate, WHAT);
  // Wider networks: the same steps as a sequence of dispatches over the whole GPU (webgpuWideSteps.ts); backprop's only.
  if (!fitsOneWorkgroup(problem.layout)) {
    if (call.feedback) throw new Error(`${WHAT}: feedback alignment's kernel takes layers up to one workgroup wide`);
    if (rate.rate) throw new Error(`${WHAT}: the ${problem.optimizer} kernel takes layers up to one workgroup wide`);
    return trainStepsWide(backend, call, coefficients, options.mutation);
  }
  const dispatch = { ...call, ...rate, parameterCount: problem.layout.parameterCount, steps, params, coefficients };
  return runFused(backend, dispatch, () => compiledFor(backend.device, problem, batchSize, options, false, call.feedback !== undefined), WHAT);
}
