/**
 * The fused LocoProp steps on WebGPU: N whole outer steps of LocoProp-S or -M (cpuLocoPropSteps.ts's
 * computation, in the WGSL of locopropStepsWgsl.ts), K inner iterations each, in ONE dispatch of ONE
 * workgroup on the TF.js WebGPU backend's own device and buffers, run by webgpuDispatch.ts as backprop's
 * steps are. Each inner iteration's rate (lr·max(1 − k/K, 0.25) with decay), momentum and Adam's bias
 * corrections (t and Πβ₁ restarted at every outer step with resetInner) are computed here in double
 * precision, as FlatOptimizer computes them, and uploaded with the batches' rows in one step table.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { LocoPropSettings } from './settings';
import { innerRateFactor } from './step';
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../../engine/train/optimizers';
import type { LocoPropProblem } from './cpuLocoPropSteps';
import { INNER_COEFFICIENTS, locopropProblemSpec, locopropStepsShader } from './locopropStepsWgsl';
import { compiledProgram, DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup, mutated, runFused, type ShaderMutation } from '../../engine/fused/webgpuDispatch';
import { slotCountOf } from '../../engine/fused/wgslLayout';
import { locopropStepsWide } from './webgpuWideLocoProp';

const WHAT = 'fused WebGPU LocoProp steps';

export interface WebGpuLocoPropOptions {
  /** Invocations in the workgroup. */
  workgroupSize: number;
  /** Keep θ, the per-step arrays and the slots in workgroup memory where they fit (false: storage buffers only). */
  useWorkgroupMemory: boolean;
  /** A rewrite of the generated WGSL before it compiles; null in the app (engine/fused/webgpuDispatch.ts ShaderMutation). */
  mutation: ShaderMutation | null;
}

export const DEFAULT_WEBGPU_LOCOPROP_OPTIONS: WebGpuLocoPropOptions = {
  workgroupSize: DEFAULT_WEBGPU_STEPS_OPTIONS.workgroupSize,
  useWorkgroupMemory: DEFAULT_WEBGPU_STEPS_OPTIONS.useWorkgroupMemory,
  mutation: null,
};

export interface WebGpuLocoPropCall {
  problem: LocoPropProblem;
  theta: TensorInfo;
  slots: readonly TensorInfo[];
  /** The whole training set, row-major, on the device. */
  inputs: TensorInfo;
  targets: TensorInfo;
  batchSize: number;
  /** Host values: each outer step's batch rows (steps × batchSize), inner learning rate and momentum. */
  rows: Int32Array;
  learningRates: ArrayLike<number>;
  momenta: ArrayLike<number>;
  stepCount: number;
  beta1Product: number;
}

/**
 * Per outer step s and inner iteration k: lr_k = lr_s·max(1 − k/K, 0.25) (decay) or lr_s, μ_s, and for Adam
 * α = lr_k√(1−β₂ᵗ)/(1−Πβ₁) and ε̂ = ε√(1−β₂ᵗ), with t and Πβ₁ counted as FlatOptimizer.apply counts them:
 * one update per inner iteration, from (stepCount, beta1Product), restarted at (0, 1) at every outer step
 * when the inner optimizer is reset.
 */
export function innerCoefficients(
  optimizer: OptimizerKind,
  locoprop: Pick<LocoPropSettings, 'innerSteps' | 'innerDecay' | 'resetInner'>,
  learningRates: ArrayLike<number>,
  momenta: ArrayLike<number>,
  stepCount: number,
  beta1Product: number,
): Float32Array {
  const K = locoprop.innerSteps;
  const table = new Float32Array(INNER_COEFFICIENTS * K * learningRates.length);
  let t = stepCount;
  let product = beta1Product;
  for (let s = 0; s < learningRates.length; s++) {
    if (locoprop.resetInner) {
      t = 0;
      product = 1;
    }
    const mu = momenta[s];
    for (let k = 0; k < K; k++) {
      const at = INNER_COEFFICIENTS * (s * K + k);
      const lr = learningRates[s] * innerRateFactor(k, K, locoprop.innerDecay);
      t += 1;
      table[at] = lr;
      table[at + 1] = mu;
      if (optimizer !== 'adam') continue;
      product *= mu;
      const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** t);
      table[at + 2] = (lr * secondCorrection) / (1 - product);
      table[at + 3] = ADAM_EPSILON * secondCorrection;
    }
  }
  return table;
}

function compiledFor(device: GPUDevice, problem: LocoPropProblem, batchSize: number, options: WebGpuLocoPropOptions) {
  const spec = {
    ...locopropProblemSpec(problem, batchSize),
    workgroupSize: options.workgroupSize,
    workgroupBytes: options.useWorkgroupMemory ? device.limits.maxComputeWorkgroupStorageSize : 0,
  };
  const key = `locoprop ${JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: options.mutation?.name ?? null })}`;
  return compiledProgram(device, key, 'LocoLab fused LocoProp steps', () => mutated(locopropStepsShader(spec), options.mutation));
}

/** Runs the outer steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function locopropStepsWebGpu(backend: WebGPUBackend, call: WebGpuLocoPropCall, options: WebGpuLocoPropOptions = DEFAULT_WEBGPU_LOCOPROP_OPTIONS): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`${WHAT}: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  if (call.rows.length !== steps * batchSize || call.momenta.length !== steps) throw new Error(`${WHAT}: rows, rates and momenta disagree on the step count`);
  // The uniform: outer steps, penalty rate, γ, 1/η.
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = steps;
  new Float32Array(params, 4, 3).set([problem.regularizationRate, problem.locoprop.gamma, problem.locoprop.proximalWeight]);
  const coefficients = innerCoefficients(problem.optimizer, problem.locoprop, call.learningRates, call.momenta, call.stepCount, call.beta1Product);
  // Wider networks: the same steps as a sequence of dispatches over the whole GPU (webgpuWideLocoProp.ts).
  if (!fitsOneWorkgroup(problem.layout)) return locopropStepsWide(backend, call, coefficients, options.mutation);
  const dispatch = { ...call, parameterCount: problem.layout.parameterCount, steps, params, coefficients };
  return runFused(backend, dispatch, () => compiledFor(backend.device, problem, batchSize, options), WHAT);
}
