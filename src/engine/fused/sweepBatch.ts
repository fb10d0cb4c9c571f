/**
 * An algorithm's batched sweep steps (issue 17 §8, "the runs of a sweep share kernels: on the CPU, one fused
 * kernel call advances many runs; on WebGPU, one workgroup per run in one dispatch"): what an algorithm's
 * worker-registry entry may declare (`Algorithm.sweepBatch`, filled in its folder under src/algorithms), and what
 * the sweep's run groups (engine/sweep/cpuRunGroup.ts, gpuRunGroup.ts) call through the registry. A batched run
 * is θ and the optimizer's slots and counters alone (no algorithm state, no algorithm settings), each run
 * advanced bit for bit as it would be trained alone by the algorithm's fused kernel. An algorithm without it
 * trains its sweep runs one at a time through their sessions.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NetworkLayout } from '../model/mlp';
import type { FusedData, FusedProblem, FusedSchedule, FusedState } from './fusedProblem';

/** One run of a multi-run CPU call: its problem, its θ and slots (updated in place), its data and its next steps. */
export interface CpuTrainRun {
  problem: FusedProblem;
  state: FusedState;
  data: FusedData;
  schedule: FusedSchedule;
  /** How many of the schedule's steps to run (its arrays may be longer: buffers reused from call to call). */
  steps: number;
}

/** One run's schedule in a WebGPU call: its batches' rows (steps × batchSize, into the shared training set), rates and momenta. */
export interface WebGpuSweepRun {
  rows: Int32Array;
  learningRates: Float32Array;
  momenta: Float32Array;
  /** The run's optimizer counters before these steps (FlatOptimizer.counters). */
  stepCount: number;
  beta1Product: number;
}

export interface WebGpuSweepCall {
  problem: FusedProblem;
  /** Every run's θ, one after another: runs × parameterCount. */
  theta: TensorInfo;
  /** Each slot of every run, likewise. */
  slots: readonly TensorInfo[];
  /** The training set every run's rows index, row-major, on the device. */
  inputs: TensorInfo;
  targets: TensorInfo;
  batchSize: number;
  runs: readonly WebGpuSweepRun[];
}

export interface SweepBatch {
  /** Advances each run `run.steps` steps on its own typed arrays, in one call: no tensor made, read or copied. */
  cpu?: (runs: readonly CpuTrainRun[]) => void;
  webgpu?: {
    /** Whether a network of this layout fits the batched kernel (the run groups take no other). */
    fits: (layout: NetworkLayout) => boolean;
    /** Every run's steps in one dispatch; new tensors [θ, ...slots] (runs × P), then the losses (runs × steps). */
    steps: (backend: WebGPUBackend, call: WebGpuSweepCall) => TensorInfo[];
  };
}
