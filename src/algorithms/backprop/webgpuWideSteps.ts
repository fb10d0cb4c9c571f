/**
 * The fused backprop steps on WebGPU for networks wider than one workgroup takes (webgpuTrainSteps.ts routes
 * them here): N whole steps as N × (2M (+1)) compute dispatches of the WGSL of wideStepsWgsl.ts, one group of
 * dispatches per step, run by engine/fused/webgpuWideDispatch.ts's runWide (as LocoProp's wide path is).
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { mutated, type ShaderMutation } from '../../engine/fused/webgpuDispatch';
import { compiledWide, runWide, type WideGroup, type WidePrograms } from '../../engine/fused/webgpuWideDispatch';
import type { WebGpuStepsCall } from './webgpuTrainSteps';
import { wideStepsShader, type WideShaderSpec } from './wideStepsWgsl';
import { STEP_COEFFICIENTS } from './trainStepsWgsl';

const WHAT = 'fused WebGPU steps (wide)';

/** Runs the backprop steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function trainStepsWide(backend: WebGPUBackend, call: WebGpuStepsCall, coefficients: Float32Array, mutation: ShaderMutation | null): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  const spec: WideShaderSpec = { layout: problem.layout, lossKind: problem.lossKind, regularization: problem.regularization, optimizer: problem.optimizer, batchSize };
  const key = `backprop ${JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: mutation?.name ?? null })}`;
  const program = () => compiledWide(backend.device, key, 'LocoLab wide training steps', () => mutated(wideStepsShader(spec), mutation));
  // One group per step: its index, where its rows start in the table, λ (WIDE_PARAMS_STRUCT).
  const groups = (compiled: WidePrograms) => {
    const entryPoints = compiled.shader.phases.map((phase) => phase.entryPoint);
    return Array.from({ length: steps }, (_, s): WideGroup => ({
      entryPoints,
      write(params, at) {
        new Uint32Array(params, at, 2).set([s, STEP_COEFFICIENTS * steps + s * batchSize]);
        new Float32Array(params, at + 8, 1)[0] = problem.regularizationRate;
      },
    }));
  };
  const wide = { ...call, parameterCount: problem.layout.parameterCount, steps, coefficients };
  return runWide(backend, wide, program, groups, WHAT);
}
