/**
 * The typed messages between the page and the training worker. Only the worker touches tensors. Every run
 * command and event carries the run's key (DESIGN.md §1, keyed runs); the worker sends facts (codes and
 * numbers) and the page words them.
 */
import type { ProbeReadings } from '../probes/declaration';
import type { NeuronsReading } from '../probes/neurons/declaration';
import type { ExperimentConfig } from '../config/experiment';
import type { RunId } from '../config/runs';
import type { Problem } from '../engine/data/problem';
import type { CsvError } from '../engine/data/csv';
import type { AlgorithmName } from '../algorithms/registry';
import type { RateLog, SessionSnapshot } from '../engine/session';
import type { RangeTestCurve, RangeTestResult } from '../engine/lrfinder/rangeTest';
import type { LayerDiagnostics } from '../engine/train/diagnostics';
import type { Regularization } from '../engine/names';
import type { ScheduleKind } from '../engine/schedule/schedule';
import type { BudgetUnit } from '../engine/budget';
import type { CalibrationFacts } from './calibrationFacts';
import type { CpuKernel, SkippedBackend } from './backendFacts';
import type { ExportRefusal, ShippedFileProblem } from './dataFacts';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** The part of a kept run state that no longer fits the run a new worker built (runResume.ts misfit). */
export type ResumeMisfit = 'seed-count' | 'theta-length' | 'optimizer-state-length' | 'training-set-size' | 'algorithm-state-shape' | 'step-count';

/** Why the WebGPU device was lost: GPUDeviceLostInfo's reason and message as the browser gives them (W3C WebGPU §4.4). */
export interface DeviceLoss {
  reason: string;
  message: string;
}

/** How the page and the worker's fallback reasons name a backend. */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

export interface RunConfig {
  runId: RunId;
  config: ExperimentConfig;
}

/**
 * A run's state as the page keeps it for a worker that dies (worker/runResume.ts): each seed's snapshot (θ, the
 * optimizer's slots, the batch sampler, the counters: engine/sessionTypes.ts), all at one step, the untrained
 * loss that divergence is judged against, and the training time so far.
 */
export interface ResumeState {
  snapshots: SessionSnapshot[];
  references: number[];
  trainingMs: number;
}

export interface RunResume {
  runId: RunId;
  state: ResumeState;
}

