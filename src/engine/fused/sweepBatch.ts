/**
 * An algorithm's batched sweep steps (issue 17 §8, "the runs of a sweep share kernels: on the CPU, one fused
 * kernel call advances many runs; on WebGPU, one workgroup per run in one dispatch"): what an algorithm's
 * worker-registry entry may declare (`Algorithm.sweepBatch`, filled in its folder under src/algorithms), and what
 * the sweep's run groups (engine/sweep/cpuRunGroup.ts, gpuRunGroup.ts) call through the registry. A batched run
 * is θ and the optimizer's slots and counters, with the algorithm's own settings carried in its problem and its
 * per-run state (feedback alignment's B) read only beside them; each
 * run is advanced bit for bit as it would be trained alone by the algorithm's fused kernel. An algorithm without
 * it trains its sweep runs one at a time through their sessions.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { StepSettings } from '../train/algorithm';
import type { FusedData, FusedProblem, FusedState } from './fusedProblem';

/** A run's next steps: its batches' rows (steps × batchSize) and each step's rate and momentum, as the kernel takes them (`SweepBatch.rates`). */
export interface SweepSchedule {
  batchSize: number;
  rows: Int32Array;
  learningRates: Float32Array | Float64Array;
  momenta: Float32Array | Float64Array;
}

/** One run of a multi-run CPU call: its problem, its θ, slots and counters (updated in place), its data and its next steps. */
export interface CpuTrainRun {
  problem: FusedProblem;
  state: FusedState;
  /** The run's own state, read only (feedback alignment's B: AlgorithmState.values); empty without. */
  algorithmState: readonly Float32Array[];
  data: FusedData;
  schedule: SweepSchedule;
  /** How many of the schedule's steps to run (its arrays may be longer: buffers reused from call to call). */
  steps: number;
}

/** One run's schedule in a WebGPU call: its batches' rows (steps × batchSize, into the shared training set), rates and momenta. */
export interface WebGpuSweepRun {
  rows: Int32Array;
  learningRates: Float32Array | Float64Array;
  momenta: Float32Array | Float64Array;
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
  /** Each array of the runs' own state (feedback alignment's B: AlgorithmState.values), read only, likewise; empty without. */
  algorithmState: readonly TensorInfo[];
  /** SGD-HD's and Adam-HD's α of each run as it stands (runs floats); absent for the other rules. */
  rate?: TensorInfo;
  /** The training set every run's rows index, row-major, on the device. */
  inputs: TensorInfo;
  targets: TensorInfo;
  batchSize: number;
  runs: readonly WebGpuSweepRun[];
}

/** An optimizer's counters (FlatOptimizer.counters): its update count and Adam's product of the β₁ used. */
export interface OptimizerCounters {
  stepCount: number;
  beta1Product: number;
}

export interface SweepBatch {
  /**
   * The run's problem as the algorithm's kernel takes it: the fields every algorithm's kernel takes, and the
   * algorithm's own settings (LocoProp's variant, γ, K…), read with its checked reader.
   */
  problem: (shared: FusedProblem, settings: StepSettings) => FusedProblem;
  /**
   * How the kernel takes each step's rate and momentum: rounded to float32 (backprop's, tensor inputs) or as the
   * schedule's doubles (LocoProp's, attributes); the run groups plan them so.
   */
  rates: 'float32' | 'float64';
  /**
   * Where the optimizer's counters stand after `momenta.length` steps from `counters`, as the algorithm's fused
   * path leaves them (its FusedStepsKernel.advance): what a WebGPU group keeps on the host between dispatches.
   */
  countersAfter: (problem: FusedProblem, counters: OptimizerCounters, momenta: ArrayLike<number>) => OptimizerCounters;
  /** Advances each run `run.steps` steps on its own typed arrays (counters too), in one call: no tensor made, read or copied. */
  cpu?: (runs: readonly CpuTrainRun[]) => void;
  webgpu?: {
    /**
     * Whether runs of this problem at this batch size fit the batched kernel: every layer one workgroup wide, and
     * θ, the slots and the per-step arrays in `workgroupBytes` of workgroup memory (the device's). The run
     * groups take no other; a run that does not fit trains alone through its session.
     */
    fits: (problem: FusedProblem, batchSize: number, workgroupBytes: number) => boolean;
    /** Every run's steps in one dispatch; new tensors [θ, ...slots] (runs × P), then the losses (runs × steps). */
    steps: (backend: WebGPUBackend, call: WebGpuSweepCall) => TensorInfo[];
  };
}
