/**
 * The fused kernels' wide path on WebGPU, for networks wider than one workgroup takes (webgpuDispatch.ts's
 * fitsOneWorkgroup): a call's steps as groups of compute dispatches, one entry point per phase, all bound to
 * one bind group and encoded into ONE compute pass of ONE command buffer, with nothing on the host between
 * them and no readback. Each group finds its step (and its batch's rows in the step table) in a uniform bound
 * at a dynamic offset. The step table, the copies of θ and the slots into the output tensors, and the
 * tensors returned are those of the one-workgroup path (webgpuDispatch.ts's runFused). Backprop's wide path
 * (algorithms/backprop/webgpuWideSteps.ts) and LocoProp's (algorithms/locoprop/webgpuWideLocoProp.ts) run
 * through the same runWide.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bufferOf, compileLater, compilingOnly } from './webgpuDispatch';
import { isReadOnly, type BindingRole } from './wgslLayout';
import { WIDE_WORKGROUP_SIZE, type WidePhase } from './wgslTiles';

/** A wide shader: its WGSL, bindings, the bytes of its per-group uniform and its entry points with their sizes. */
export interface WideShader {
  code: string;
  bindings: BindingRole[];
  scratchFloats: number;
  paramsBytes: number;
  phases: WidePhase[];
}

export interface WidePrograms {
  shader: WideShader;
  bindGroupLayout: GPUBindGroupLayout;
  /** One pipeline per entry point, with the workgroups its dispatch takes. */
  pipelines: Map<string, { pipeline: GPUComputePipeline; workgroups: number }>;
}

const programs = new WeakMap<GPUDevice, Map<string, WidePrograms>>();

function bindingType(role: BindingRole): GPUBufferBindingType {
  if (role === 'params') return 'uniform';
  return isReadOnly(role) ? 'read-only-storage' : 'storage';
}

/**
 * The entry points' pipelines, compiled once per device and `key` (sizes are WGSL constants); in compile-only
 * mode, null until their asynchronous compile is done (webgpuDispatch.ts compileLater).
 */
export function compiledWide(device: GPUDevice, key: string, label: string, build: () => WideShader): WidePrograms | null {
  let cache = programs.get(device);
  if (!cache) programs.set(device, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const shader = build();
  const bindGroupLayout = device.createBindGroupLayout({
    entries: shader.bindings.map((role, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: role === 'params' ? { type: 'uniform', hasDynamicOffset: true, minBindingSize: shader.paramsBytes } : { type: bindingType(role) },
    })),
  });
  const layout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
  const module = device.createShaderModule({ code: shader.code, label });
  const workgroups = (phase: WidePhase): number => Math.ceil(phase.invocations / WIDE_WORKGROUP_SIZE);
  if (compilingOnly()) {
    compileLater(cache, key, async () => {
      const pipelines = await Promise.all(shader.phases.map((phase) => device.createComputePipelineAsync({ layout, compute: { module, entryPoint: phase.entryPoint } })));
      return { shader, bindGroupLayout, pipelines: new Map(shader.phases.map((phase, i) => [phase.entryPoint, { pipeline: pipelines[i], workgroups: workgroups(phase) }])) };
    });
    return null;
  }
  const pipelines = new Map(
    shader.phases.map((phase) => [phase.entryPoint, { pipeline: device.createComputePipeline({ layout, compute: { module, entryPoint: phase.entryPoint } }), workgroups: workgroups(phase) }]),
  );
  const compiled = { shader, bindGroupLayout, pipelines };
  cache.set(key, compiled);
  return compiled;
}

/** A run of dispatches sharing one uniform: its contents (paramsBytes) and the entry points, in order. */
export interface WideGroup {
  write(params: ArrayBuffer, at: number): void;
  entryPoints: readonly string[];
}

export interface WideCall {
  theta: TensorInfo;
  slots: readonly TensorInfo[];
  inputs: TensorInfo;
  targets: TensorInfo;
  parameterCount: number;
  /** Steps (outer steps for LocoProp): the length of the losses returned. */
  steps: number;
  /** The step table: coefficients, then the batches' rows. */
  coefficients: Float32Array;
  rows: Int32Array;
}

