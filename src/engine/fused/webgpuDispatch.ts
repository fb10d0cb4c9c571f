/**
 * What the fused WebGPU kernels share (algorithms/backprop/webgpuTrainSteps.ts, algorithms/locoprop/webgpuLocoPropSteps.ts):
 * the bindings of their WGSL, pipelines compiled once per shader and cached per device, and one call's work
 * on the TF.js WebGPU backend's own device and buffers. A call submits what TF.js has recorded so far, then
 * one command buffer: copies of θ and the slots into the output tensors' buffers and the dispatch of ONE
 * workgroup that updates them in place, all N steps long. The per-step coefficients and the batches' rows
 * go up in one small step table; the training set stays on the device.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { env, util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../model/mlp';
import { isReadOnly, type BindingRole } from './wgslLayout';

/** Widest layer (input, hidden or output) one workgroup takes; wider networks take the wide path (webgpuWideDispatch.ts). */
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

export interface FusedShader {
  code: string;
  bindings: BindingRole[];
  /** Floats of the storage scratch buffer, bound where `bindings` has 'scratch'. */
  scratchFloats: number;
}

interface CompiledProgram {
  shader: FusedShader;
  pipeline: GPUComputePipeline;
  bindGroupLayout: GPUBindGroupLayout;
}

function bindingType(role: BindingRole): GPUBufferBindingType {
  if (role === 'params') return 'uniform';
  return isReadOnly(role) ? 'read-only-storage' : 'storage';
}

const programs = new WeakMap<GPUDevice, Map<string, CompiledProgram>>();

/**
 * Whether TF.js is in its compile-only mode (`WEBGPU_ENGINE_COMPILE_ONLY`, which worker/warmUp.ts sets while it
 * records a scratch step): pipelines are created with createComputePipelineAsync and nothing is dispatched. Read
 * from the flags set, as the flag is registered only where the WebGPU backend is loaded.
 */
export function compilingOnly(): boolean {
  return env().getFlags()['WEBGPU_ENGINE_COMPILE_ONLY'] === true;
}

/** The keys being compiled later, per cache (each is one device's programs of one kind). */
const inFlight = new WeakMap<Map<string, unknown>, Set<string>>();

/**
 * In compile-only mode: `compile` (the asynchronous creation of `key`'s program) once per cache and key; its
 * program goes into `cache` when done, unless a dispatch needed it first and compiled it itself.
 */
export function compileLater<P>(cache: Map<string, P>, key: string, compile: () => Promise<P>): void {
  let pending = inFlight.get(cache);
  if (!pending) inFlight.set(cache, (pending = new Set()));
  if (pending.has(key)) return;
  pending.add(key);
  const done = pending;
  compile()
    .then(
      (program) => {
        if (!cache.has(key)) cache.set(key, program);
      },
      () => undefined,
    )
    .finally(() => done.delete(key));
}

/**
 * The pipeline for the shader `build` makes, compiled once per device and `key` (sizes are WGSL constants); in
 * compile-only mode, null until its asynchronous compile is done (compileLater).
 */
export function compiledProgram(device: GPUDevice, key: string, label: string, build: () => FusedShader): CompiledProgram | null {
  let cache = programs.get(device);
  if (!cache) programs.set(device, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const create = (): { shader: FusedShader; bindGroupLayout: GPUBindGroupLayout; descriptor: GPUComputePipelineDescriptor } => {
    const shader = build();
    // Over the device's limit WebGPU would refuse the layout without throwing, and the dispatch would silently not run.
    const storage = shader.bindings.filter((role) => role !== 'params').length;
    if (storage > device.limits.maxStorageBuffersPerShaderStage) throw new Error(`${label}: ${storage} storage buffers, over this device's ${device.limits.maxStorageBuffersPerShaderStage}`);
    const bindGroupLayout = device.createBindGroupLayout({
      entries: shader.bindings.map((role, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: bindingType(role) } })),
    });
    const descriptor = {
      layout: device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] }),
      compute: { module: device.createShaderModule({ code: shader.code, label }), entryPoint: 'main' },
    };
    return { shader, bindGroupLayout, descriptor };
  };
  if (compilingOnly()) {
    compileLater(cache, key, async () => {
      const { shader, bindGroupLayout, descriptor } = create();
      return { shader, bindGroupLayout, pipeline: await device.createComputePipelineAsync(descriptor) };
    });
    return null;
  }
  const { shader, bindGroupLayout, descriptor } = create();
  const compiled = { shader, pipeline: device.createComputePipeline(descriptor), bindGroupLayout };
  cache.set(key, compiled);
  return compiled;
}

/**
 * The tensor's GPU buffer, uploading host values first (the copy is recorded in TF.js's encoder). The one
 * read of the backend's tensorMap: its public readToGPU copies the buffer into a new one, once per call, where
 * the kernel needs the buffer that already holds θ and the training set.
 */
