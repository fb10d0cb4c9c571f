/**
 * The fused LocoProp steps on WebGPU: N whole outer steps of LocoProp-S or -M (cpuLocoPropSteps.ts's
 * computation, in the WGSL of locopropStepsWgsl.ts), K inner iterations each, in ONE dispatch of ONE
 * workgroup on the TF.js WebGPU backend's own device and buffers, as webgpuTrainSteps.ts runs backprop's: a
 * call submits what TF.js has recorded so far, then one command buffer with copies of θ and the slots into
 * the output tensors' buffers and the dispatch that updates them in place. Each inner iteration's rate
 * (lr·max(1 − k/K, 0.25) with decay), momentum and Adam's bias corrections (t and Πβ₁ restarted at every
 * outer step with resetInner) are computed here in double precision, as FlatOptimizer computes them, and
 * uploaded with the batches' rows in one step table.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { LocoPropSettings } from '../train/algorithm';
import { innerRateFactor } from '../train/locoprop';
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../train/optimizers';
import type { LocoPropProblem } from './cpuLocoPropSteps';
import { INNER_COEFFICIENTS, locopropStepsShader, locopropSwitches, type LocoPropBindingRole, type LocoPropShader, type LocoPropWgslVariant } from './locopropStepsWgsl';
import { slotCountOf } from './trainStepsWgsl';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup, MAX_FUSED_WIDTH } from './webgpuTrainSteps';

export interface WebGpuLocoPropOptions {
  /** Invocations in the workgroup. */
  workgroupSize: number;
  /** Keep θ, the per-step arrays and the slots in workgroup memory where they fit (false: storage buffers only). */
  useWorkgroupMemory: boolean;
  variant: LocoPropWgslVariant;
}

export const DEFAULT_WEBGPU_LOCOPROP_OPTIONS: WebGpuLocoPropOptions = {
  workgroupSize: DEFAULT_WEBGPU_STEPS_OPTIONS.workgroupSize,
  useWorkgroupMemory: DEFAULT_WEBGPU_STEPS_OPTIONS.useWorkgroupMemory,
  variant: 'exact',
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

interface CompiledLocoProp {
  shader: LocoPropShader;
  pipeline: GPUComputePipeline;
  bindGroupLayout: GPUBindGroupLayout;
}

const pipelines = new WeakMap<GPUDevice, Map<string, CompiledLocoProp>>();

function bindingType(role: LocoPropBindingRole): GPUBufferBindingType {
  if (role === 'params') return 'uniform';
  return role === 'stepTable' || role === 'inputs' || role === 'targets' ? 'read-only-storage' : 'storage';
}

function compiledFor(device: GPUDevice, problem: LocoPropProblem, batchSize: number, options: WebGpuLocoPropOptions): CompiledLocoProp {
  const spec = {
    layout: problem.layout,
    lossKind: problem.lossKind,
    regularization: problem.regularization,
    optimizer: problem.optimizer,
    variant: problem.variant,
    ...locopropSwitches(problem.locoprop),
    batchSize,
    workgroupSize: options.workgroupSize,
    workgroupBytes: options.useWorkgroupMemory ? device.limits.maxComputeWorkgroupStorageSize : 0,
    wgslVariant: options.variant,
  };
  const key = JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]) });
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const shader = locopropStepsShader(spec);
  const bindGroupLayout = device.createBindGroupLayout({
    entries: shader.bindings.map((role, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: bindingType(role) } })),
  });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] }),
    compute: { module: device.createShaderModule({ code: shader.code, label: 'LocoLab fused LocoProp steps' }), entryPoint: 'main' },
  });
  const compiled = { shader, pipeline, bindGroupLayout };
  cache.set(key, compiled);
  return compiled;
}

