/**
 * A sweep's runs of one shape on WebGPU in ONE dispatch of R workgroups, workgroup r training run r for N
 * steps (issue 17 §8: a GPU runs many workgroups at once, where R runs in turn are R dispatches of one). Each
 * workgroup runs the one-run kernel's steps (trainStepsWgsl.ts with `batched`) on its own θ, slots and step
 * table (its rates, Adam's coefficients, its rows), so run r's result is the one it would reach trained alone
 * (e2e/sweepWebgpu.spec.ts holds them equal, bit for bit). Runs on different data sets share one training set:
 * the caller concatenates the sets and offsets each run's rows.
 *
 * Limits: the runs share the problem (network, loss, optimizer, penalty and its rate), the batch size and the
 * step count; θ, the slots and the scratch must fit workgroup memory (2-8-8-1 at batch 16 with Adam takes
 * 3.5 KiB of the default 16 KiB), and every layer the one-workgroup kernel (MAX_FUSED_WIDTH).
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, fitsOneWorkgroup, runFused, type WebGpuStepsOptions } from '../../engine/fused/webgpuDispatch';
import type { WebGpuSweepCall } from '../../engine/fused/sweepBatch';
import { slotCountOf } from '../../engine/fused/wgslLayout';
import { headerRowsOf, STEP_COEFFICIENTS } from './trainStepsWgsl';
import { adaptedRateFor, compiledFor, stepCoefficients, stepsParams } from './webgpuTrainSteps';

export type { WebGpuSweepCall, WebGpuSweepRun } from '../../engine/fused/sweepBatch';

const WHAT = 'batched WebGPU sweep steps';

/**
 * Runs every run's steps in one dispatch; returns new tensors [θ, ...slots] (runs × P) and the losses (runs × steps),
 * then for SGD-HD and Adam-HD each step's α (runs × steps; `call.rate`: each run's α as it stands).
 * `feedback`: feedback alignment's B of every run, one after another as θ (algorithms/feedback-alignment/sweepBatch.ts).
 */
export function sweepStepsWebGpu(backend: WebGPUBackend, call: WebGpuSweepCall, options: WebGpuStepsOptions = DEFAULT_WEBGPU_STEPS_OPTIONS, feedback?: TensorInfo): TensorInfo[] {
  const { problem, batchSize, runs } = call;
  if (runs.length === 0) throw new Error(`${WHAT}: no runs`);
  if (!fitsOneWorkgroup(problem.layout)) throw new Error(`${WHAT}: a layer is wider than one workgroup takes`);
  if (runs.length > backend.device.limits.maxComputeWorkgroupsPerDimension) throw new Error(`${WHAT}: ${runs.length} runs, more than one dispatch takes`);
  if (call.slots.length !== slotCountOf(problem.optimizer)) throw new Error(`${WHAT}: ${problem.optimizer} has ${slotCountOf(problem.optimizer)} slots, not ${call.slots.length}`);
  if (feedback && feedback.shape.reduce((a, b) => a * b, 1) !== runs.length * problem.layout.parameterCount) throw new Error(`${WHAT}: the feedback matrices are not one set per run`);
  const steps = runs[0].learningRates.length;
  for (const run of runs) {
    if (run.learningRates.length !== steps || run.momenta.length !== steps || run.rows.length !== steps * batchSize) throw new Error(`${WHAT}: the runs disagree on the step count`);
  }
  // One storage binding holds every run's table: a longer call must be split into calls of fewer steps.
  const tableBytes = 4 * runs.length * ((steps + headerRowsOf(problem.optimizer)) * STEP_COEFFICIENTS + steps * batchSize + 1);
  if (tableBytes > backend.device.limits.maxStorageBufferBindingSize) throw new Error(`${WHAT}: a step table of ${tableBytes} bytes, more than one binding takes; run fewer steps a call`);
  const params = stepsParams(steps, problem);
  const rate = adaptedRateFor(problem, call.rate, WHAT);
  // The step table: every run's coefficients, then every run's rows (trainStepsWgsl.ts, runOffsets).
  const perRun = runs.map((run) => stepCoefficients(problem.optimizer, run.learningRates, run.momenta, run.stepCount, run.beta1Product));
  const coefficients = new Float32Array(perRun.reduce((total, table) => total + table.length, 0));
  perRun.forEach((table, r) => coefficients.set(table, r * table.length));
  const rows = new Int32Array(runs.length * steps * batchSize);
  runs.forEach((run, r) => rows.set(run.rows, r * steps * batchSize));
  const dispatch = {
    ...call,
    parameterCount: runs.length * problem.layout.parameterCount,
    steps: runs.length * steps,
    params,
    coefficients,
    rows,
    workgroups: runs.length,
    ...(feedback ? { feedback } : {}),
    ...rate,
  };
  return runFused(backend, dispatch, () => compiledFor(backend.device, problem, batchSize, options, true, feedback !== undefined), WHAT);
}