export type WorkerCommand =
  /**
   * The whole experiment: the worker starts, changes, restarts or removes runs to match (run 1 first). `resume`
   * (a new worker for a dead one: client.ts): the runs it starts go on from these states where they still fit.
   */
  | { type: 'configure'; runs: RunConfig[]; resume?: RunResume[] }
  /** Play, pause, step and reset act on every run. */
  | { type: 'play' }
  | { type: 'pause' }
  /** Exactly one optimizer step of every run, then a full evaluation; `requestId` comes back on the ticks. */
  | { type: 'step'; requestId?: number }
  /** New runs with the same configs (fresh weights from the seeds). */
  | { type: 'reset' }
  /** The LR range test of the run's sweep settings on that live run, which it then restores exactly. */
  | { type: 'rangeTest'; runId: RunId }
  | { type: 'cancelRangeTest' }
  /** Times a few steps of every algorithm on the run's weights, then puts it back exactly. */
  | { type: 'measureCost'; runId: RunId }
  /** How many grid cells per side the plane needs (the page draws it larger or smaller); from the next grid on. */
  | { type: 'gridSize'; size: number }
  /**
   * The run whose per-unit view the page shows (probes/neurons), or null: only that run's lead seed measures it.
   * `unit`: the enlarged unit (layer and unit from 0), whose targets the run's diagnosed steps then sample too.
   */
  | { type: 'neuronView'; runId: RunId | null; unit?: { layer: number; unit: number } | null }
  /**
   * Automation hook: destroy the WebGPU device as a driver crash would, to exercise the recovery path; now
   * (between ticks), or `mid-tick`: inside the next tick, after its steps are enqueued and before its first
   * readback (or in a running range test, after a chunk's readback, so that the next chunk's fails).
   */
  | { type: 'simulateDeviceLoss'; when?: 'now' | 'mid-tick' }
  /** A CSV file's bytes (parsed and checked in the worker, never on the page); its default columns apply at once. */
  | { type: 'loadCsv'; fileName: string; bytes: Uint8Array; dropMissing: boolean }
  /** Another label column or feature columns of the loaded CSV file (indices into its columns). */
  | { type: 'chooseCsvColumns'; label: number; features: number[] }
  /**
   * What a PyTorch script needs to rebuild the run (ui/export/pytorchScript.ts): a fresh twin of the run from
   * its seed trains `steps` steps on the side (the live run is untouched) and reports its initial θ, data,
   * batch rows, rates and minibatch losses as a `runExport` event.
   */
  | { type: 'exportRun'; runId: RunId; steps: number }
  /**
   * The same for a config that need not be a live run (a sweep's run, for the Optuna export: ui/export/
   * optunaExport.ts), with the rows the run's evaluations measure; answered by `configExport` with `requestId`.
   */
  | { type: 'exportConfig'; requestId: number; config: ExperimentConfig; steps: number }
  /** The page's heartbeat (worker/client.ts): the worker answers `pong` with the same id at once. */
  | { type: 'ping'; id: number }
  /**
   * Automation hook: the worker closes itself (dies without a word), throws an error nothing catches, or
   * stalls (its training awaits a promise that never settles while pings are still answered).
   */
  | { type: 'simulateWorkerFault'; fault: 'close' | 'throw' | 'stall' };

/** A run from its start, for the PyTorch export: enough to rebuild it bit for bit and check the first losses. */
export interface RunExportPayload {
  problem: Problem;
  /** The initial θ = [W₁, b₁, W₂, b₂, …] (engine/model/mlp.ts), float32 exactly as the run starts. */
  theta: Float32Array;
  /** The training examples, trainCount × inputSize (and × outputSize), row-major. */
  trainInputs: Float32Array;
  /** null for an autoencoder, whose targets are its inputs. */
  trainTargets: Float32Array | null;
  /**
   * A 2-D set whose inputs are features of its points (engine/data/features.ts, problem.inputFeatures other than
   * x₁, x₂): the points, trainCount × 2, from which the exported script computes those features; else null.
   */
  trainPoints?: Float32Array | null;
  trainCount: number;
  /** The batch size the steps use (the setting, clipped to the training set). */
  batchSize: number;
  /** The training rows of the first steps' minibatches, steps × batchSize. */
  rows: Int32Array;
  /** The minibatch loss before each of those steps' updates (as the LR range test records it). */
  losses: Float32Array;
  /** The learning rate and momentum each step used. */
  learningRates: Float64Array;
  momenta: Float64Array;
  /** The batch sampler's mulberry32 state before its first draw (engine/data/dataset.ts, engine/random.ts). */
  samplerState: number;
  /** The algorithm's per-run state (feedback alignment's B), as the run draws it; empty for most algorithms. */
  algorithmState: Float32Array[];
}

/** A config's export (`exportConfig`): the run from its start, and what its evaluations measure. */
export interface ConfigExportPayload extends RunExportPayload {
  /**
   * The evaluations' rows (engine/evaluationTensors.ts): the first `train` training, `validation` validation and
   * `test` test examples.
   */
  evaluationRows: { train: number; validation: number; test: number };
  /** Those test examples, evaluationRows.test × inputSize (and × outputSize; null for an autoencoder). */
  testInputs: Float32Array;
  testTargets: Float32Array | null;
  /** Those validation examples (null without a validation split; targets null for an autoencoder). */
  validationInputs: Float32Array | null;
  validationTargets: Float32Array | null;
}

