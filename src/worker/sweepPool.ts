/**
 * The page's side of a sweep (issue 17 §2): a pool of sweep workers, one per core (at most one per run), each
 * given its next batch of runs as soon as it reports the last, so the workers share the runs however long each
 * takes. A batch is consecutive runs of the plan, at most RUNS_PER_COMMAND and a fair share of those left, which
 * the worker trains as one sweep job, so that runs of one shape train fused (issue 17 §8, cpuRunGroup.ts).
 * Progress counts every worker's steps; the time left extrapolates the steps done so far. A cancel stops the
 * runs in progress and keeps every finished result; the workers are ended once the sweep is over.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { SweepRunResult } from '../engine/sweep/types';
import type { SweepCsvFile, SweepRunFailure, SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';

export interface SweepWorkerLike {
  postMessage(command: SweepWorkerCommand): void;
  onmessage: ((event: MessageEvent<SweepWorkerEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface PoolRun {
  index: number;
  config: ExperimentConfig;
}

export interface PoolProgress {
  runsDone: number;
  runsFailed: number;
  runsTotal: number;
  /** Steps trained so far over all runs (finished runs count their budget), and in all. */
  stepsDone: number;
  stepsTotal: number;
  elapsedMs: number;
  /** Estimated from the steps done so far; null until a step is done. */
  remainingMs: number | null;
  workers: number;
}

export interface PoolListener {
  onResult(result: SweepRunResult, wallMs: number): void;
  /** Why, as facts (state/dataMessages.ts words them). */
  onFailed(index: number, failure: SweepRunFailure): void;
  onProgress(progress: PoolProgress): void;
  /** Once, when every run is done, failed or cancelled. */
  onDone(outcome: { cancelled: boolean }): void;
}

export interface PoolOptions {
  /** Steps a run trains (with `budgetEpochs`: the page's estimate, for the progress and the time left). */
  budgetSteps: number;
  checkpoints: number[];
  /** A budget in epochs of each run's own data, resolved in the worker (sweepJob.ts). */
  budgetEpochs?: number;
  /** A budget of training time per run, on each worker's own clock (sweepJob.ts). */
  budgetSeconds?: number;
  /** The session's CSV file, sent to every worker before its first run, for runs on `dataset=custom`. */
  csv?: SweepCsvFile;
  workers: number;
  createWorker?: () => SweepWorkerLike;
  now?: () => number;
}

export interface SweepPoolHandle {
  cancel(): void;
}

/**
 * The most runs one command carries: a CPU run group's size (sweepJob.ts GROUP_RUNS, which sweepPool.test checks;
 * not imported, so that the page does not load the engine).
 */
export const RUNS_PER_COMMAND = 16;

const newSweepWorker = (): SweepWorkerLike => new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module', name: 'locolab-sweep' });

/** Workers for `runs` runs on a device with `cores` logical cores: one per core, at least one, at most one per run. */
export function sweepWorkerCount(runs: number, cores: number | undefined): number {
  const available = Number.isInteger(cores) && (cores as number) > 0 ? (cores as number) : 1;
  return Math.max(1, Math.min(runs, available));
}

