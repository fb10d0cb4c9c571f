/**
 * A sweep's LocoProp runs of one problem on WebGPU in ONE dispatch of R workgroups, workgroup r training run r
 * for N outer steps (issue 17 §8: a GPU runs many workgroups at once, where R runs in turn are R dispatches of
 * one), as backprop's webgpuSweepSteps.ts does for its steps. Each workgroup runs the one-run kernel's outer steps
 * (locopropStepsWgsl.ts with `batched`) on its own θ, slots and step table (its inner coefficients from its own
 * rates and counters, webgpuLocoPropSteps.ts innerCoefficients, and its rows), so run r's result is the one it
 * would reach trained alone (e2e/sweepWebgpu.spec.ts holds them equal, bit for bit).
 *
 * Limits: the runs share the problem (network, loss, inner optimizer, penalty and its rate, the variant, γ, K,
 * η and the switches), the batch size and the step count; θ, the slots and every per-step array must fit a
 * workgroup's memory, and every layer the one-workgroup kernel (MAX_FUSED_WIDTH).
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { FusedProblem } from '../../engine/fused/fusedProblem';
import type { WebGpuSweepCall } from '../../engine/fused/sweepBatch';
import { compiledProgram, DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup, mutated, runFused, type ShaderMutation } from '../../engine/fused/webgpuDispatch';
import { slotCountOf } from '../../engine/fused/wgslLayout';
import { asLocoPropProblem, type LocoPropProblem } from './cpuLocoPropSteps';
import { INNER_COEFFICIENTS, locopropBatchFits, locopropProblemSpec, locopropStepsShader, type LocoPropShaderSpec } from './locopropStepsWgsl';
import { innerCoefficients } from './webgpuLocoPropSteps';

const WHAT = 'batched WebGPU LocoProp sweep steps';

function batchedSpec(problem: LocoPropProblem, batchSize: number, workgroupBytes: number): LocoPropShaderSpec {
  return { ...locopropProblemSpec(problem, batchSize), batched: true, workgroupSize: DEFAULT_WEBGPU_STEPS_OPTIONS.workgroupSize, workgroupBytes };
}

/** Whether runs of this problem at this batch size fit the batched kernel (sweepBatch.ts `fits`). */
export function fitsLocoPropSweep(problem: FusedProblem, batchSize: number, workgroupBytes: number): boolean {
  return fitsOneWorkgroup(problem.layout) && locopropBatchFits(batchedSpec(asLocoPropProblem(problem), batchSize, workgroupBytes));
}

/** Runs every run's outer steps in one dispatch; returns new tensors [θ, ...slots] (runs × P), then the losses (runs × steps). */
export function locopropSweepStepsWebGpu(backend: WebGPUBackend, call: WebGpuSweepCall, mutation: ShaderMutation | null = null): TensorInfo[] {
  const { batchSize, runs } = call;
  const problem = asLocoPropProblem(call.problem);
  const workgroupBytes = backend.device.limits.maxComputeWorkgroupStorageSize;
  if (runs.length === 0) throw new Error(`${WHAT}: no runs`);
  if (!fitsLocoPropSweep(problem, batchSize, workgroupBytes)) throw new Error(`${WHAT}: the network does not fit one workgroup's memory`);
  if (runs.length > backend.device.limits.maxComputeWorkgroupsPerDimension) throw new Error(`${WHAT}: ${runs.length} runs, more than one dispatch takes`);
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`${WHAT}: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  const steps = runs[0].learningRates.length;
  for (const run of runs) {
    if (run.learningRates.length !== steps || run.momenta.length !== steps || run.rows.length !== steps * batchSize) throw new Error(`${WHAT}: the runs disagree on the step count`);
  }
  const tableBytes = 4 * runs.length * steps * (INNER_COEFFICIENTS * problem.locoprop.innerSteps + batchSize);
  if (tableBytes > backend.device.limits.maxStorageBufferBindingSize) throw new Error(`${WHAT}: a step table of ${tableBytes} bytes, more than one binding takes; run fewer steps a call`);
  // The uniform, as the one-run kernel's: outer steps, penalty rate, γ, 1/η (webgpuLocoPropSteps.ts).
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = steps;
  new Float32Array(params, 4, 3).set([problem.regularizationRate, problem.locoprop.gamma, problem.locoprop.proximalWeight]);
  // The step table: every run's inner coefficients, then every run's rows (locopropStepsWgsl.ts, runOffsets).
  const perRun = runs.map((run) => innerCoefficients(problem.optimizer, problem.locoprop, run.learningRates, run.momenta, run.stepCount, run.beta1Product));
  const coefficients = new Float32Array(perRun.reduce((total, table) => total + table.length, 0));
  perRun.forEach((table, r) => coefficients.set(table, r * table.length));
  const rows = new Int32Array(runs.length * steps * batchSize);
  runs.forEach((run, r) => rows.set(run.rows, r * steps * batchSize));
  const dispatch = { ...call, parameterCount: runs.length * problem.layout.parameterCount, steps: runs.length * steps, params, coefficients, rows, workgroups: runs.length };
  const spec = batchedSpec(problem, batchSize, workgroupBytes);
  const key = `locoprop sweep ${JSON.stringify({ ...spec, layout: spec.layout.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), mutation: mutation?.name ?? null })}`;
  return runFused(backend, dispatch, () => compiledProgram(backend.device, key, 'LocoLab batched LocoProp sweep steps', () => mutated(locopropStepsShader(spec), mutation)), WHAT);
}