/**
 * Runs one call: copies θ and the slots into the output tensors' buffers, then every group's dispatches in
 * order, in one compute pass of one command buffer (`program` is compiled only when there are steps; in
 * compile-only mode nothing is dispatched and the outputs are θ and the slots as they were); returns new tensors
 * [θ, ...slots, losses].
 */
export function runWide(backend: WebGPUBackend, call: WideCall, program: () => WidePrograms | null, groups: (compiled: WidePrograms) => WideGroup[], what: string): TensorInfo[] {
  const { steps, parameterCount } = call;
  const stateOut = [call.theta, ...call.slots].map(() => backend.makeTensorInfo([parameterCount], 'float32'));
  const lossesOut = steps > 0 ? backend.makeTensorInfo([steps], 'float32') : backend.makeTensorInfo([0], 'float32', new Float32Array(0));
  const stateIn = [call.theta, ...call.slots].map((info) => bufferOf(backend, info, what));
  const buffers = new Map<BindingRole, GPUBuffer>();
  stateOut.forEach((info, i) => buffers.set(i === 0 ? 'theta' : (`slot${i - 1}` as BindingRole), bufferOf(backend, info, what)));
  const compiled = steps > 0 ? program() : null;
  if (steps > 0 && compiled === null && !compilingOnly()) throw new Error(`${what}: no pipeline outside compile-only mode`);
  if (compiled) {
    buffers.set('inputs', bufferOf(backend, call.inputs, what));
    buffers.set('targets', bufferOf(backend, call.targets, what));
    buffers.set('losses', bufferOf(backend, lossesOut, what));
  }
  // What TF.js has recorded (the uploads above, the ops that made θ) runs before our command buffer.
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();

  const encoder = backend.device.createCommandEncoder();
  stateIn.forEach((source, i) => encoder.copyBufferToBuffer(source, 0, bufferOf(backend, stateOut[i], what), 0, 4 * parameterCount));
  const temporary: GPUBuffer[] = [];
  if (compiled) {
    const acquire = (size: number, usage: number): GPUBuffer => {
      const buffer = backend.bufferManager.acquireBuffer(size, usage);
      temporary.push(buffer);
      return buffer;
    };
    const table = new ArrayBuffer(4 * (call.coefficients.length + call.rows.length));
    new Float32Array(table, 0, call.coefficients.length).set(call.coefficients);
    new Uint32Array(table, 4 * call.coefficients.length, call.rows.length).set(call.rows);
    // One uniform per group at the device's dynamic-offset alignment.
    const { paramsBytes } = compiled.shader;
    const stride = Math.ceil(paramsBytes / backend.device.limits.minUniformBufferOffsetAlignment) * backend.device.limits.minUniformBufferOffsetAlignment;
    const runs = groups(compiled);
    const params = new ArrayBuffer(stride * runs.length);
    runs.forEach((group, g) => group.write(params, stride * g));
    const paramsBuffer = acquire(params.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const stepTable = acquire(table.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    backend.device.queue.writeBuffer(paramsBuffer, 0, params);
    backend.device.queue.writeBuffer(stepTable, 0, table);
    buffers.set('stepTable', stepTable);
    buffers.set('scratch', acquire(4 * compiled.shader.scratchFloats, GPUBufferUsage.STORAGE));
    const bindGroup = backend.device.createBindGroup({
      layout: compiled.bindGroupLayout,
      entries: compiled.shader.bindings.map((role, binding) => ({
        binding,
        resource: role === 'params' ? { buffer: paramsBuffer, size: paramsBytes } : { buffer: buffers.get(role) as GPUBuffer },
      })),
    });
    const pass = encoder.beginComputePass();
    runs.forEach((group, g) => {
      pass.setBindGroup(0, bindGroup, [stride * g]);
      for (const entryPoint of group.entryPoints) {
        const { pipeline, workgroups } = compiled.pipelines.get(entryPoint) as { pipeline: GPUComputePipeline; workgroups: number };
        pass.setPipeline(pipeline);
        pass.dispatchWorkgroups(workgroups);
      }
    });
    pass.end();
  }
  backend.device.queue.submit([encoder.finish()]);
  // Queue order keeps later writes to these buffers behind this pass, so they can be reused at once.
  temporary.forEach((buffer) => backend.bufferManager.releaseBuffer(buffer));
  return [...stateOut, lossesOut];
}