export interface MetricPoint {
  step: number;
  epoch: number;
  examplesSeen: number;
  /** Milliseconds spent training this run (paused time excluded). */
  wallMs: number;
  /** Losses on the whole sets; the median over seeds for a repeated run. */
  trainLoss: number;
  testLoss: number;
  /** Share of points classified right (median over seeds); NaN for regression. */
  trainAccuracy: number;
  testAccuracy: number;
  /** Loss on the validation rows held out of training (median over seeds); NaN without a validation split. */
  validationLoss: number;
  /** Learning rate of the latest step; NaN before the first. */
  learningRate: number;
}

/** The points of a 2-input problem, for the plane views. */
export interface PointsPayload {
  /** n×2, row-major, in [−extent, extent]. */
  inputs: Float32Array;
  /** What colours each point: its class index, or its regression target. */
  targets: Float32Array;
}

/** The first test images of an image problem, shown beside their predictions or reconstructions. */
export interface GalleryPayload {
  /** count × width·height grey levels in [0, 1]. */
  images: Float32Array;
  /** Their class indices, when the data has classes. */
  labels: Uint8Array | null;
  count: number;
}

export type StatusLevel = 'info' | 'warning' | 'error';

/**
 * Something the page should tell the user, as a code and its numbers (state/runMessages.ts words it and picks
 * its level). The strings are names (a field, a data set) or reasons that come from elsewhere: the config's
 * own check, a data file, the browser's GPU driver, an exception.
 */
