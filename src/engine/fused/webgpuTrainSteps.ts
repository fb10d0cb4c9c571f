/**
 * The fused training steps on WebGPU: N whole backprop steps of an MLP (cpuTrainSteps.ts's computation, in
 * the WGSL of trainStepsWgsl.ts) in ONE dispatch of ONE workgroup, on the TF.js WebGPU backend's own device
 * and buffers. A call submits what TF.js has recorded so far, then one command buffer: copies of θ and the
 * slots into the output tensors' buffers and the dispatch that updates them in place N times. The per-step
 * rates and Adam's bias corrections are computed here in double precision and uploaded with the batches'
 * rows in one small "step table"; the training set stays on the device. Pipelines are compiled once per
 * layout and options (sizes are WGSL constants) and cached per device.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../model/mlp';
import { ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from '../train/optimizers';
import type { FusedProblem } from './cpuTrainSteps';
import { STEP_COEFFICIENTS, slotCountOf, trainStepsShader, type BindingRole, type TrainStepsShader, type WgslVariant } from './trainStepsWgsl';

/** Widest layer (input, hidden or output) one workgroup takes; wider networks use the plain path. */
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
  variant: WgslVariant;
}

/**
 * 64 invocations, arrays in workgroup memory where they fit: on SwiftShader, batch 32, 2-8-8-1 runs 8,900
 * steps/s so against 4,300 with 256 invocations and 6,600 with storage buffers only; 2-64-64-64-1 runs
 * 154–161 steps/s in all three (bench/webgpu-fused-bench.ts).
 */
export const DEFAULT_WEBGPU_STEPS_OPTIONS: WebGpuStepsOptions = { workgroupSize: 64, useWorkgroupMemory: true, variant: 'exact' };

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

interface CompiledSteps {
  shader: TrainStepsShader;
  pipeline: GPUComputePipeline;
  bindGroupLayout: GPUBindGroupLayout;
}

const pipelines = new WeakMap<GPUDevice, Map<string, CompiledSteps>>();

function bindingType(role: BindingRole): GPUBufferBindingType {
  if (role === 'params') return 'uniform';
  return role === 'stepTable' || role === 'inputs' || role === 'targets' ? 'read-only-storage' : 'storage';
}

function compiledFor(device: GPUDevice, problem: FusedProblem, batchSize: number, options: WebGpuStepsOptions): CompiledSteps {
  const spec = {
    layout: problem.layout,
    lossKind: problem.lossKind,
    regularization: problem.regularization,
    optimizer: problem.optimizer,
    batchSize,
    workgroupSize: options.workgroupSize,
    workgroupBytes: options.useWorkgroupMemory ? device.limits.maxComputeWorkgroupStorageSize : 0,
    variant: options.variant,
  };
  const key = JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]) });
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const shader = trainStepsShader(spec);
  const bindGroupLayout = device.createBindGroupLayout({
    entries: shader.bindings.map((role, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: bindingType(role) } })),
  });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] }),
    compute: { module: device.createShaderModule({ code: shader.code, label: 'LocoLab fused training steps' }), entryPoint: 'main' },
  });
  const compiled = { shader, pipeline, bindGroupLayout };
  cache.set(key, compiled);
  return compiled;
}

/** The tensor's GPU buffer, uploading host values first (the copy is recorded in TF.js's encoder). */
function bufferOf(backend: WebGPUBackend, info: TensorInfo): GPUBuffer {
  backend.uploadToGPU(info.dataId);
  const resource = backend.tensorMap.get(info.dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error('fused WebGPU steps: a tensor is not in a GPU buffer');
  return resource;
}

/** Small per-call buffers: the uniform (step count, penalty rate) and the step table (rates, then rows). */
function writeStepBuffers(backend: WebGPUBackend, call: WebGpuStepsCall, acquire: (bytes: number, usage: number) => GPUBuffer): { params: GPUBuffer; stepTable: GPUBuffer } {
  const { problem } = call;
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = call.learningRates.length;
  new Float32Array(params, 4, 1)[0] = problem.regularizationRate;
  const coefficients = stepCoefficients(problem.optimizer, call.learningRates, call.momenta, call.stepCount, call.beta1Product);
  const table = new ArrayBuffer(4 * (coefficients.length + call.rows.length));
  new Float32Array(table, 0, coefficients.length).set(coefficients);
  new Uint32Array(table, 4 * coefficients.length).set(call.rows);
  const buffers = {
    params: acquire(params.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
    stepTable: acquire(table.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
  };
  backend.device.queue.writeBuffer(buffers.params, 0, params);
  backend.device.queue.writeBuffer(buffers.stepTable, 0, table);
  return buffers;
}

/** Runs the steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function trainStepsWebGpu(backend: WebGPUBackend, call: WebGpuStepsCall, options: WebGpuStepsOptions = DEFAULT_WEBGPU_STEPS_OPTIONS): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  const bytes = 4 * problem.layout.parameterCount;
  if (!fitsOneWorkgroup(problem.layout)) throw new Error(`fused WebGPU steps: layers wider than ${MAX_FUSED_WIDTH} do not fit one workgroup`);
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`fused WebGPU steps: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  if (call.rows.length !== steps * batchSize || call.momenta.length !== steps) throw new Error('fused WebGPU steps: rows, rates and momenta disagree on the step count');

  const stateOut = [call.theta, ...call.slots].map(() => backend.makeTensorInfo([problem.layout.parameterCount], 'float32'));
  const lossesOut = steps > 0 ? backend.makeTensorInfo([steps], 'float32') : backend.makeTensorInfo([0], 'float32', new Float32Array(0));
  const stateIn = [call.theta, ...call.slots].map((info) => bufferOf(backend, info));
  const buffers = new Map<BindingRole, GPUBuffer>();
  stateOut.forEach((info, i) => buffers.set(i === 0 ? 'theta' : (`slot${i - 1}` as BindingRole), bufferOf(backend, info)));
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
    if (compiled.shader.bindings.includes('scratch')) buffers.set('scratch', acquire(4 * compiled.shader.scratch.size, GPUBufferUsage.STORAGE));
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
