/**
 * The fused training steps on WebGPU for networks wider than one workgroup takes (webgpuTrainSteps.ts routes
 * them here): N whole backprop steps as N × (2M (+1)) compute dispatches of the WGSL of wideStepsWgsl.ts,
 * encoded into ONE compute pass of ONE command buffer, with nothing on the host between them and no
 * readback. Each step finds its index (and its batch's rows in the step table) in a 16-byte uniform bound
 * at a dynamic offset. The step table, the copies of θ and the slots into the output tensors, and the
 * tensors returned are those of the one-workgroup path (webgpuDispatch.ts's runFused).
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bufferOf } from './webgpuDispatch';
import { mutated, type ShaderMutation, type WebGpuStepsCall } from './webgpuTrainSteps';
import { WIDE_WORKGROUP_SIZE, wideStepsShader, type WideShaderSpec, type WideStepsShader } from './wideStepsWgsl';
import { STEP_COEFFICIENTS } from './trainStepsWgsl';
import type { BindingRole } from './wgslLayout';

const WHAT = 'fused WebGPU steps (wide)';
/** Bytes of the uniform each step reads (WIDE_PARAMS_STRUCT). */
const PARAMS_BYTES = 16;

interface WidePrograms {
  shader: WideStepsShader;
  bindGroupLayout: GPUBindGroupLayout;
  /** One pipeline per phase of a step, in order. */
  pipelines: { pipeline: GPUComputePipeline; workgroups: number }[];
}

const programs = new WeakMap<GPUDevice, Map<string, WidePrograms>>();

function bindingType(role: BindingRole): GPUBufferBindingType {
  if (role === 'params') return 'uniform';
  return role === 'stepTable' || role === 'inputs' || role === 'targets' ? 'read-only-storage' : 'storage';
}

/** The phases' pipelines, compiled once per device, network, loss, penalty, optimizer, batch and mutation. */
function compiledFor(device: GPUDevice, spec: WideShaderSpec, mutation: ShaderMutation | null): WidePrograms {
  let cache = programs.get(device);
  if (!cache) programs.set(device, (cache = new Map()));
  const key = JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: mutation?.name ?? null });
  const cached = cache.get(key);
  if (cached) return cached;
  const shader = mutated(wideStepsShader(spec), mutation);
  const bindGroupLayout = device.createBindGroupLayout({
    entries: shader.bindings.map((role, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: role === 'params' ? { type: 'uniform', hasDynamicOffset: true, minBindingSize: PARAMS_BYTES } : { type: bindingType(role) },
    })),
  });
  const layout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
  const module = device.createShaderModule({ code: shader.code, label: 'LocoLab wide training steps' });
  const pipelines = shader.phases.map((phase) => ({
    pipeline: device.createComputePipeline({ layout, compute: { module, entryPoint: phase.entryPoint } }),
    workgroups: Math.ceil(phase.invocations / WIDE_WORKGROUP_SIZE),
  }));
  const compiled = { shader, bindGroupLayout, pipelines };
  cache.set(key, compiled);
  return compiled;
}

/** Runs the steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function trainStepsWide(backend: WebGPUBackend, call: WebGpuStepsCall, coefficients: Float32Array, mutation: ShaderMutation | null): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  const parameterCount = problem.layout.parameterCount;
  const stateOut = [call.theta, ...call.slots].map(() => backend.makeTensorInfo([parameterCount], 'float32'));
  const lossesOut = steps > 0 ? backend.makeTensorInfo([steps], 'float32') : backend.makeTensorInfo([0], 'float32', new Float32Array(0));
  const stateIn = [call.theta, ...call.slots].map((info) => bufferOf(backend, info, WHAT));
  const buffers = new Map<BindingRole, GPUBuffer>();
  stateOut.forEach((info, i) => buffers.set(i === 0 ? 'theta' : (`slot${i - 1}` as BindingRole), bufferOf(backend, info, WHAT)));
  const spec = { layout: problem.layout, lossKind: problem.lossKind, regularization: problem.regularization, optimizer: problem.optimizer, batchSize };
  const compiled = steps > 0 ? compiledFor(backend.device, spec, mutation) : null;
  if (compiled) {
    buffers.set('inputs', bufferOf(backend, call.inputs, WHAT));
    buffers.set('targets', bufferOf(backend, call.targets, WHAT));
    buffers.set('losses', bufferOf(backend, lossesOut, WHAT));
  }
  // What TF.js has recorded (the uploads above, the ops that made θ) runs before our command buffer.
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();

  const encoder = backend.device.createCommandEncoder();
  stateIn.forEach((source, i) => encoder.copyBufferToBuffer(source, 0, bufferOf(backend, stateOut[i], WHAT), 0, 4 * parameterCount));
  const temporary: GPUBuffer[] = [];
  if (compiled) {
    const acquire = (size: number, usage: number): GPUBuffer => {
      const buffer = backend.bufferManager.acquireBuffer(size, usage);
      temporary.push(buffer);
      return buffer;
    };
    const table = new ArrayBuffer(4 * (coefficients.length + call.rows.length));
    new Float32Array(table, 0, coefficients.length).set(coefficients);
    new Uint32Array(table, 4 * coefficients.length, call.rows.length).set(call.rows);
    // One uniform per step at the device's dynamic-offset alignment: the step, its rows' start, λ.
    const stride = Math.max(PARAMS_BYTES, backend.device.limits.minUniformBufferOffsetAlignment);
    const params = new ArrayBuffer(stride * steps);
    for (let s = 0; s < steps; s++) {
      new Uint32Array(params, stride * s, 2).set([s, STEP_COEFFICIENTS * steps + s * batchSize]);
      new Float32Array(params, stride * s + 8, 1)[0] = problem.regularizationRate;
    }
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
        resource: role === 'params' ? { buffer: paramsBuffer, size: PARAMS_BYTES } : { buffer: buffers.get(role) as GPUBuffer },
      })),
    });
    const pass = encoder.beginComputePass();
    for (let s = 0; s < steps; s++) {
      pass.setBindGroup(0, bindGroup, [stride * s]);
      for (const { pipeline, workgroups } of compiled.pipelines) {
        pass.setPipeline(pipeline);
        pass.dispatchWorkgroups(workgroups);
      }
    }
    pass.end();
  }
  backend.device.queue.submit([encoder.finish()]);
  // Queue order keeps later writes to these buffers behind this pass, so they can be reused at once.
  temporary.forEach((buffer) => backend.bufferManager.releaseBuffer(buffer));
  return [...stateOut, lossesOut];
}
