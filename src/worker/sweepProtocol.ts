/**
 * The messages between the page and a sweep worker (docs/DESIGN.md §1, "a sweep is a job"). A sweep worker
 * trains a run of a sweep, or a batch of them as one job (`runGroup`), without any per-run view, on the CPU
 * backend; the page's pool (sweepPool.ts) hands each worker its next run or batch when it reports the last one,
 * so the workers share the runs however long each takes. Where the comparison trains on WebGPU, one worker trains
 * the runs in groups on WebGPU (`runGroup`), many runs a dispatch.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { CsvError } from '../engine/data/csv';
import type { SweepRunResult } from '../engine/sweep/types';
import type { SkippedBackend } from './backendFacts';
import type { ShippedFileProblem } from './dataFacts';

/**
 * The CSV file of this session, for runs on `dataset=custom`: the bytes the page read, the missing-value choice
 * and the columns the user chose, so a sweep worker builds the very table the live worker holds (csvSession.ts).
 */
export interface SweepCsvFile {
  fileName: string;
  bytes: Uint8Array;
  dropMissing: boolean;
  label: number;
  features: number[];
}

export type SweepWorkerCommand =
  /** The CSV file the runs on `dataset=custom` train on; sent once, before the first run. */
  | { type: 'csv'; file: SweepCsvFile }
  /**
   * Train the plan's run `index` (its whole config) for `budgetSteps`, recording at `checkpoints`; or, given
   * `budgetEpochs`, for that many epochs of its own data, or given `budgetSeconds`, for that much training time
   * on its own clock (engine/sweep/sweepJob.ts).
   */
  | ({ type: 'run'; index: number; config: ExperimentConfig } & SweepBudget)
  /**
   * Train these runs of the plan as one job (issue 17 §8). On WebGPU the job advances consecutive backprop runs of
   * one shape and problem in one dispatch, a workgroup a run (engine/sweep/gpuRunGroup.ts); the worker starts
   * WebGPU on the first such command and reports the backend it got. On the CPU one multi-run kernel call advances
   * those fused there (engine/sweep/cpuRunGroup.ts), each bit for bit the run trained alone. A group's runs finish
   * together.
   */
  | ({ type: 'runGroup'; runs: { index: number; config: ExperimentConfig }[]; backend: 'webgpu' | 'cpu' } & SweepBudget)
  /** Stop the run in progress; it is dropped, what was reported stays. */
  | { type: 'cancel' }
  /**
   * Train a few throwaway runs of `config` on the CPU, so the JIT has compiled the kernels before the sweep's first
   * run (a worker started ahead of a sweep, ui/sweep/warmSweepWorkers.ts); nothing is reported, and any other
   * command ends it (sweepRunner.ts warmUp).
   */
  | { type: 'warmUp'; config: ExperimentConfig }
  /** Destroy this worker's WebGPU device, as a driver reset would (automation: e2e/sweepPanelWebgpu.spec.ts). */
  | { type: 'simulateDeviceLoss' };

/** How long each run trains, and where it is recorded (engine/sweep/sweepJob.ts). */
export interface SweepBudget {
  budgetSteps: number;
  checkpoints: number[];
  budgetEpochs?: number;
  budgetSeconds?: number;
}

/** Runs a `runGroup` command carries at most: the 48-run bench sweep in one dispatch (engine/sweep/sweepJob.ts GPU_GROUP_RUNS). */
export const WEBGPU_GROUP_RUNS = 64;
/** On the CPU: the runs one multi-run kernel call advances at most (engine/sweep/sweepJob.ts GROUP_RUNS). */
export const CPU_GROUP_RUNS = 16;

export type SweepWorkerEvent =
  /** The run in progress has taken `step` steps. */
  | { type: 'progress'; index: number; step: number }
  /** The runs of a `runGroup` in progress have taken `steps` steps in all (finished ones counted). */
  | { type: 'groupProgress'; steps: number }
  /** The backend a `runGroup` trains on: WebGPU, or the CPU and why WebGPU did not start here. */
  | ({ type: 'backend' } & SweepBackendStart)
  /** The worker's WebGPU device was lost: the browser's message (or reason). The page moves the sweep to the CPU. */
  | { type: 'deviceLost'; message: string }
  /** A finished run (a diverged one included), and the time it took in the worker. */
  | { type: 'result'; result: SweepRunResult; wallMs: number }
  /** The run could not be trained (its data could not be loaded, say): why, as facts (state/dataMessages.ts words them). */
  | { type: 'failed'; index: number; failure: SweepRunFailure }
  /** The run in progress was cancelled. */
  | { type: 'cancelled'; index: number };

/**
 * How a sweep worker's WebGPU started: on WebGPU, or on the CPU with why not, as facts the training worker posts
 * for a backend it passed over (worker/backendFacts.ts): `unavailable` with its code (`no-navigator-gpu`),
 * `init-failed` (TF.js's `setBackend` answered false) or `error`, whose `detail` is only the error's message as
 * thrown. No sentence (issue 20 §6): the page words them (state/backendMessages.ts sweepFallbackText).
 */
export type SweepBackendStart = { backend: 'webgpu' } | { backend: 'cpu'; skipped: SkippedBackend };

/** Why a sweep run could not be trained (issue 20 §6: facts; state/dataMessages.ts words them). */
export type SweepRunFailure =
  /** The session's CSV file was refused in the sweep worker: the CSV check's error (null: no file was loaded). */
  | { code: 'csv-refused'; fileName: string; error: CsvError | null }
  /** A shipped data file the run needs could not be read. */
  | { code: 'data-file'; file: string; problem: ShippedFileProblem }
  /** An exception, with its message as thrown. */
  | { code: 'failed'; message: string }
  /** The sweep worker failed to load or threw outside a run: the browser's ErrorEvent message as given. */
  | { code: 'worker-stopped'; message: string }
  /** Every sweep worker had stopped before this run's turn. */
  | { code: 'no-worker' };
