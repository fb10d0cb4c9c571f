/**
 * The fused LocoProp steps on WebGPU for networks wider than one workgroup takes (webgpuLocoPropSteps.ts
 * routes them here): N outer steps of K inner iterations each as the dispatches of wideLocoPropWgsl.ts, in
 * one compute pass of one command buffer (engine/fused/webgpuWideDispatch.ts's runWide), with nothing on the host between
 * them. Each inner iteration reads its outer step, its batch's rows and its coefficients (the step table of
 * webgpuLocoPropSteps.ts's innerCoefficients) from a uniform at a dynamic offset.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { INNER_COEFFICIENTS, locopropProblemSpec } from './locopropStepsWgsl';
import type { WebGpuLocoPropCall } from './webgpuLocoPropSteps';
import { compiledWide, runWide, type WideGroup } from '../../engine/fused/webgpuWideDispatch';
import { wideLocoPropShader, type WideLocoPropSpec } from './wideLocoPropWgsl';
import { mutated, type ShaderMutation } from '../../engine/fused/webgpuDispatch';

const WHAT = 'fused WebGPU LocoProp steps (wide)';

/** Runs the outer steps; returns new tensors [θ, ...slots, losses] as the CPU kernel does. */
export function locopropStepsWide(backend: WebGPUBackend, call: WebGpuLocoPropCall, coefficients: Float32Array, mutation: ShaderMutation | null): TensorInfo[] {
  const { problem, batchSize } = call;
  const steps = call.learningRates.length;
  const spec: WideLocoPropSpec = locopropProblemSpec(problem, batchSize);
  const key = `locoprop ${JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: mutation?.name ?? null })}`;
  const program = () => compiledWide(backend.device, key, 'LocoLab wide LocoProp steps', () => mutated(wideLocoPropShader(spec), mutation));
  const K = spec.innerSteps;
  const { regularizationRate } = problem;
  const { gamma, proximalWeight } = problem.locoprop;
  // One group per inner iteration (the first also runs the outer step's phases); with K = 0, the outer phases only.
  const groups = (): WideGroup[] => {
    const { outer, inner } = wideLocoPropShader(spec);
    const outerOnly = outer.filter((entryPoint) => entryPoint !== 'update');
    const list: WideGroup[] = [];
    for (let s = 0; s < steps; s++) {
      for (let k = 0; k < Math.max(K, 1); k++) {
        list.push({
          entryPoints: k > 0 ? inner : K > 0 ? outer : outerOnly,
          write(params, at) {
            new Uint32Array(params, at, 3).set([s, INNER_COEFFICIENTS * K * steps + s * batchSize, INNER_COEFFICIENTS * (s * K + k)]);
            new Float32Array(params, at + 16, 3).set([regularizationRate, gamma, proximalWeight]);
          },
        });
      }
    }
    return list;
  };
  const wide = { ...call, parameterCount: problem.layout.parameterCount, steps, coefficients };
  return runWide(backend, wide, program, groups, WHAT);
}