export type Notice =
  /** The worker's check of a run's config changed a value (the page checks first, so rarely seen). */
  | { code: 'config-problem'; field: string; message: string }
  /** simulateDeviceLoss on a backend without a WebGPU device. */
  | { code: 'no-device' }
  /** The backend that trains, and why the preferred ones were passed over (backendFacts.ts). */
  | { code: 'backend-fallback'; backend: BackendName; skipped: SkippedBackend[] }
  /** Not even the CPU backend started: every backend tried, and why each failed. */
  | { code: 'no-backend'; skipped: SkippedBackend[] }
  /** A run's data set cannot be built: the data set's own check says why (engine/data/dataSources.ts). */
  | { code: 'data-unavailable'; dataset: string; reason: string }
  /** A shipped data file a run needs could not be read: its path and why (worker/dataFacts.ts). */
  | { code: 'data-file-unavailable'; dataset: string; file: string; problem: ShippedFileProblem }
  /** The batch size is larger than the training set: each step uses all of it. */
  | { code: 'batch-clipped'; batchSize: number; trainCount: number }
  /** The WebGPU device was lost; the runs moved to `backend` (null if none started) at step `step`. */
  | { code: 'device-lost'; lost: DeviceLoss; backend: BackendName | null; step: number }
  /**
   * The WebGPU device was lost while work was in flight (a tick's steps or readback, a range test): the runs
   * moved to `backend` from their last snapshot, step `step`; `droppedSteps` steps of the first run had been
   * enqueued but never read back. During a range test, the sweep runs again on `backend` from that step.
   */
  | { code: 'device-lost-mid-tick'; lost: DeviceLoss; backend: BackendName | null; step: number; droppedSteps: number; during: 'tick' | 'range-test' }
  /** The run's schedule ended and the run paused; it goes on at `learningRate`. */
  | { code: 'schedule-ended'; schedule: ScheduleKind; atStep: number; learningRate: number }
  /**
   * Every run is paused with at least one at the training budget (engine/budget.ts: `budget` steps or epochs);
   * `steps`: the distinct step counts the runs stand at. Play trains nothing until the budget is raised; `atPlay`:
   * said because Play was pressed there (the page says it again, differently, and points at the budget).
   */
  | { code: 'budget-reached'; budget: number; unit: BudgetUnit; steps: number[]; atPlay?: boolean }
  /** An LR range test asked for a sweep that does not rise. */
  | { code: 'range-test-bad-sweep'; start: number; end: number }
  /** Training stopped on an exception. */
  | { code: 'worker-error'; message: string }
  /**
   * A run whose step (or evaluation) is estimated at more than a second (engine/cost.ts), or whose evaluations
   * measure fewer examples than usual: its numbers, said before it starts and again once its first step is
   * timed (`rateMeasured`).
   */
  | { code: 'heavy-run'; facts: HeavyRunFacts }
  /** The first tick of a heavy run under way: `stage` of it, `done` of `total` seeds through that stage. */
  | { code: 'heavy-progress'; stage: 'start' | 'step' | 'evaluate'; done: number; total: number }
  /**
   * In lockstep, the `waiting` runs take a step only as often as the `slowest` one, whose step is estimated at
   * `slowestStepMs`, `ratio` times theirs (worker/runNotices.ts); equal time would let each go at its own pace.
   */
  | { code: 'lockstep-wait'; slowest: RunId; waiting: RunId[]; ratio: number; slowestStepMs: number }
  /**
   * A new worker could not put a run back to the state the page kept (step `step`): `field` of it no longer fits
   * the run's settings (changed since); the run starts again from step 0.
   */
  | { code: 'resume-refused'; step: number; field: ResumeMisfit }
  /** The worker itself failed to load or run (posted by the page's client). */
  | { code: 'worker-crashed'; message: string }
  /**
   * The worker stopped answering: no message of it through `missedPings` pings `pingIntervalMs` apart (`error`:
   * the uncaught error it reported before, if any). Posted by the page's client, which started a new worker
   * with the `runs` runs' configs (`restarted`), or did not after `restarts` restarts. `resumeSteps`: per run, the
   * step of the state the page kept for it, from which the new worker puts it back (null: none kept, step 0).
   */
  | { code: 'worker-died'; missedPings: number; pingIntervalMs: number; error: string | null; restarted: boolean; runs: number; restarts: number; resumeSteps: (number | null)[] }
  /**
   * The worker has sent nothing through `missedPings` pings `pingIntervalMs` apart (fewer than make it dead):
   * it may be busy or dead. If it stays silent through `replaceAfterPings`, the client starts a new worker
   * (`restarts`: it would be restart `restarts + 1`; none past `maxRestarts`) and puts the `runs` runs back at
   * `resumeSteps` (as for worker-died). Posted by the page's client, and cleared when the worker answers.
   * `paused`: Pause was pressed meanwhile (the page shows paused; the worker, or a new one, stays paused);
   * `stepsWaiting`: steps asked for meanwhile, which it runs when it answers (or a new worker runs).
   */
  | {
      code: 'worker-silent';
      missedPings: number;
      pingIntervalMs: number;
      replaceAfterPings: number;
      restarts: number;
      maxRestarts: number;
      runs: number;
      resumeSteps: (number | null)[];
      paused: boolean;
      stepsWaiting: number;
    }
  /**
   * The worker still answered pings but trained nothing: playing, no tick for `silentMs` where a tick was
   * expected to take `expectedTickMs` (client.ts, stallWatch.ts). Posted by the page's client, which started a
   * new worker as for a dead one (`restarted`, `runs`, `restarts`, `resumeSteps` as there).
   */
  | { code: 'worker-stalled'; silentMs: number; expectedTickMs: number; restarted: boolean; runs: number; restarts: number; resumeSteps: (number | null)[] }
  /**
   * The worker reported an error nothing caught (or a message of it could not be read), and still answers;
   * what training did after it: `continues` (steps came), `stopped` (it paused), `stalled` (it plays, but no
   * step came through several pings), `idle` (it was not training). Posted by the page's client.
   */
  | { code: 'worker-uncaught'; message: string; training: 'continues' | 'stopped' | 'stalled' | 'idle' };

export type NoticeCode = Notice['code'];