export function bufferOf(backend: WebGPUBackend, info: TensorInfo, what: string): GPUBuffer {
  backend.uploadToGPU(info.dataId);
  const resource = backend.tensorMap.get(info.dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error(`${what}: a tensor is not in a GPU buffer`);
  return resource;
}

export interface FusedDispatch {
  theta: TensorInfo;
  slots: readonly TensorInfo[];
  inputs: TensorInfo;
  targets: TensorInfo;
  parameterCount: number;
  /** Steps (outer steps for LocoProp): the length of the losses returned. */
  steps: number;
  /** The 16-byte uniform Params. */
  params: ArrayBuffer;
  /** The step table: the per-step (or per-inner-iteration) coefficients, then the batches' rows. */
  coefficients: Float32Array;
  rows: Int32Array;
  /** Workgroups dispatched: 1, or a batched sweep's runs (one workgroup each; webgpuSweepSteps.ts). */
  workgroups?: number;
  /** Feedback alignment's B, on the device, in θ's layout (trainStepsWgsl.ts `feedback`). */
  feedback?: TensorInfo;
  /**
   * SGD-HD's and Adam-HD's α of each run (one float a workgroup, on the device): copied into the step table after
   * the rows before the dispatch; the shader writes each step's α after the losses, returned as one more output.
   */
  rate?: TensorInfo;
}

/**
 * Runs one fused call (`program` is compiled only when there are steps; in compile-only mode nothing is dispatched
 * and the outputs are θ and the slots as they were); returns new tensors [θ, ...slots, losses], then each step's α
 * where the call adapts its rate (`rate`).
 */
export function runFused(backend: WebGPUBackend, call: FusedDispatch, program: () => CompiledProgram | null, what: string): TensorInfo[] {
  const { steps } = call;
  const runs = call.workgroups ?? 1;
  if (call.rate && util.sizeFromShape(call.rate.shape) !== runs) throw new Error(`${what}: an adapted rate for each of ${runs} runs`);
  const stateOut = [call.theta, ...call.slots].map(() => backend.makeTensorInfo([call.parameterCount], 'float32'));
  const perStep = (): TensorInfo => (steps > 0 ? backend.makeTensorInfo([steps], 'float32') : backend.makeTensorInfo([0], 'float32', new Float32Array(0)));
  const lossesOut = perStep();
  const ratesOut = call.rate ? perStep() : null;
  // α's buffer now: a host value (a restored optimizer's) is uploaded through TF.js's encoder, which must be
  // submitted before the command buffer whose copy reads it (below).
  const rateIn = call.rate ? bufferOf(backend, call.rate, what) : null;
  const stateIn = [call.theta, ...call.slots].map((info) => bufferOf(backend, info, what));
  const buffers = new Map<BindingRole, GPUBuffer>();
  stateOut.forEach((info, i) => buffers.set(i === 0 ? 'theta' : (`slot${i - 1}` as BindingRole), bufferOf(backend, info, what)));
  const compiled = steps > 0 ? program() : null;
  if (steps > 0 && compiled === null && !compilingOnly()) throw new Error(`${what}: no pipeline outside compile-only mode`);
  if (compiled) {
    buffers.set('inputs', bufferOf(backend, call.inputs, what));
    buffers.set('targets', bufferOf(backend, call.targets, what));
    if (call.feedback) buffers.set('feedback', bufferOf(backend, call.feedback, what));
  } else if (ratesOut && steps > 0) {
    // Compile-only (the warm-up's scratch copy): nothing is dispatched, but what the caller does with the rates next (a
    // slice for the optimizer's α) needs them on the device; left without a buffer, TF.js takes them for host values
    // and reads none.
    bufferOf(backend, ratesOut, what);
  }
  // What TF.js has recorded (the uploads above, the ops that made θ) runs before our command buffer.
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();

  const encoder = backend.device.createCommandEncoder();
  stateIn.forEach((source, i) => encoder.copyBufferToBuffer(source, 0, bufferOf(backend, stateOut[i], what), 0, 4 * call.parameterCount));
  const temporary: GPUBuffer[] = [];
  if (compiled) {
    const acquire = (size: number, usage: number): GPUBuffer => {
      const buffer = backend.bufferManager.acquireBuffer(size, usage);
      temporary.push(buffer);
      return buffer;
    };
    const rateAt = call.coefficients.length + call.rows.length;
    const table = new ArrayBuffer(4 * Math.max(1, rateAt + (call.rate ? runs : 0)));
    new Float32Array(table, 0, call.coefficients.length).set(call.coefficients);
    new Uint32Array(table, 4 * call.coefficients.length, call.rows.length).set(call.rows);
    const params = acquire(call.params.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const stepTable = acquire(table.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    backend.device.queue.writeBuffer(params, 0, call.params);
    backend.device.queue.writeBuffer(stepTable, 0, table);
    // The -HD rules: α where the shader reads it, and the losses with each step's α after them, split after the pass.
    if (rateIn) encoder.copyBufferToBuffer(rateIn, 0, stepTable, 4 * rateAt, 4 * runs);
    buffers.set('losses', ratesOut ? acquire(8 * steps, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC) : bufferOf(backend, lossesOut, what));
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
    pass.dispatchWorkgroups(runs);
    pass.end();
    if (ratesOut) {
      const both = buffers.get('losses') as GPUBuffer;
      encoder.copyBufferToBuffer(both, 0, bufferOf(backend, lossesOut, what), 0, 4 * steps);
      encoder.copyBufferToBuffer(both, 4 * steps, bufferOf(backend, ratesOut, what), 0, 4 * steps);
    }
  }
  backend.device.queue.submit([encoder.finish()]);
  // Queue order keeps later writes to these buffers behind this dispatch, so they can be reused at once.
  temporary.forEach((buffer) => backend.bufferManager.releaseBuffer(buffer));
  return ratesOut ? [...stateOut, lossesOut, ratesOut] : [...stateOut, lossesOut];
}