export function startSweepPool(runs: readonly PoolRun[], options: PoolOptions, listener: PoolListener): SweepPoolHandle {
  const now = options.now ?? (() => performance.now());
  const createWorker = options.createWorker ?? newSweepWorker;
  const started = now();
  const queue = [...runs];
  const stepsTotal = runs.length * options.budgetSteps;
  let finishedSteps = 0;
  let runsDone = 0;
  let runsFailed = 0;
  let cancelled = false;
  let over = false;
  /** Per worker: the runs of its batch not yet reported done, by index, with the steps reported for each. */
  const active = new Map<SweepWorkerLike, Map<number, number>>();

  const progress = (): void => {
    const inFlight = [...active.values()].reduce((sum, batch) => [...batch.values()].reduce((s, step) => s + step, sum), 0);
    const stepsDone = finishedSteps + inFlight;
    const elapsedMs = now() - started;
    // An epoch budget's total is an estimate: a run may take more steps than it said.
    const remainingMs = stepsDone > 0 ? (elapsedMs / stepsDone) * Math.max(0, stepsTotal - stepsDone) : null;
    listener.onProgress({ runsDone, runsFailed, runsTotal: runs.length, stepsDone, stepsTotal, elapsedMs, remainingMs, workers: workers.length });
  };

  const finishIfOver = (): void => {
    if (over || active.size > 0 || (queue.length > 0 && !cancelled)) return;
    over = true;
    workers.forEach((worker) => worker.terminate());
    progress();
    listener.onDone({ cancelled });
  };

  /** Hands `worker` its next batch: a fair share of the runs left among `sharers` workers, so that the last batches end together. */
  const next = (worker: SweepWorkerLike, sharers = workers.length): void => {
    active.delete(worker);
    const size = Math.min(RUNS_PER_COMMAND, Math.ceil(queue.length / Math.max(1, sharers)));
    const batch = cancelled ? [] : queue.splice(0, size);
    if (batch.length > 0) {
      active.set(worker, new Map(batch.map((run) => [run.index, 0])));
      const { budgetEpochs, budgetSeconds } = options;
      const budget = { ...(budgetEpochs === undefined ? {} : { budgetEpochs }), ...(budgetSeconds === undefined ? {} : { budgetSeconds }) };
      worker.postMessage({ type: 'runs', runs: batch.map(({ index, config }) => ({ index, config })), budgetSteps: options.budgetSteps, checkpoints: options.checkpoints, ...budget });
    }
    finishIfOver();
  };

  const received = (worker: SweepWorkerLike, event: SweepWorkerEvent): void => {
    const batch = active.get(worker);
    const index = 'result' in event ? event.result.index : event.index;
    if (!batch?.has(index)) return;
    switch (event.type) {
      case 'progress':
        batch.set(index, event.step);
        progress();
        return;
      case 'result':
        runsDone++;
        finishedSteps += options.budgetSteps;
        listener.onResult(event.result, event.wallMs);
        break;
      case 'failed':
        runsFailed++;
        finishedSteps += options.budgetSteps;
        listener.onFailed(event.index, event.failure);
        break;
      case 'cancelled':
        break;
    }
    batch.delete(index);
    if (batch.size === 0) next(worker);
    progress();
  };

  const workers = Array.from({ length: sweepWorkerCount(runs.length, options.workers) }, () => createWorker());
  for (const worker of workers) {
    worker.onmessage = (event) => received(worker, event.data);
    if (options.csv) worker.postMessage({ type: 'csv', file: options.csv });
    worker.onerror = (event) => {
      // A worker that failed to load or threw outside a run: its batch's runs fail by name and the worker is ended.
      event.preventDefault?.();
      const batch = active.get(worker);
      active.delete(worker);
      worker.terminate();
      const remaining = workers.filter((w) => w !== worker);
      workers.splice(0, workers.length, ...remaining);
      for (const index of batch?.keys() ?? []) {
        runsFailed++;
        finishedSteps += options.budgetSteps;
        listener.onFailed(index, { code: 'worker-stopped', message: event.message ?? '' });
      }
      if (workers.length === 0) {
        for (const queued of queue.splice(0)) {
          runsFailed++;
          listener.onFailed(queued.index, { code: 'no-worker' });
        }
      }
      finishIfOver();
      progress();
    };
  }
  if (runs.length === 0) finishIfOver();
  // At the start the runs are dealt among the workers not yet given any.
  else workers.forEach((worker, k) => next(worker, workers.length - k));

  return {
    cancel(): void {
      if (over || cancelled) return;
      cancelled = true;
      queue.length = 0;
      for (const worker of active.keys()) worker.postMessage({ type: 'cancel' });
      finishIfOver();
    },
  };
}