/** What a heavy run costs (worker/runCost.ts). */
export interface HeavyRunFacts {
  backend: BackendName;
  parameters: number;
  batchSize: number;
  /** Floating-point operations of one step and of one evaluation. */
  stepFlops: number;
  evaluationFlops: number;
  /** This device's rate on this backend, operations per millisecond, measured or (before a step) assumed. */
  flopsPerMs: number;
  rateMeasured: boolean;
  /** Estimated milliseconds of a step and of an evaluation at that rate (a seed each). */
  stepMs: number;
  evaluationMs: number;
  /** Seeds trained side by side (each costs as much). */
  seeds: number;
  /** Rows the evaluations measure, and the rows they would measure for a smaller network. */
  evaluationRows: { train: number; test: number };
  fullRows: { train: number; test: number };
  /** Rows the run trains on: more than `fullRows.train` where evaluations are capped at EVALUATION_ROWS (engine/sessionTypes.ts). */
  trainCount: number;
  /** Smaller hidden layers whose steps are estimated under a tenth of a second, or null. */
  smallerHidden: number[] | null;
  /**
   * Set when the run is not diagnosed while it plays (layer targets, probes; a Step still is): a piece of its
   * diagnosis, on the plain path, is estimated at this many ms, over a second and longer than its step
   * (worker/runCost.ts), and would hold every command that long.
   */
  diagnosisHeldMs?: number;
}