/** The tensor's GPU buffer, uploading host values first (the copy is recorded in TF.js's encoder). */
function bufferOf(backend: WebGPUBackend, info: TensorInfo): GPUBuffer {
  backend.uploadToGPU(info.dataId);
  const resource = backend.tensorMap.get(info.dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error('fused WebGPU LocoProp steps: a tensor is not in a GPU buffer');
  return resource;
}

/** The uniform (outer steps, penalty rate, γ, 1/η) and the step table (inner coefficients, then rows). */
function writeStepBuffers(backend: WebGPUBackend, call: WebGpuLocoPropCall, acquire: (bytes: number, usage: number) => GPUBuffer): { params: GPUBuffer; stepTable: GPUBuffer } {
  const { problem } = call;
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = call.learningRates.length;
  new Float32Array(params, 4, 3).set([problem.regularizationRate, problem.locoprop.gamma, problem.locoprop.proximalWeight]);
  const coefficients = innerCoefficients(problem.optimizer, problem.locoprop, call.learningRates, call.momenta, call.stepCount, call.beta1Product);
  const table = new ArrayBuffer(4 * Math.max(1, coefficients.length + call.rows.length));
  new Float32Array(table, 0, coefficients.length).set(coefficients);
  new Uint32Array(table, 4 * coefficients.length, call.rows.length).set(call.rows);
  const buffers = {
    params: acquire(params.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
    stepTable: acquire(table.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
  };
  backend.device.queue.writeBuffer(buffers.params, 0, params);
  backend.device.queue.writeBuffer(buffers.stepTable, 0, table);
  return buffers;
}

/** Runs the outer steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function locopropStepsWebGpu(backend: WebGPUBackend, call: WebGpuLocoPropCall, options: WebGpuLocoPropOptions = DEFAULT_WEBGPU_LOCOPROP_OPTIONS): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  const bytes = 4 * problem.layout.parameterCount;
  if (!fitsOneWorkgroup(problem.layout)) throw new Error(`fused WebGPU LocoProp steps: layers wider than ${MAX_FUSED_WIDTH} do not fit one workgroup`);
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`fused WebGPU LocoProp steps: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  if (call.rows.length !== steps * batchSize || call.momenta.length !== steps) throw new Error('fused WebGPU LocoProp steps: rows, rates and momenta disagree on the step count');

  const stateOut = [call.theta, ...call.slots].map(() => backend.makeTensorInfo([problem.layout.parameterCount], 'float32'));
  const lossesOut = steps > 0 ? backend.makeTensorInfo([steps], 'float32') : backend.makeTensorInfo([0], 'float32', new Float32Array(0));
  const stateIn = [call.theta, ...call.slots].map((info) => bufferOf(backend, info));
  const buffers = new Map<LocoPropBindingRole, GPUBuffer>();
  stateOut.forEach((info, i) => buffers.set(i === 0 ? 'theta' : (`slot${i - 1}` as LocoPropBindingRole), bufferOf(backend, info)));
  const compiled = steps > 0 ? compiledFor(backend.device, problem, batchSize, options) : null;
  if (compiled) {
    buffers.set('inputs', bufferOf(backend, call.inputs));
    buffers.set('targets', bufferOf(backend, call.targets));
    buffers.set('losses', bufferOf(backend, lossesOut));
  }
  // What TF.js has recorded (the uploads above, the ops that made θ) runs before our command buffer.
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();

  const encoder = backend.device.createCommandEncoder();
  stateIn.forEach((source, i) => encoder.copyBufferToBuffer(source, 0, bufferOf(backend, stateOut[i]), 0, bytes));
  const temporary: GPUBuffer[] = [];
  if (compiled) {
    const acquire = (size: number, usage: number): GPUBuffer => {
      const buffer = backend.bufferManager.acquireBuffer(size, usage);
      temporary.push(buffer);
      return buffer;
    };
    const { params, stepTable } = writeStepBuffers(backend, call, acquire);
    buffers.set('params', params);
    buffers.set('stepTable', stepTable);
    if (compiled.shader.bindings.includes('scratch')) buffers.set('scratch', acquire(4 * compiled.shader.scratchFloats, GPUBufferUsage.STORAGE));
    const bindGroup = backend.device.createBindGroup({
      layout: compiled.bindGroupLayout,
      entries: compiled.shader.bindings.map((role, binding) => ({ binding, resource: { buffer: buffers.get(role) as GPUBuffer } })),
    });
    const pass = encoder.beginComputePass();
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(1);
    pass.end();
  }
  backend.device.queue.submit([encoder.finish()]);
  // Queue order keeps later writes to these buffers behind this dispatch, so they can be reused at once.
  temporary.forEach((buffer) => backend.bufferManager.releaseBuffer(buffer));
  return [...stateOut, lossesOut];
}