export type WorkerEvent =
  /**
   * `detail`: the adapter or renderer as the browser names it ('' on the CPU, or unnamed); `cpuKernel`: on the CPU,
   * the loops its fused kernels run (else null). `skipped`: the preferred backends passed over, and why
   * (backendFacts.ts; empty when none was). `calibration`: what `auto` measured, where the backend is its pick
   * (calibrationFacts.ts); else null.
   */
  | { type: 'backend'; backend: BackendName; detail: string; cpuKernel: CpuKernel | null; skipped: SkippedBackend[]; calibration: CalibrationFacts | null }
  | {
      type: 'run';
      runId: RunId;
      problem: Problem;
      /** The points, for a 2-input problem; null otherwise. */
      train: PointsPayload | null;
      test: PointsPayload | null;
      gallery: GalleryPayload | null;
      parameterCount: number;
      /** The seeds this run trains (one unless repeated). */
      seeds: number[];
      /** Put back at this step from the state the page kept (configure's `resume`), not started from step 0. */
      resumedAt?: number;
    }
  | { type: 'runRemoved'; runId: RunId }
  | {
      type: 'tick';
      runId: RunId;
      metric: MetricPoint;
      /** A repeated run's losses per seed, in seed order; null for a single seed. */
      seedLosses: { train: number[]; test: number[] } | null;
      /** gridSize² × outputSize predictions over [−extent, extent]², row 0 at the top, or null when not recomputed. */
      grid: Float32Array | null;
      gridSize: number;
      /** The gallery's predictions (class probabilities or reconstructions), with the grid. */
      gallery: Float32Array | null;
      /** Test-set confusion counts (true × predicted, row-major), with the grid, for problems with classes. */
      confusion: Float32Array | null;
      /**
       * Per test example (the rows evaluated), 1 where the run's first seed predicts its label; with the confusion
       * matrix, else null. The page compares runs example by example with it (ui/charts/difficultyModel.ts).
       */
      correct: Uint8Array | null;
      /**
       * A repeated run's `correct` per seed, in seed order (the first is `correct`), with it; null for one seed.
       * Each seed draws its own split, so seed i is compared with other runs' seed i (ui/charts/useDifficulty.ts).
       */
      seedCorrect: (Uint8Array | null)[] | null;
      stepsPerSecond: number;
      /** The algorithm that made these steps, its measured cost per step (ms), and its targets. */
      algorithm: AlgorithmName;
      msPerStep: number | null;
      diagnostics: LayerDiagnostics[] | null;
      /** Every probe's reading of the tick's diagnosed step, combined over seeds as each probe declares. */
      probes: ProbeReadings | null;
      /** The per-unit view's reading, while the page shows it, at the diagnostics cadence (absent or null: none). */
      neurons?: NeuronsReading | null;
      /** Which kernels trained these steps: fused (many steps per call) or plain TF.js ops. */
      kernelPath: 'fused' | 'plain';
      /** The requestId of the step command that made this tick, if one did. */
      requestId: number | null;
      /** Learning rate and momentum of this tick's steps (decimated when many). */
      rates: RateLog;
    }
  /**
   * The first tick after Play has taken its steps (issued to the device), before its evaluation: the page's step
   * count moves now, not after an evaluation that takes 100–200 ms on WebGL on a software GPU (issue 18 §3). The
   * tick's `tick` event, with the same step, follows unless a command drops that evaluation.
   */
  | { type: 'stepped'; runId: RunId; step: number }
  /** A run diverged (one of its seeds): it paused itself and was put back to its best recent state. */
  | { type: 'diverged'; runId: RunId; seed: number; atStep: number; trainLoss: number; learningRate: number; restoredStep: number; restoredLoss: number }
  /** The regularisation penalty's pull against the data, while it dominates (ratio) or once it stops (null). */
  | { type: 'penalty'; runId: RunId; dominance: { regularization: Regularization; rate: number; ratio: number } | null }
  /**
   * Each algorithm's time per step on the run's weights (absent: too fast to measure), at this batch and with the
   * run's values of every algorithm's settings (`settings`, by field name: the page words them, e.g. "K = 10").
   */
  | { type: 'cost'; runId: RunId; msPerStep: Partial<Record<AlgorithmName, number>>; backend: BackendName; batchSize: number; settings: Readonly<Record<string, unknown>> }
  | { type: 'rangeTestProgress'; runId: RunId; curve: RangeTestCurve; done: number; total: number }
  /** The range test's result; the run was put back exactly as it was, at step `restoredStep`. */
  | { type: 'rangeTestResult'; runId: RunId; result: RangeTestResult; algorithm: AlgorithmName; restoredStep: number }
  | { type: 'playing'; playing: boolean }
  | { type: 'notice'; runId: RunId | null; notice: Notice }
  | { type: 'clearStatus'; code: string; runId: RunId | null }
  /** The loaded CSV file: its columns and those in use (runs on `dataset=custom` restart with them). */
  | { type: 'csvLoaded'; fileName: string; rows: number; columns: CsvColumnSummary[]; label: number; features: number[]; notes: string[] }
  /** Why a CSV file, or a choice of its columns, was refused; nothing changed. `error`: the CSV check's; null when columns were chosen with no file loaded here. */
  | { type: 'csvRejected'; fileName: string; error: CsvError | null }
  /** `exportRun` under way: the twin has taken `done` of its `total` steps (sent after each). */
  | { type: 'runExportProgress'; runId: RunId; done: number; total: number }
  /** The answer to `exportRun`: the run's export, or why there is none. */
  | { type: 'runExport'; runId: RunId; payload: RunExportPayload | null; error: ExportRefusal | null }
  /** The answer to `exportConfig`: the config's export, or why there is none. */
  | { type: 'configExport'; requestId: number; payload: ConfigExportPayload | null; error: ExportRefusal | null }
  /**
   * Every run's latest state (at one step in lockstep), sent now and then (worker/runResume.ts); the page's
   * client keeps the latest per run to itself, for a new worker should this one die.
   */
  | { type: 'runStates'; runs: RunResume[] }
  /** The answer to `ping` (the page's heartbeat); the client keeps it to itself. */
  | { type: 'pong'; id: number };

/** A CSV column as the page lists it. */
export interface CsvColumnSummary {
  name: string;
  kind: 'numeric' | 'categorical';
  distinct: number;
  /** Whether it can be a feature (numeric) or the label (numeric, or at most 50 categories). */
  selectable: boolean;
}
